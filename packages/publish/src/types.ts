// The shapes on our side (camelCase). Wire names live in internal/wire.ts only.

/**
 * A crop of the cover: the corners of a box in the original image, each coordinate from 0 (left or
 * top) to 1 (right or bottom). WeChat's `X1_Y1_X2_Y2` string.
 */
export interface CropBox {
  readonly x1: number
  readonly y1: number
  readonly x2: number
  readonly y2: number
}

/** Fields both kinds of article share. Lengths in characters (WeChat's 字). */
export interface ArticleFields {
  /** 1–32 characters. */
  readonly title: string
  /** At most 16 characters. */
  readonly author?: string
  /** At most 128 characters; WeChat takes the first 54 characters of the text when omitted (single-article drafts only). */
  readonly digest?: string
  /**
   * The body: HTML for `news` (JS is stripped; images must be URLs from media's `uploadArticleImage`,
   * others are filtered out), plain text for `newspic`. Under 20,000 characters (and so under 1 MB).
   */
  readonly content: string
  /** The "read the original" (阅读原文) link: an http(s) URL of at most 1 KB. */
  readonly contentSourceUrl?: string
  /** Open comments. @default false */
  readonly needOpenComment?: boolean
  /** Only followers may comment. @default false */
  readonly onlyFansCanComment?: boolean
}

/** A 图文 article (`article_type: news`): HTML content and a cover image. */
export interface NewsDraftArticle extends ArticleFields {
  /** @default 'news' */
  readonly type?: 'news'
  /** The cover: a permanent image material's media id (media's `addMaterial`). */
  readonly thumbMediaId: string
  /** Crops of the cover for the 2.35:1 (`wide`, pic_crop_235_1) and 1:1 (`square`, pic_crop_1_1) slots. */
  readonly coverCrop?: { readonly wide?: CropBox; readonly square?: CropBox }
}

/** A 图片 article (`article_type: newspic`): 1–20 images, the first is the cover; plain-text content. */
export interface ImageDraftArticle extends ArticleFields {
  readonly type: 'newspic'
  /** Permanent image materials' media ids, 1 to 20. */
  readonly imageMediaIds: readonly string[]
}

/** What a draft article is made of: {@link NewsDraftArticle} or {@link ImageDraftArticle}. */
export type DraftArticle = NewsDraftArticle | ImageDraftArticle

interface StoredFields {
  readonly title: string
  readonly author: string
  readonly digest: string
  /** Empty when listed with `noContent`. */
  readonly content: string
  readonly contentSourceUrl: string
  readonly needOpenComment: boolean
  readonly onlyFansCanComment: boolean
  /** The article's link: a draft's temporary preview link, or a published article's permanent URL. */
  readonly url: string
}

/** A stored 图文 article as WeChat answers it. */
export interface StoredNewsArticle extends StoredFields {
  readonly type: 'news'
  readonly thumbMediaId: string
  /** The cover image's URL, when WeChat gives it. */
  readonly thumbUrl: string | undefined
  readonly coverCrop: { readonly wide?: CropBox; readonly square?: CropBox } | undefined
}

/** A stored 图片 article as WeChat answers it. */
export interface StoredImageArticle extends StoredFields {
  readonly type: 'newspic'
  readonly imageMediaIds: readonly string[]
}

export type StoredArticle = StoredNewsArticle | StoredImageArticle

/** A published article: a stored one, and whether it was deleted since (freepublish/delete). */
export type PublishedArticle = StoredArticle & { readonly deleted: boolean }

/** One draft in the box. */
export interface Draft {
  readonly mediaId: string
  readonly articles: readonly StoredArticle[]
  /** Last update, epoch seconds (0 when WeChat does not say). */
  readonly updateTime: number
}

/** One publish (a published draft): its article id and articles. */
export interface Published {
  readonly articleId: string
  readonly articles: readonly PublishedArticle[]
  /** Last update, epoch seconds (0 when WeChat does not say). */
  readonly updateTime: number
}

/** A page of a list: WeChat's total, and the items of this page. */
export interface Page<T> {
  readonly totalCount: number
  readonly items: readonly T[]
}

/** An article's permanent link after a successful publish; `idx` is 1-based. */
export interface PublishedLink {
  readonly idx: number
  readonly url: string
}

/**
 * Where a publish job stands (freepublish/get's `publish_status`): `publishing` (1), `published`
 * (0), `original-check-failed` (2), `failed` (3), `review-failed` (4: the platform's review refused
 * it), `deleted` (5: published, then every article deleted), `banned` (6: published, then every
 * article blocked by the system). `status` is WeChat's number.
 */
export type PublishStatus =
  | { readonly state: 'publishing'; readonly status: 1; readonly publishId: string }
  | {
      readonly state: 'published'
      readonly status: 0
      readonly publishId: string
      readonly articleId: string
      readonly articles: readonly PublishedLink[]
    }
  | {
      readonly state: 'original-check-failed' | 'failed' | 'review-failed'
      readonly status: 2 | 3 | 4
      readonly publishId: string
      readonly failIdx: readonly number[]
    }
  | { readonly state: 'deleted' | 'banned'; readonly status: 5 | 6; readonly publishId: string; readonly articleId: string | undefined }
  /** A status number this version does not know. */
  | { readonly state: 'unknown'; readonly status: number; readonly publishId: string }

/** The states a publish job ends in (every one but `publishing`). */
export type FinishedPublishStatus = Exclude<PublishStatus, { readonly state: 'publishing' }>

/**
 * What {@link createPublishOutcomes} takes from a push, typed by structure: @wxmp/server's
 * `PublishJobFinishEvent` fits (event `PUBLISHJOBFINISH`, also sent as `FREEPUBLISHJOBFINISH`).
 */
export interface PublishJobFinishPush {
  readonly event: 'PUBLISHJOBFINISH' | 'FREEPUBLISHJOBFINISH'
  readonly publishId: string
  readonly publishStatus: number
  readonly articleId?: string
  readonly articles?: readonly { readonly idx: number; readonly articleUrl: string }[]
  readonly failIdx?: readonly number[]
}
