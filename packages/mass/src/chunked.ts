// Sending to more openids than one /cgi-bin/message/mass/send takes, in even chunks.
import { assertOpenIds, assertOptions, type MassMessage, type WeChatClient } from '@wxmp/core'
import { createClientMsgId } from './client-msg-id'
import { assertClientMsgId, CLIENT_MSG_ID_MAX_BYTES, OPENIDS_MAX, OPENIDS_MIN } from './internal/wire'
import { SEND_OPTIONS, sendMassMessage, type MassSendResult, type SendMassOptions } from './send'

/**
 * Sends to any number of openids (at least 2) as several mass sends of at most 10,000 each, split
 * evenly so no chunk falls under WeChat's minimum of 2. Chunk `i` (from 1) carries the clientmsgid
 * `<clientMsgId>-<i>`, so running the same call again with the same `clientMsgId` after a failure
 * sends only the chunks that did not go out (the others come back `duplicate: true`).
 *
 * Chunks go out one after another; if one fails, the error is thrown and later chunks are not sent.
 *
 * @example
 * ```ts
 * const clientMsgId = `campaign-${campaign.id}`
 * const results = await sendMassMessageChunked(wx, openIds, { type: 'text', content: 'Sale today' }, { clientMsgId })
 * console.log(results.map((r) => r.msgId))
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */
export async function sendMassMessageChunked(
  client: WeChatClient,
  openIds: readonly string[],
  message: MassMessage,
  options: SendMassOptions = {},
): Promise<MassSendResult[]> {
  assertOptions('sendMassMessageChunked options', options, SEND_OPTIONS)
  assertOpenIds('openIds', openIds, { min: OPENIDS_MIN })
  const count = Math.ceil(openIds.length / OPENIDS_MAX)
  // Each chunk sends `<clientMsgId>-<n>`: the caller's id must leave room for the suffix within
  // WeChat's 64 bytes, and the error says so rather than counting bytes the caller never wrote.
  const suffix = `-${count}`.length
  if (options.clientMsgId !== undefined)
    assertClientMsgId(`clientMsgId (with room for the "-${count}" chunk suffix)`, options.clientMsgId, CLIENT_MSG_ID_MAX_BYTES - suffix)
  const base = options.clientMsgId ?? createClientMsgId()
  const size = Math.ceil(openIds.length / count)
  const results: MassSendResult[] = []
  for (let i = 0; i < count; i++) {
    const slice = openIds.slice(i * size, (i + 1) * size)
    results.push(await sendMassMessage(client, { openIds: slice }, message, { ...options, clientMsgId: `${base}-${i + 1}` }))
  }
  return results
}
