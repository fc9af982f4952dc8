// Permanent material counts and lists: a page function and an iterator over all pages.
import { assertInteger, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { articleFromWire, seconds, type NewsArticleInfo, type WireArticleInfo } from './internal/wire'

/** Kinds `listMaterials` lists (thumbs are listed with images). */
export type MaterialListType = 'image' | 'voice' | 'video' | 'news'

/** Numbers of permanent materials by kind. */
export interface MaterialCount {
  readonly imageCount: number
  readonly voiceCount: number
  readonly videoCount: number
  readonly newsCount: number
}

/** An image, voice or video material in a list. */
export interface FileMaterialItem {
  readonly mediaId: string
  /** File name. */
  readonly name: string
  /** Last update, epoch seconds. */
  readonly updateTime: number
  /** Where WeChat serves it (images); undefined for the other kinds. */
  readonly url: string | undefined
}

/** A news material in a list. */
export interface NewsMaterialItem {
  readonly mediaId: string
  readonly articles: readonly NewsArticleInfo[]
  /** Last update, epoch seconds. */
  readonly updateTime: number
}

/** The item type a list of `T` holds. */
export type MaterialItemOf<T extends MaterialListType> = T extends 'news' ? NewsMaterialItem : FileMaterialItem

/** One page of a material list. */
export interface MaterialPage<Item> {
  /** Materials of this kind in all. */
  readonly totalCount: number
  readonly itemCount: number
  readonly items: readonly Item[]
}

/** Options of {@link listMaterials}. */
export interface ListMaterialsOptions extends CallOptions {
  /** Position of the first item, 0-based. @default 0 */
  readonly offset?: number
  /** Items per page, 1 to 20. @default 20 */
  readonly count?: number
}

/** Options of {@link iterateMaterials}. */
export interface IterateMaterialsOptions extends CallOptions {
  /** Items per request, 1 to 20. @default 20 */
  readonly pageSize?: number
}

interface WireItem {
  media_id?: string
  name?: string
  update_time?: number | string
  url?: string
  content?: { news_item?: WireArticleInfo[]; update_time?: number | string }
}

const LIST_TYPES: readonly MaterialListType[] = ['image', 'voice', 'video', 'news']
/** WeChat's page size limit for batchget_material. */
const MAX_PAGE = 20

/**
 * Counts permanent materials by kind.
 *
 * @example
 * ```ts
 * const { imageCount, videoCount } = await getMaterialCount(wx)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_the_total_of_all_materials.html
 */
export async function getMaterialCount(client: WeChatClient, options: CallOptions = {}): Promise<MaterialCount> {
  assertOptions('getMaterialCount options', options, ['signal'])
  const answer = await client.request<Record<string, unknown>>('/cgi-bin/material/get_materialcount', { signal: options.signal })
  return {
    imageCount: Number(answer.image_count ?? 0),
    voiceCount: Number(answer.voice_count ?? 0),
    videoCount: Number(answer.video_count ?? 0),
    newsCount: Number(answer.news_count ?? 0),
  }
}

/**
 * Lists one page (up to 20) of permanent materials of a kind, newest first.
 *
 * @example
 * ```ts
 * const page = await listMaterials(wx, 'image', { offset: 0, count: 20 })
 * console.log(page.totalCount, page.items.map((i) => i.name))
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_batchgetmaterial
 */
export async function listMaterials<T extends MaterialListType>(
  client: WeChatClient,
  type: T,
  options: ListMaterialsOptions = {},
): Promise<MaterialPage<MaterialItemOf<T>>> {
  assertOptions('listMaterials options', options, ['offset', 'count', 'signal'])
  if (!LIST_TYPES.includes(type)) throw new RangeError(`type must be one of ${LIST_TYPES.join(', ')}, got ${JSON.stringify(type)}`)
  const offset = options.offset ?? 0
  const count = options.count ?? MAX_PAGE
  assertInteger('options.offset', offset, { min: 0 })
  assertInteger('options.count', count, { min: 1, max: MAX_PAGE })
  const answer = await client.request<{ total_count?: unknown; item_count?: unknown; item?: WireItem[] }>(
    '/cgi-bin/material/batchget_material',
    {
      json: { type, offset, count },
      idempotent: true,
      signal: options.signal,
    },
  )
  const items = (answer.item ?? []).map((item) => (type === 'news' ? newsItem(item) : fileItem(item))) as MaterialItemOf<T>[]
  return { totalCount: Number(answer.total_count ?? 0), itemCount: Number(answer.item_count ?? items.length), items }
}

/**
 * Every permanent material of a kind, page by page (one page in memory at a time).
 *
 * @example
 * ```ts
 * for await (const video of iterateMaterials(wx, 'video')) console.log(video.mediaId, video.name)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_batchgetmaterial
 */
export async function* iterateMaterials<T extends MaterialListType>(
  client: WeChatClient,
  type: T,
  options: IterateMaterialsOptions = {},
): AsyncGenerator<MaterialItemOf<T>, void, undefined> {
  assertOptions('iterateMaterials options', options, ['pageSize', 'signal'])
  const count = options.pageSize ?? MAX_PAGE
  assertInteger('options.pageSize', count, { min: 1, max: MAX_PAGE })
  let offset = 0
  for (;;) {
    const page = await listMaterials(client, type, { offset, count, signal: options.signal })
    yield* page.items
    offset += page.items.length
    // An empty page ends it too: a total that shrank under us must not loop forever.
    if (page.items.length === 0 || offset >= page.totalCount) return
  }
}

function fileItem(item: WireItem): FileMaterialItem {
  return {
    mediaId: item.media_id ?? '',
    name: item.name ?? '',
    updateTime: seconds(item.update_time),
    url: item.url ? item.url : undefined,
  }
}

function newsItem(item: WireItem): NewsMaterialItem {
  return {
    mediaId: item.media_id ?? '',
    articles: (item.content?.news_item ?? []).map(articleFromWire),
    updateTime: seconds(item.update_time ?? item.content?.update_time),
  }
}
