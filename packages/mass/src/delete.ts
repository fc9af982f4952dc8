// POST /cgi-bin/message/mass/delete: take down a sent mass message's article pages.
import { assertInteger, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { assertMsgId, jsonWithMsgId } from './internal/wire'

/** Options of {@link deleteMassMessage}. */
export interface DeleteMassOptions extends CallOptions {
  /** Delete only the article at this 1-based position; omit (or 0) to delete them all. */
  readonly articleIdx?: number
}

/**
 * Deletes a mass message that was sent successfully: its article (or video) pages stop opening;
 * users keep the card they received. Only `mpnews` and `mpvideo` sends can be deleted.
 *
 * @example
 * ```ts
 * await deleteMassMessage(wx, msgId)                    // every article
 * await deleteMassMessage(wx, msgId, { articleIdx: 2 }) // just the second
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */
export async function deleteMassMessage(client: WeChatClient, msgId: string, options: DeleteMassOptions = {}): Promise<void> {
  assertOptions('deleteMassMessage options', options, ['articleIdx', 'signal'])
  const id = assertMsgId('msgId', msgId)
  const articleIdx = options.articleIdx ?? 0
  assertInteger('articleIdx', articleIdx, { min: 0, max: 8 })
  await client.request('/cgi-bin/message/mass/delete', {
    method: 'POST',
    body: jsonWithMsgId(id, { article_idx: articleIdx }),
    headers: { 'content-type': 'application/json; charset=utf-8' },
    signal: options.signal,
  })
}
