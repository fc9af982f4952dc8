// Sends of articles: an external link card (news), a draft-box news item and a published article.
import type { NewsArticle, WeChatClient } from '@wxmp/core'
import { sendAs, type SendCustomOptions } from './send'
import { object } from './internal/object-arg'

/**
 * Sends a link card: one article (WeChat's limit since 2018) that opens `url`.
 *
 * @example
 * ```ts
 * await sendNews(wx, openid, { title: 'Your receipt', url: 'https://example.com/r/42', picUrl })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendNews(client: WeChatClient, openid: string, article: NewsArticle, options?: SendCustomOptions): Promise<void> {
  return object('article', article, async () =>
    sendAs('sendNews', client, openid, { type: 'news', articles: [article] }, options, ['message.articles[0]', 'article']),
  )
}

/**
 * Sends a news item from the draft box or materials (`mpnews` `media_id`).
 *
 * @example
 * ```ts
 * await sendMpNews(wx, openid, mediaId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendMpNews(client: WeChatClient, openid: string, mediaId: string, options?: SendCustomOptions): Promise<void> {
  return sendAs('sendMpNews', client, openid, { type: 'mpnews', mediaId }, options, ['message.', ''])
}

/**
 * Sends a published article by its `article_id`.
 *
 * @example
 * ```ts
 * await sendMpNewsArticle(wx, openid, articleId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendMpNewsArticle(client: WeChatClient, openid: string, articleId: string, options?: SendCustomOptions): Promise<void> {
  return sendAs('sendMpNewsArticle', client, openid, { type: 'mpnewsarticle', articleId }, options, ['message.', ''])
}
