// Publishing (发布能力): submit a draft, read a job's status, read, list and delete published articles.
import { assertInteger, assertOptions, assertString, toIdOrThrow, toIdString, type CallOptions, type WeChatClient } from '@wxmp/core'
import { iterateOffsets, listBody, type IterateOptions, type ListOptions } from './drafts'
import { assertMediaId, DRAFT_MAX_ARTICLES } from './internal/check'
import { publishedFromWire, seconds, statusFromWire, type WireArticle, type WireList, type WireStatus } from './internal/wire'
import type { Page, Published, PublishStatus } from './types'

const assertArticleId = (value: unknown): void => assertString('articleId', value, { max: 256, controls: 'none' })

/**
 * Submits a draft for publishing (发布: the article gets a permanent link, appears on the account's
 * page, and is not pushed to followers; a mass send does that). Publishing is a job: the answer's
 * `publishId` (an exact decimal string, 64-bit) is what {@link getPublishStatus} and
 * {@link waitForPublish} take, and WeChat pushes `PUBLISHJOBFINISH` with it when the job ends. The
 * draft leaves the box once published. Never retried: a repeat could publish twice.
 *
 * WeChat answers 48001 to accounts without the permission (since 2025-07: personal accounts and
 * unverified or unverifiable company accounts), 40007 to an unknown draft, 53503 to a draft that did
 * not pass the publish check, 53504 / 53505 when it must be finished on mp.weixin.qq.com.
 *
 * @example
 * ```ts
 * const { publishId } = await publishDraft(wx, mediaId)
 * const outcome = await waitForPublish(wx, publishId, { signal: AbortSignal.timeout(600_000) })
 * if (outcome.state === 'published') console.log(outcome.articles[0]?.url)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_submit
 */
export async function publishDraft(
  client: WeChatClient,
  mediaId: string,
  options: CallOptions = {},
): Promise<{ readonly publishId: string; readonly msgDataId: string | undefined }> {
  assertMediaId('mediaId', mediaId)
  assertOptions('publishDraft options', options, ['signal'])
  const answer = await client.request<{ publish_id?: unknown; msg_data_id?: unknown }>('/cgi-bin/freepublish/submit', {
    json: { media_id: mediaId },
    signal: options.signal,
  })
  if (answer.publish_id === undefined) throw new TypeError('WeChat answered freepublish/submit without a publish_id')
  return {
    publishId: toIdString(answer.publish_id),
    msgDataId: answer.msg_data_id === undefined ? undefined : toIdString(answer.msg_data_id),
  }
}

/**
 * Where a publish job stands: `publishing`, `published` (with `articleId` and each article's
 * permanent `url`), a failure (`original-check-failed`, `failed`, `review-failed`, with the 1-based
 * `failIdx` of the articles that failed), or `deleted` / `banned` afterwards. A read: retried on
 * -1 and network errors.
 *
 * @example
 * ```ts
 * const s = await getPublishStatus(wx, publishId)
 * if (s.state === 'review-failed') console.log('articles refused:', s.failIdx)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_get
 */
export async function getPublishStatus(client: WeChatClient, publishId: string, options: CallOptions = {}): Promise<PublishStatus> {
  const id = toIdOrThrow('publishId', publishId)
  assertOptions('getPublishStatus options', options, ['signal'])
  const answer = await client.request<WireStatus>('/cgi-bin/freepublish/get', {
    json: { publish_id: id },
    idempotent: true,
    signal: options.signal,
  })
  return statusFromWire(answer, id)
}

export interface DeletePublishedOptions extends CallOptions {
  /** The article to delete, 1-based; omitted (or 0): every article of the publish. @default 0 */
  readonly index?: number
}

/**
 * Deletes a published article (its link stops working), or all of a publish's articles. This
 * cannot be undone. Not retried.
 *
 * @example
 * ```ts
 * await deletePublished(wx, articleId, { index: 2 })   // only the second article
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublishdelete
 */
export async function deletePublished(client: WeChatClient, articleId: string, options: DeletePublishedOptions = {}): Promise<void> {
  assertArticleId(articleId)
  assertOptions('deletePublished options', options, ['index', 'signal'])
  if (options.index !== undefined) assertInteger('options.index', options.index, { min: 0, max: DRAFT_MAX_ARTICLES })
  await client.request('/cgi-bin/freepublish/delete', {
    json: { article_id: articleId, index: options.index ?? 0 },
    signal: options.signal,
  })
}

/**
 * A published article by the `articleId` its publish job gave: every article, each with its
 * permanent `url` and whether it was `deleted`.
 *
 * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublishgetarticle
 */
export async function getPublishedArticle(client: WeChatClient, articleId: string, options: CallOptions = {}): Promise<Published> {
  assertArticleId(articleId)
  assertOptions('getPublishedArticle options', options, ['signal'])
  const answer = await client.request<{ news_item?: readonly WireArticle[] }>('/cgi-bin/freepublish/getarticle', {
    json: { article_id: articleId },
    idempotent: true,
    signal: options.signal,
  })
  return { articleId, articles: (answer.news_item ?? []).map(publishedFromWire), updateTime: 0 }
}

/**
 * One page of what the account published (through publishing, not mass sends: WeChat lists those
 * nowhere), latest first.
 *
 * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_batchget
 */
export async function listPublished(client: WeChatClient, options: ListOptions = {}): Promise<Page<Published>> {
  const json = listBody('listPublished', options)
  const answer = await client.request<WireList>('/cgi-bin/freepublish/batchget', { json, idempotent: true, signal: options.signal })
  const items = (answer.item ?? []).map((i) => ({
    articleId: i.article_id ?? '',
    articles: (i.content?.news_item ?? []).map(publishedFromWire),
    updateTime: seconds(i.update_time),
  }))
  return { totalCount: Number(answer.total_count ?? items.length), items }
}

/**
 * Every publish, page by page (one page of at most 20 in memory at a time).
 *
 * @example
 * ```ts
 * for await (const p of iteratePublished(wx, { noContent: true })) console.log(p.articleId, p.articles.map((a) => a.url))
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_batchget
 */
export function iteratePublished(client: WeChatClient, options: IterateOptions = {}): AsyncGenerator<Published, void, undefined> {
  return iterateOffsets('iteratePublished', options, (o) => listPublished(client, o))
}
