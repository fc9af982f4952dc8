// News (图文) for mass sending: uploadnews stores articles and answers a media id that
// message/mass/sendall and message/mass/send take as `mpnews.media_id`.
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
 * Uploads 1 to 8 articles as a news item for mass sending. Each cover (`thumbMediaId`) is a thumb
 * or image media id; content must be under 20,000 characters and 1 MB. WeChat now points mass
 * news at the draft box; this is the long-standing path and still works.
 *
 * @example
 * ```ts
 * const thumb = await uploadTemporaryMedia(wx, 'thumb', cover, { filename: 'cover.jpg' })
 * const news = await uploadNews(wx, [{ title: 'Spring sale', thumbMediaId: thumb.mediaId, content: '<p>20% off</p>' }])
 * // send it with @wxmp/mass as an mpnews mass message: { mediaId: news.mediaId }
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_uploadnewsmsg
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
