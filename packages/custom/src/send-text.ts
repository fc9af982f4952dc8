// sendText: the one send most apps make, in a file of its own (its bundle carries nothing else).
import { assertOpenId, assertString } from '@wxmp/core'
import type { WeChatClient } from '@wxmp/core'
import type { SendCustomOptions } from './send'
import { postCustom } from './internal/post'
import { TEXT_MAX_BYTES } from './internal/limits'

/**
 * Sends a text customer-service message (at most 2048 bytes of UTF-8; `<a href>` links allowed).
 *
 * @example
 * ```ts
 * await sendText(wx, openid, 'Thanks! We will call you back within the hour.')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export async function sendText(client: WeChatClient, openid: string, content: string, options: SendCustomOptions = {}): Promise<void> {
  assertOpenId('openid', openid)
  assertString('content', content, { maxBytes: TEXT_MAX_BYTES })
  // Text needs no field mapping ({ content } on both sides): going straight to the request keeps
  // the table of every other kind out of an app that only sends text.
  await postCustom(client, openid, { msgtype: 'text', text: { content } }, options, 'sendText')
}
