// News (图文) for mass sending the old way: uploadnews stores articles under a temporary media id
// that mass sends take as `mpnews.media_id`. Its page now says the draft box replaced it.
import { assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { articleToWire, checkArticles, seconds, type NewsArticle } from './internal/wire'

/** What {@link uploadNews} returns. */
export interface UploadedNews {
  readonly type: 'news'
  /** For `mpnews` mass messages. */
  readonly mediaId: string
  /** Upload time, epoch seconds. */
  readonly createdAt: number
}

/**
 * Uploads 1 to 8 articles as a news item for mass sending, under a temporary media id. Each cover
 * (`thumbMediaId`) is a thumb or image media id; content must be under 20,000 characters.
 *
 * Superseded: the doc page says this capability "has been updated to the draft box"
 * (该能力已更新为草稿箱), and WeChat's staff answer that the id is temporary and mass-sent articles
 * should be made with the draft box. Prefer `addDraft` from @wxmp/publish: its media id does not
 * expire, can be previewed, mass-sent (`sendMassMessage` with `{ type: 'mpnews', mediaId }`) and
 * published. This call still works for code that has it.
 *
 * @example
 * ```ts
 * const thumb = await uploadTemporaryMedia(wx, 'thumb', cover, { filename: 'cover.jpg' })
 * const news = await uploadNews(wx, [{ title: 'Spring sale', thumbMediaId: thumb.mediaId, content: '<p>20% off</p>' }])
 * // send it with @wxmp/mass as an mpnews mass message: { mediaId: news.mediaId }
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_uploadnewsmsg
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add
 */
export async function uploadNews(client: WeChatClient, articles: readonly NewsArticle[], options: CallOptions = {}): Promise<UploadedNews> {
  assertOptions('uploadNews options', options, ['signal'])
  checkArticles('articles', articles)
  const answer = await client.request<{ media_id?: unknown; created_at?: unknown }>('/cgi-bin/media/uploadnews', {
    json: { articles: articles.map(articleToWire) },
    signal: options.signal,
  })
  if (typeof answer.media_id !== 'string') throw new TypeError('WeChat answered uploadnews without a media_id')
  return { type: 'news', mediaId: answer.media_id, createdAt: seconds(answer.created_at) }
}
