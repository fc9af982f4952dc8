// News materials (permanent 图文): add and update one article. WeChat moved new news to the
// draft box in 2022; these paths still serve accounts and items created before.
import { assertInteger, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { articleToWire, assertMediaId, checkArticle, checkArticles, MAX_ARTICLES, type NewsArticle } from './internal/wire'

/**
 * Adds a permanent news material of 1 to 8 articles; covers (`thumbMediaId`) must be permanent
 * image or thumb materials. Returns its media id.
 *
 * @deprecated WeChat retired `material/add_news` in 2022-02: it answers 45103 or 45106 ("This API
 * has been unsupported") for every account. Make articles in the draft box instead: `addDraft`
 * from @wxmp/publish; its media id is what publishing and mpnews mass sends take. Reading old news
 * materials (`getMaterial`, `iterateMaterials`) still works.
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add
 * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
 */
export async function addNewsMaterial(
  client: WeChatClient,
  articles: readonly NewsArticle[],
  options: CallOptions = {},
): Promise<{ readonly mediaId: string }> {
  assertOptions('addNewsMaterial options', options, ['signal'])
  checkArticles('articles', articles)
  const answer = await client.request<{ media_id?: unknown }>('/cgi-bin/material/add_news', {
    json: { articles: articles.map(articleToWire) },
    signal: options.signal,
  })
  if (typeof answer.media_id !== 'string') throw new TypeError('WeChat answered add_news without a media_id')
  return { mediaId: answer.media_id }
}

/**
 * Replaces one article of a news material; `index` is its 0-based position.
 *
 * @deprecated WeChat retired `material/update_news` in 2022-02: it answers 45103 or 45106 ("This
 * API has been unsupported") for every account. Edit drafts instead: `updateDraft` from
 * @wxmp/publish.
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_update
 * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Editing_Permanent_Rich_Media_Assets.html
 */
export async function updateNewsMaterial(
  client: WeChatClient,
  mediaId: string,
  index: number,
  article: NewsArticle,
  options: CallOptions = {},
): Promise<void> {
  assertOptions('updateNewsMaterial options', options, ['signal'])
  assertMediaId('mediaId', mediaId)
  assertInteger('index', index, { min: 0, max: MAX_ARTICLES - 1 })
  checkArticle('article', article)
  await client.request('/cgi-bin/material/update_news', {
    json: { media_id: mediaId, index, articles: articleToWire(article) },
    signal: options.signal,
  })
}
