// The one place the draft box and publishing change between our camelCase and WeChat's snake_case.
// https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add
// https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_get
import { toIdString } from '@wxmp/core'
import type { CropBox, DraftArticle, PublishJobFinishPush, PublishStatus, PublishedArticle, PublishedLink, StoredArticle } from '../types'

export interface WireArticle {
  readonly article_type?: string
  readonly title?: string
  readonly author?: string
  readonly digest?: string
  readonly content?: string
  readonly content_source_url?: string
  readonly thumb_media_id?: string
  readonly thumb_url?: string
  readonly need_open_comment?: number
  readonly only_fans_can_comment?: number
  readonly pic_crop_235_1?: string
  readonly pic_crop_1_1?: string
  readonly image_info?: { readonly image_list?: readonly { readonly image_media_id?: string }[] }
  readonly url?: string
  readonly is_deleted?: boolean
}

export interface WireListItem {
  readonly media_id?: string
  readonly article_id?: string
  readonly content?: { readonly news_item?: readonly WireArticle[] }
  readonly update_time?: number | string
}

export interface WireList {
  readonly total_count?: number
  readonly item_count?: number
  readonly item?: readonly WireListItem[]
}

export interface WireStatus {
  readonly publish_id?: number | string
  readonly publish_status?: number
  readonly article_id?: string
  readonly article_detail?: { readonly count?: number; readonly item?: readonly { readonly idx?: number; readonly article_url?: string }[] }
  readonly fail_idx?: readonly number[]
}

const crop = (b: CropBox) => `${b.x1}_${b.y1}_${b.x2}_${b.y2}`
const flag = (b: boolean | undefined) => (b ? 1 : 0)

/** A checked article in draft/add's form. */
export function articleToWire(a: DraftArticle): WireArticle {
  const common = {
    title: a.title,
    ...(a.author === undefined ? {} : { author: a.author }),
    ...(a.digest === undefined ? {} : { digest: a.digest }),
    content: a.content,
    ...(a.contentSourceUrl === undefined ? {} : { content_source_url: a.contentSourceUrl }),
    need_open_comment: flag(a.needOpenComment),
    only_fans_can_comment: flag(a.onlyFansCanComment),
  }
  if (a.type === 'newspic')
    return { article_type: 'newspic', ...common, image_info: { image_list: a.imageMediaIds.map((id) => ({ image_media_id: id })) } }
  // article_type left out for news: WeChat's default, and the doc's own example sends none.
  return {
    ...common,
    thumb_media_id: a.thumbMediaId,
    ...(a.coverCrop?.wide ? { pic_crop_235_1: crop(a.coverCrop.wide) } : {}),
    ...(a.coverCrop?.square ? { pic_crop_1_1: crop(a.coverCrop.square) } : {}),
  }
}

function cropFromWire(s: string | undefined): CropBox | undefined {
  const n = s?.split('_').map(Number)
  if (!n || n.length !== 4 || n.some((v) => !Number.isFinite(v))) return undefined
  return { x1: n[0]!, y1: n[1]!, x2: n[2]!, y2: n[3]! }
}

export function articleFromWire(w: WireArticle): StoredArticle {
  const common = {
    title: w.title ?? '',
    author: w.author ?? '',
    digest: w.digest ?? '',
    content: w.content ?? '',
    contentSourceUrl: w.content_source_url ?? '',
    needOpenComment: Number(w.need_open_comment) === 1,
    onlyFansCanComment: Number(w.only_fans_can_comment) === 1,
    url: w.url ?? '',
  }
  if (w.article_type === 'newspic') {
    return { type: 'newspic', ...common, imageMediaIds: (w.image_info?.image_list ?? []).map((i) => i.image_media_id ?? '') }
  }
  const wide = cropFromWire(w.pic_crop_235_1)
  const square = cropFromWire(w.pic_crop_1_1)
  return {
    type: 'news',
    ...common,
    thumbMediaId: w.thumb_media_id ?? '',
    thumbUrl: w.thumb_url || undefined,
    coverCrop: wide || square ? { ...(wide ? { wide } : {}), ...(square ? { square } : {}) } : undefined,
  }
}

export const publishedFromWire = (w: WireArticle): PublishedArticle => ({ ...articleFromWire(w), deleted: w.is_deleted === true })

export const seconds = (v: unknown): number => (Number.isFinite(Number(v)) ? Number(v) : 0)

const FAILED = { 2: 'original-check-failed', 3: 'failed', 4: 'review-failed' } as const

/** A status from freepublish/get's answer or a PUBLISHJOBFINISH push, in one shape. */
function status(
  publishId: string,
  code: number,
  articleId: string | undefined,
  links: readonly PublishedLink[],
  failIdx: readonly number[],
): PublishStatus {
  switch (code) {
    case 0:
      return { state: 'published', status: 0, publishId, articleId: articleId ?? '', articles: links }
    case 1:
      return { state: 'publishing', status: 1, publishId }
    case 2:
    case 3:
    case 4:
      return { state: FAILED[code], status: code, publishId, failIdx }
    case 5:
      return { state: 'deleted', status: 5, publishId, articleId }
    case 6:
      return { state: 'banned', status: 6, publishId, articleId }
    default:
      return { state: 'unknown', status: code, publishId }
  }
}

export function statusFromWire(w: WireStatus, asked: string): PublishStatus {
  const publishId = w.publish_id === undefined ? asked : toIdString(w.publish_id)
  const links = (w.article_detail?.item ?? []).map((i) => ({ idx: Number(i.idx), url: i.article_url ?? '' }))
  return status(publishId, Number(w.publish_status), w.article_id || undefined, links, (w.fail_idx ?? []).map(Number))
}

export function statusFromPush(p: PublishJobFinishPush): PublishStatus {
  const links = (p.articles ?? []).map((a) => ({ idx: a.idx, url: a.articleUrl }))
  return status(p.publishId, p.publishStatus, p.articleId, links, p.failIdx ?? [])
}
