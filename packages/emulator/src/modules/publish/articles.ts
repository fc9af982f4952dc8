// Checking draft articles the way WeChat's draft/add and draft/update do.
// https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add
import type { Context } from 'hono'
import type { AppState } from '../../context'
import { wxError } from '../../wechat'
import { mediaOf } from '../media'
import type { DraftArticle } from './state'

export const MAX_ARTICLES = 8
const TITLE_MAX = 32
const AUTHOR_MAX = 16
const DIGEST_MAX = 128
const CONTENT_MAX_CHARS = 20_000
const CONTENT_MAX_BYTES = 1024 * 1024
const SOURCE_URL_MAX_BYTES = 1024
const IMAGES_MAX = 20
const CROP = /^(?:0(?:\.\d+)?|1(?:\.0+)?)_(?:0(?:\.\d+)?|1(?:\.0+)?)_(?:0(?:\.\d+)?|1(?:\.0+)?)_(?:0(?:\.\d+)?|1(?:\.0+)?)$/

const chars = (s: string) => [...s].length
const bytes = (s: string) => Buffer.byteLength(s)

/** A permanent image (or thumb) material of the app: covers and newspic images must be one. */
function isPermanentImage(app: AppState, id: unknown, now: number): boolean {
  if (typeof id !== 'string' || id === '') return false
  const item = mediaOf(app).get(id, now)
  return item?.kind === 'file' && item.scope === 'permanent' && (item.type === 'image' || item.type === 'thumb')
}

/** The article in stored form, or WeChat's answer for the first problem found. */
export function checkArticle(c: Context, app: AppState, raw: unknown, now: number): DraftArticle | Response {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return wxError(c, 47001)
  const a = raw as Record<string, unknown>
  const type = a.article_type ?? 'news'
  if (type !== 'news' && type !== 'newspic') return wxError(c, 40035)
  if (typeof a.title !== 'string' || a.title === '') return wxError(c, 44003)
  if (chars(a.title) > TITLE_MAX) return wxError(c, 45003, 'title size out of limit')
  if (a.author !== undefined && (typeof a.author !== 'string' || chars(a.author) > AUTHOR_MAX))
    return wxError(c, 45110, 'author size out of limit')
  if (a.digest !== undefined && (typeof a.digest !== 'string' || chars(a.digest) > DIGEST_MAX))
    return wxError(c, 45004, 'description size out of limit')
  if (typeof a.content !== 'string' || a.content === '') return wxError(c, 44004)
  if (chars(a.content) >= CONTENT_MAX_CHARS || bytes(a.content) >= CONTENT_MAX_BYTES) return wxError(c, 45002)
  if (
    a.content_source_url !== undefined &&
    (typeof a.content_source_url !== 'string' || bytes(a.content_source_url) > SOURCE_URL_MAX_BYTES)
  )
    return wxError(c, 45005, 'url size out of limit')
  for (const key of ['pic_crop_235_1', 'pic_crop_1_1'])
    if (a[key] !== undefined && (typeof a[key] !== 'string' || !CROP.test(a[key]))) return wxError(c, 40035)
  const flag = (v: unknown) => (Number(v) === 1 ? 1 : 0)
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  const common = {
    title: a.title,
    author: text(a.author),
    // WeChat fills an empty digest with the start of the content (54 characters of text).
    digest: text(a.digest) || a.content.replace(/<[^>]*>/g, '').slice(0, 54),
    content: a.content,
    content_source_url: text(a.content_source_url),
    need_open_comment: flag(a.need_open_comment),
    only_fans_can_comment: flag(a.only_fans_can_comment),
  }
  if (type === 'news') {
    if (!isPermanentImage(app, a.thumb_media_id, now)) return wxError(c, 40007)
    return {
      article_type: 'news',
      ...common,
      thumb_media_id: a.thumb_media_id as string,
      ...(typeof a.pic_crop_235_1 === 'string' ? { pic_crop_235_1: a.pic_crop_235_1 } : {}),
      ...(typeof a.pic_crop_1_1 === 'string' ? { pic_crop_1_1: a.pic_crop_1_1 } : {}),
    }
  }
  // newspic: image_info.image_list[].image_media_id, 1 to 20 permanent images; the first is the cover.
  const list = (a.image_info as { image_list?: unknown } | undefined)?.image_list
  if (!Array.isArray(list) || list.length === 0) return wxError(c, 40035)
  if (list.length > IMAGES_MAX) return wxError(c, 45008, 'image size out of limit')
  for (const item of list)
    if (!isPermanentImage(app, (item as { image_media_id?: unknown } | null)?.image_media_id, now)) return wxError(c, 40007)
  return {
    article_type: 'newspic',
    ...common,
    image_info: { image_list: list.map((i) => ({ image_media_id: (i as { image_media_id: string }).image_media_id })) },
  }
}

export function checkArticles(c: Context, app: AppState, value: unknown, now: number): DraftArticle[] | Response {
  if (!Array.isArray(value) || value.length === 0) return wxError(c, 44003)
  if (value.length > MAX_ARTICLES) return wxError(c, 45008, 'article size out of limit')
  const out: DraftArticle[] = []
  for (const raw of value) {
    const article = checkArticle(c, app, raw, now)
    if (article instanceof Response) return article
    out.push(article)
  }
  return out
}
