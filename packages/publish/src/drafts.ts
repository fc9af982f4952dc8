// The draft box (草稿箱): add, read, update one article, delete, count, list and iterate drafts.
import { assertInteger, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { assertArticle, assertArticles, assertMediaId, DRAFT_MAX_ARTICLES } from './internal/check'
import { articleFromWire, articleToWire, seconds, type WireArticle, type WireList } from './internal/wire'
import type { Draft, DraftArticle, Page, StoredArticle } from './types'

/** Largest page of draft/batchget and freepublish/batchget. */
export const LIST_MAX_COUNT = 20

/**
 * Puts a draft of 1–8 articles in the draft box and returns its `mediaId`: what
 * {@link publishDraft} publishes and what a mass `mpnews` send or preview takes (@wxmp/mass). Every
 * documented limit is checked first (title 32, author 16, digest 128 characters, content under
 * 20,000 characters, source link 1 KB, 1–20 images for `newspic`), naming the field.
 * Not retried (a repeat would make a second draft).
 *
 * WeChat refuses a cover or image that is not a permanent image material with 40007.
 *
 * @example
 * ```ts
 * const cover = await addMaterial(wx, 'image', jpegBytes, { filename: 'cover.jpg' })   // @wxmp/media
 * const { url } = await uploadArticleImage(wx, chartPng, { filename: 'chart.png' })  // images inside the body
 * const { mediaId } = await addDraft(wx, [{ title: 'Spring menu', content: `<p><img src="${url}"></p>`, thumbMediaId: cover.mediaId }])
 * ```
 * @throws TypeError | RangeError for bad input, before any request; WeChatApiError for WeChat's refusal.
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add
 */
export async function addDraft(
  client: WeChatClient,
  articles: readonly DraftArticle[],
  options: CallOptions = {},
): Promise<{ readonly mediaId: string }> {
  assertArticles(articles)
  assertOptions('addDraft options', options, ['signal'])
  const answer = await client.request<{ media_id?: string }>('/cgi-bin/draft/add', {
    json: { articles: articles.map(articleToWire) },
    signal: options.signal,
  })
  if (typeof answer.media_id !== 'string') throw new TypeError('WeChat answered draft/add without a media_id')
  return { mediaId: answer.media_id }
}

/**
 * Reads a draft: its articles (each with `url`, WeChat's temporary preview link). An unknown id,
 * or a draft already published or mass-sent (it leaves the box), answers 40007.
 *
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_getdraft
 */
export async function getDraft(client: WeChatClient, mediaId: string, options: CallOptions = {}): Promise<Draft> {
  assertMediaId('mediaId', mediaId)
  assertOptions('getDraft options', options, ['signal'])
  const answer = await client.request<{ news_item?: readonly WireArticle[] }>('/cgi-bin/draft/get', {
    json: { media_id: mediaId },
    idempotent: true,
    signal: options.signal,
  })
  return { mediaId, articles: (answer.news_item ?? []).map(articleFromWire), updateTime: 0 }
}

/**
 * Replaces the article at `index` (0-based, as WeChat counts here) of a draft. The article is
 * checked like {@link addDraft}'s. An index past the draft's articles answers an errcode.
 *
 * @example
 * ```ts
 * await updateDraft(wx, mediaId, 0, { title: 'Spring menu (updated)', content, thumbMediaId })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_update
 */
export async function updateDraft(
  client: WeChatClient,
  mediaId: string,
  index: number,
  article: DraftArticle,
  options: CallOptions = {},
): Promise<void> {
  assertMediaId('mediaId', mediaId)
  assertInteger('index', index, { min: 0, max: DRAFT_MAX_ARTICLES - 1 })
  assertArticle('article', article)
  assertOptions('updateDraft options', options, ['signal'])
  // Replacing the same article with the same content twice changes nothing: safe to retry.
  await client.request('/cgi-bin/draft/update', {
    json: { media_id: mediaId, index, articles: articleToWire(article) },
    idempotent: true,
    signal: options.signal,
  })
}

/**
 * Deletes a draft, for good. Not retried: a repeat after a lost answer would report 40007 for a
 * draft that is gone.
 *
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_delete
 */
export async function deleteDraft(client: WeChatClient, mediaId: string, options: CallOptions = {}): Promise<void> {
  assertMediaId('mediaId', mediaId)
  assertOptions('deleteDraft options', options, ['signal'])
  await client.request('/cgi-bin/draft/delete', { json: { media_id: mediaId }, signal: options.signal })
}

/**
 * How many drafts the box holds.
 *
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_count
 */
export async function countDrafts(client: WeChatClient, options: CallOptions = {}): Promise<number> {
  assertOptions('countDrafts options', options, ['signal'])
  const answer = await client.request<{ total_count?: number }>('/cgi-bin/draft/count', { signal: options.signal })
  return Number(answer.total_count ?? 0)
}

export interface ListOptions extends CallOptions {
  /** Start at this position, 0 for the first (latest). @default 0 */
  readonly offset?: number
  /** Items in the page, 1 to 20. @default 20 */
  readonly count?: number
  /** Leave `content` out of the articles (it comes back as ''). @default false */
  readonly noContent?: boolean
}

export interface IterateOptions extends CallOptions {
  /** Items per request, 1 to 20. @default 20 */
  readonly pageSize?: number
  /** Leave `content` out. @default false */
  readonly noContent?: boolean
}

/** Checks list options; the body draft/batchget and freepublish/batchget take. */
export function listBody(name: string, options: ListOptions): { offset: number; count: number; no_content: 0 | 1 } {
  assertOptions(`${name} options`, options, ['offset', 'count', 'noContent', 'signal'])
  const offset = options.offset ?? 0
  const count = options.count ?? LIST_MAX_COUNT
  assertInteger('options.offset', offset, { min: 0 })
  assertInteger('options.count', count, { min: 1, max: LIST_MAX_COUNT })
  if (options.noContent !== undefined && typeof options.noContent !== 'boolean') throw new TypeError(`options.noContent must be a boolean`)
  return { offset, count, no_content: options.noContent ? 1 : 0 }
}

/** Pages through a batchget list: one page in memory at a time. */
export async function* iterateOffsets<T>(
  name: string,
  options: IterateOptions,
  page: (o: ListOptions) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  assertOptions(`${name} options`, options, ['pageSize', 'noContent', 'signal'])
  const count = options.pageSize ?? LIST_MAX_COUNT
  assertInteger('options.pageSize', count, { min: 1, max: LIST_MAX_COUNT })
  let offset = 0
  for (;;) {
    const p = await page({
      offset,
      count,
      ...(options.noContent === undefined ? {} : { noContent: options.noContent }),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    yield* p.items
    offset += p.items.length
    // An empty page ends it too: a total that shrank under us must not loop forever.
    if (p.items.length === 0 || offset >= p.totalCount) return
  }
}

/**
 * One page of the draft box, latest first.
 *
 * @example
 * ```ts
 * const { totalCount, items } = await listDrafts(wx, { offset: 0, count: 10, noContent: true })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_batchget
 */
export async function listDrafts(client: WeChatClient, options: ListOptions = {}): Promise<Page<Draft>> {
  const json = listBody('listDrafts', options)
  const answer = await client.request<WireList>('/cgi-bin/draft/batchget', { json, idempotent: true, signal: options.signal })
  const items = (answer.item ?? []).map((i) => ({
    mediaId: i.media_id ?? '',
    articles: (i.content?.news_item ?? []).map(articleFromWire) as readonly StoredArticle[],
    updateTime: seconds(i.update_time),
  }))
  return { totalCount: Number(answer.total_count ?? items.length), items }
}

/**
 * Every draft, page by page (one page of at most 20 in memory at a time).
 *
 * @example
 * ```ts
 * for await (const draft of iterateDrafts(wx, { noContent: true })) console.log(draft.mediaId, draft.articles[0]?.title)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_batchget
 */
export function iterateDrafts(client: WeChatClient, options: IterateOptions = {}): AsyncGenerator<Draft, void, undefined> {
  return iterateOffsets('iterateDrafts', options, (o) => listDrafts(client, o))
}
