// Checking articles before any request, against draft/add's documented limits:
// https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add
import {
  assertArray,
  assertBoolean,
  assertHttpUrl,
  assertObject,
  assertOneOf,
  assertOptions,
  assertString,
  describeValue,
  utf8ByteLength,
} from '@wxmp/core'
import type { CropBox, DraftArticle } from '../types'

/** Most articles in one draft (WeChat's multi-article message). */
export const DRAFT_MAX_ARTICLES = 8
/** Longest title, in characters (总长度不超过32个字). */
export const TITLE_MAX = 32
/** Longest author, in characters. */
export const AUTHOR_MAX = 16
/** Longest digest, in characters. */
export const DIGEST_MAX = 128
/**
 * Content must be shorter than 20,000 characters (and under 1 MB, which 19,999 characters of at
 * most 4 UTF-8 bytes each always are).
 */
export const CONTENT_MAX_CHARS = 19_999
/** The "read the original" link: at most 1 KB. */
export const SOURCE_URL_MAX_BYTES = 1024
/** Images in a 图片 (newspic) article. */
export const NEWSPIC_MAX_IMAGES = 20

const NEWS_KEYS = [
  'type',
  'title',
  'author',
  'digest',
  'content',
  'contentSourceUrl',
  'needOpenComment',
  'onlyFansCanComment',
  'thumbMediaId',
  'coverCrop',
]
const NEWSPIC_KEYS = [
  'type',
  'title',
  'author',
  'digest',
  'content',
  'contentSourceUrl',
  'needOpenComment',
  'onlyFansCanComment',
  'imageMediaIds',
]

/** A media id: non-empty, no control characters (WeChat's are ~64 letters, digits, `-`, `_`). */
export const assertMediaId = (name: string, value: unknown): void => assertString(name, value, { max: 256, controls: 'none' })

// C1 controls and the bidi marks, embeddings, overrides and isolates: core's `controls: 'none'`
// covers C0 and DEL only, and U+202E in a title makes it read backwards in followers' lists.
const HIDDEN = /[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** One line of plain text shown to followers (title, author, digest): no control or bidi characters. */
function assertLine(name: string, value: unknown, rule: { readonly min?: number; readonly max: number }): void {
  assertString(name, value, { ...rule, controls: 'none' })
  const hidden = HIDDEN.exec(value)
  if (hidden)
    throw new RangeError(
      `${name} must not contain control or bidi characters, got U+${hidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at index ${hidden.index}`,
    )
}

function assertCrop(name: string, box: unknown): asserts box is CropBox {
  assertObject(name, box)
  assertOptions(name, box, ['x1', 'y1', 'x2', 'y2'])
  for (const k of ['x1', 'y1', 'x2', 'y2'] as const) {
    const v = box[k]
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new TypeError(`${name}.${k} must be a number from 0 to 1, got ${describeValue(v)}`)
    if (v < 0 || v > 1) throw new RangeError(`${name}.${k} must be from 0 to 1, got ${v}`)
  }
  if ((box.x1 as number) >= (box.x2 as number) || (box.y1 as number) >= (box.y2 as number))
    throw new RangeError(`${name} must have x1 < x2 and y1 < y2 (top-left, then bottom-right corner)`)
}

/** Throws a TypeError or RangeError naming `name.field` for the first broken rule. */
export function assertArticle(name: string, a: unknown): asserts a is DraftArticle {
  assertObject(name, a)
  const type = a.type ?? 'news'
  assertOneOf(`${name}.type`, type, ['news', 'newspic'])
  assertOptions(name, a, type === 'news' ? NEWS_KEYS : NEWSPIC_KEYS)
  assertLine(`${name}.title`, a.title, { max: TITLE_MAX })
  if (a.author !== undefined) assertLine(`${name}.author`, a.author, { min: 0, max: AUTHOR_MAX })
  if (a.digest !== undefined) assertLine(`${name}.digest`, a.digest, { min: 0, max: DIGEST_MAX })
  assertString(`${name}.content`, a.content, { max: CONTENT_MAX_CHARS })
  if (a.contentSourceUrl !== undefined) {
    assertHttpUrl(`${name}.contentSourceUrl`, a.contentSourceUrl, { max: SOURCE_URL_MAX_BYTES })
    const bytes = utf8ByteLength(a.contentSourceUrl)
    if (bytes > SOURCE_URL_MAX_BYTES)
      throw new RangeError(`${name}.contentSourceUrl must be at most ${SOURCE_URL_MAX_BYTES} bytes of UTF-8, got ${bytes}`)
  }
  if (a.needOpenComment !== undefined) assertBoolean(`${name}.needOpenComment`, a.needOpenComment)
  if (a.onlyFansCanComment !== undefined) assertBoolean(`${name}.onlyFansCanComment`, a.onlyFansCanComment)
  if (type === 'news') {
    assertMediaId(`${name}.thumbMediaId`, a.thumbMediaId)
    if (a.coverCrop !== undefined) {
      assertObject(`${name}.coverCrop`, a.coverCrop)
      assertOptions(`${name}.coverCrop`, a.coverCrop, ['wide', 'square'])
      if (a.coverCrop.wide !== undefined) assertCrop(`${name}.coverCrop.wide`, a.coverCrop.wide)
      if (a.coverCrop.square !== undefined) assertCrop(`${name}.coverCrop.square`, a.coverCrop.square)
    }
  } else {
    assertArray(`${name}.imageMediaIds`, a.imageMediaIds, { max: NEWSPIC_MAX_IMAGES })
    // An index loop, not forEach: forEach skips the holes of a sparse array, which JSON sends as null.
    for (let i = 0; i < a.imageMediaIds.length; i++) assertMediaId(`${name}.imageMediaIds[${i}]`, a.imageMediaIds[i])
  }
}

export function assertArticles(articles: unknown): asserts articles is readonly DraftArticle[] {
  assertArray('articles', articles, { max: DRAFT_MAX_ARTICLES })
  // An index loop, not forEach: forEach skips the holes of a sparse array (`[, article]`).
  for (let i = 0; i < articles.length; i++) assertArticle(`articles[${i}]`, articles[i])
}
