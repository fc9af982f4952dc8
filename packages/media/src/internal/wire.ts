// The one place where camelCase meets WeChat's snake_case wire format for this package.
import { assertArray, assertBoolean, assertHttpUrl, assertObject, assertOptions, assertString } from '@wxmp/core'

/** An article of a news item, as you write it (uploadNews, addNewsMaterial, updateNewsMaterial). */
export interface NewsArticle {
  /** Title (WeChat answers 45003 when it finds it too long). */
  readonly title: string
  /** The cover: a thumb media id (temporary for uploadNews, permanent for materials). */
  readonly thumbMediaId: string
  /** HTML body: under 20,000 characters and under 1 MB. Images must come from `uploadArticleImage`. */
  readonly content: string
  readonly author?: string
  /** Summary; WeChat takes the first 64 characters of the content when it is empty. */
  readonly digest?: string
  /** "Read the original" link. */
  readonly contentSourceUrl?: string
  /** Show the cover image at the top of the article. */
  readonly showCoverPic?: boolean
  /** Open comments. */
  readonly needOpenComment?: boolean
  /** Only followers may comment. */
  readonly onlyFansCanComment?: boolean
}

/** An article of a stored news item, as WeChat returns it. */
export interface NewsArticleInfo {
  readonly title: string
  readonly thumbMediaId: string
  readonly content: string
  readonly author: string
  readonly digest: string
  readonly contentSourceUrl: string
  readonly showCoverPic: boolean
  /** The article's page. */
  readonly url: string
  /** The cover image's URL, when WeChat sends it. */
  readonly thumbUrl: string | undefined
  readonly needOpenComment: boolean
  readonly onlyFansCanComment: boolean
}

export interface WireArticle {
  title: string
  thumb_media_id: string
  content: string
  author?: string
  digest?: string
  content_source_url?: string
  show_cover_pic?: 0 | 1
  need_open_comment?: 0 | 1
  only_fans_can_comment?: 0 | 1
}

export interface WireArticleInfo {
  title?: string
  thumb_media_id?: string
  thumb_url?: string
  content?: string
  author?: string
  digest?: string
  content_source_url?: string
  show_cover_pic?: number | string
  need_open_comment?: number | string
  only_fans_can_comment?: number | string
  url?: string
}

/** Articles in one news item: 1 to 8 (uploadnews; material news likewise). */
export const MAX_ARTICLES = 8
/** Content limits: under 20,000 characters and under 1 MB. */
const MAX_CONTENT_CHARS = 19_999
const MAX_CONTENT_BYTES = 1024 * 1024 - 1

const ARTICLE_KEYS: readonly (keyof NewsArticle)[] = [
  'title',
  'thumbMediaId',
  'content',
  'author',
  'digest',
  'contentSourceUrl',
  'showCoverPic',
  'needOpenComment',
  'onlyFansCanComment',
]

export function checkArticles(name: string, articles: unknown): asserts articles is readonly NewsArticle[] {
  assertArray(name, articles, { min: 1, max: MAX_ARTICLES })
  articles.forEach((article, i) => checkArticle(`${name}[${i}]`, article))
}

export function checkArticle(name: string, article: unknown): asserts article is NewsArticle {
  assertObject(name, article)
  // A misspelt field (`content_source_url`, `thumbMediaID`) would be dropped without a word.
  assertOptions(name, article, ARTICLE_KEYS)
  const a = article as Record<string, unknown>
  assertString(`${name}.title`, a.title)
  assertString(`${name}.thumbMediaId`, a.thumbMediaId)
  assertString(`${name}.content`, a.content, { max: MAX_CONTENT_CHARS, maxBytes: MAX_CONTENT_BYTES })
  for (const key of ['author', 'digest'] as const) {
    if (a[key] !== undefined) assertString(`${name}.${key}`, a[key], { min: 0 })
  }
  // "Read the original" opens this link: a `javascript:` or relative URL is never what was meant.
  if (a.contentSourceUrl !== undefined && a.contentSourceUrl !== '') assertHttpUrl(`${name}.contentSourceUrl`, a.contentSourceUrl)
  for (const key of ['showCoverPic', 'needOpenComment', 'onlyFansCanComment'] as const) {
    if (a[key] !== undefined) assertBoolean(`${name}.${key}`, a[key])
  }
}

const flag = (value: boolean | undefined): 0 | 1 | undefined => (value === undefined ? undefined : value ? 1 : 0)

export function articleToWire(a: NewsArticle): WireArticle {
  const wire: WireArticle = { title: a.title, thumb_media_id: a.thumbMediaId, content: a.content }
  if (a.author !== undefined) wire.author = a.author
  if (a.digest !== undefined) wire.digest = a.digest
  if (a.contentSourceUrl !== undefined) wire.content_source_url = a.contentSourceUrl
  const show = flag(a.showCoverPic)
  if (show !== undefined) wire.show_cover_pic = show
  const comment = flag(a.needOpenComment)
  if (comment !== undefined) wire.need_open_comment = comment
  const fans = flag(a.onlyFansCanComment)
  if (fans !== undefined) wire.only_fans_can_comment = fans
  return wire
}

export function articleFromWire(w: WireArticleInfo): NewsArticleInfo {
  return {
    title: w.title ?? '',
    thumbMediaId: w.thumb_media_id ?? '',
    content: w.content ?? '',
    author: w.author ?? '',
    digest: w.digest ?? '',
    contentSourceUrl: w.content_source_url ?? '',
    showCoverPic: Number(w.show_cover_pic ?? 0) === 1,
    url: w.url ?? '',
    thumbUrl: w.thumb_url,
    needOpenComment: Number(w.need_open_comment ?? 0) === 1,
    onlyFansCanComment: Number(w.only_fans_can_comment ?? 0) === 1,
  }
}

/** `created_at` / `update_time`: epoch seconds, sometimes sent as a string. */
export function seconds(value: unknown): number {
  const n = Number(value)
  return Number.isFinite(n) ? n : 0
}

export function assertMediaId(name: string, value: unknown): asserts value is string {
  assertString(name, value, { max: 256, pattern: /^[\w\-=+/.]+$/, patternText: 'a media id (letters, digits and - _ = + / .)' })
}
