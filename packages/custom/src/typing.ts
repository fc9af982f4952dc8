// POST /cgi-bin/message/custom/typing: the "typing..." indicator in the user's chat.
import { assertBoolean, assertOpenId, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'

/**
 * Shows (`true`) or hides (`false`) "typing..." in the user's chat with the account. WeChat shows
 * it for at most 15 seconds, or until the next message; like a send, it needs the 48-hour window.
 *
 * @example
 * ```ts
 * await setTyping(wx, openid, true)
 * const answer = await lookUpOrder()
 * await sendText(wx, openid, answer)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export async function setTyping(client: WeChatClient, openid: string, typing: boolean, options: CallOptions = {}): Promise<void> {
  assertOptions('setTyping options', options, ['signal'])
  assertOpenId('openid', openid)
  assertBoolean('typing', typing)
  // Setting the same state twice is harmless, so a retry after a lost answer is safe.
  await client.request('/cgi-bin/message/custom/typing', {
    json: { touser: openid, command: typing ? 'Typing' : 'CancelTyping' },
    idempotent: true,
    signal: options.signal,
  })
}
