// The message kinds WeChat sends through the customer-service and mass APIs, as one union with
// camelCase fields, and the one mapping to WeChat's wire form (`{ msgtype, <msgtype>: {...} }`).
// @wxmp/custom and @wxmp/mass both build on this, so a `{ type: 'text', content }` means the same
// thing in both; each package narrows the union to the kinds its API accepts.
import { assertArray, assertHttpUrl, assertOptions, assertString, describe } from './validate'

/** Plain text. May contain `<a href="...">` links (and mini-program links in customer-service messages). */
export interface TextMessage {
  readonly type: 'text'
  readonly content: string
}

/** An image by `media_id` (temporary media or a permanent material). */
export interface ImageMessage {
  readonly type: 'image'
  readonly mediaId: string
}

/** A voice message by `media_id`. */
export interface VoiceMessage {
  readonly type: 'voice'
  readonly mediaId: string
}

/** A video by `media_id`, with its thumbnail (customer-service messages). */
export interface VideoMessage {
  readonly type: 'video'
  readonly mediaId: string
  readonly thumbMediaId: string
  readonly title?: string
  readonly description?: string
}

/** A music card (customer-service messages). */
export interface MusicMessage {
  readonly type: 'music'
  readonly musicUrl: string
  /** High-quality link, played on Wi-Fi. */
  readonly hqMusicUrl: string
  readonly thumbMediaId: string
  readonly title?: string
  readonly description?: string
}

/** One external-link article of a `news` message. */
export interface NewsArticle {
  readonly title: string
  readonly description?: string
  /** Where a tap on the card goes. */
  readonly url: string
  /** Cover image URL (JPG/PNG; 360x200 large, 200x200 small). */
  readonly picUrl?: string
}

/** A link card. WeChat has accepted exactly one article per news message since 2018. */
export interface NewsMessage {
  readonly type: 'news'
  readonly articles: readonly [NewsArticle]
}

/** A news item from the draft box or materials (`mpnews` `media_id`). */
export interface MpNewsMessage {
  readonly type: 'mpnews'
  readonly mediaId: string
}

/** A published article by its `article_id` (customer-service messages). */
export interface MpNewsArticleMessage {
  readonly type: 'mpnewsarticle'
  readonly articleId: string
}

/** One choice of a menu message; the user's tap comes back as a message carrying `id`. */
export interface MenuItem {
  readonly id: string
  readonly content: string
}

/** A menu of tappable choices (`msgmenu`, customer-service messages). */
export interface MenuMessage {
  readonly type: 'msgmenu'
  readonly headContent?: string
  readonly items: readonly MenuItem[]
  readonly tailContent?: string
}

/** A card/coupon (`wxcard`) by `card_id`. */
export interface CardMessage {
  readonly type: 'wxcard'
  readonly cardId: string
}

/** A mini-program page card (customer-service messages). */
export interface MiniProgramPageMessage {
  readonly type: 'miniprogrampage'
  readonly title: string
  /** The mini program's AppID; it must be linked to the Official Account. */
  readonly appId: string
  readonly pagePath: string
  readonly thumbMediaId: string
}

/** Several images in one post (mass messages). */
export interface ImagesMessage {
  readonly type: 'images'
  readonly mediaIds: readonly string[]
  /** Recommendation text shown with the images. */
  readonly recommend?: string
  readonly needOpenComment?: boolean
  readonly onlyFansCanComment?: boolean
}

/** A video for mass sending (`media_id` from `/cgi-bin/media/uploadvideo` or a video material). */
export interface MpVideoMessage {
  readonly type: 'mpvideo'
  readonly mediaId: string
  /** Shown with the video when sending to a list of openids. */
  readonly title?: string
  readonly description?: string
}

/** What `/cgi-bin/message/custom/send` accepts. */
export type CustomMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | MusicMessage
  | NewsMessage
  | MpNewsMessage
  | MpNewsArticleMessage
  | MenuMessage
  | CardMessage
  | MiniProgramPageMessage

/** What the mass APIs accept (`image` is sent as an `images` post of one). */
export type MassMessage = TextMessage | ImageMessage | VoiceMessage | ImagesMessage | MpNewsMessage | MpVideoMessage | CardMessage

/** Every message kind wxmp knows. */
export type Message = CustomMessage | MassMessage

/** The `type` of a message, which is also WeChat's `msgtype`. */
export type MessageType = Message['type']

/** A message in WeChat's wire form: `{ msgtype: 'text', text: { content } }`. */
export interface WireMessage {
  readonly msgtype: MessageType
  readonly [key: string]: unknown
}

// The mapping and the checks are driven by one table, small enough that an app sending only text
// does not carry a switch over every kind.

/** A field's rule: its check (throws naming the field), or the fields of each object in a list. */
type FieldRule = ((at: string, value: unknown) => void) | KindRule
type KindRule = { readonly [field: string]: FieldRule }

const text = (at: string, v: unknown): void => assertString(at, v)
const optionalText = (at: string, v: unknown): void => {
  if (v !== undefined) assertString(at, v, { min: 0 })
}
// A `javascript:` or relative link would reach the user's WeChat as a dead or unsafe card.
const link = (at: string, v: unknown): void => assertHttpUrl(at, v)
const optionalLink = (at: string, v: unknown): void => {
  if (v !== undefined) assertHttpUrl(at, v)
}
const texts = (at: string, v: unknown): void => {
  assertArray(at, v)
  v.forEach((item, i) => assertString(`${at}[${i}]`, item))
}
const optionalFlag = (at: string, v: unknown): void => {
  if (v !== undefined && typeof v !== 'boolean') throw new TypeError(`${at} must be a boolean, got ${describe(v)}`)
}

const ARTICLE: KindRule = { title: text, description: optionalText, url: link, picUrl: optionalLink }

const KINDS: { readonly [K in MessageType]: KindRule } = {
  text: { content: text },
  image: { mediaId: text },
  voice: { mediaId: text },
  mpnews: { mediaId: text },
  mpvideo: { mediaId: text, title: optionalText, description: optionalText },
  video: { mediaId: text, thumbMediaId: text, title: optionalText, description: optionalText },
  music: { title: optionalText, description: optionalText, musicUrl: link, hqMusicUrl: link, thumbMediaId: text },
  news: { articles: ARTICLE },
  mpnewsarticle: { articleId: text },
  msgmenu: { headContent: optionalText, items: { id: text, content: text }, tailContent: optionalText },
  wxcard: { cardId: text },
  miniprogrampage: { title: text, appId: text, pagePath: text, thumbMediaId: text },
  images: { mediaIds: texts, recommend: optionalText, needOpenComment: optionalFlag, onlyFansCanComment: optionalFlag },
}

/** Our field name → WeChat's; a field not listed keeps its name (content, title, url, id ...). */
const WIRE_NAMES: { readonly [field: string]: string } = {
  mediaId: 'media_id',
  thumbMediaId: 'thumb_media_id',
  musicUrl: 'musicurl',
  hqMusicUrl: 'hqmusicurl',
  picUrl: 'picurl',
  articleId: 'article_id',
  headContent: 'head_content',
  items: 'list',
  tailContent: 'tail_content',
  cardId: 'card_id',
  appId: 'appid',
  pagePath: 'pagepath',
  mediaIds: 'media_ids',
  needOpenComment: 'need_open_comment',
  onlyFansCanComment: 'only_fans_can_comment',
}

/** The fields `rule` names, renamed for the wire; booleans become WeChat's 0/1, undefined ones are left out. */
function toWire(value: Record<string, unknown>, rule: KindRule): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [field, r] of Object.entries(rule)) {
    const v = value[field]
    if (v === undefined) continue
    out[WIRE_NAMES[field] ?? field] =
      typeof r === 'object'
        ? (v as Record<string, unknown>[]).map((item) => toWire(item, r))
        : typeof v === 'boolean'
          ? +v
          : Array.isArray(v)
            ? [...(v as unknown[])]
            : v
  }
  return out
}

/**
 * A message in WeChat's wire form, ready to be spread into a send body.
 *
 * @example
 * ```ts
 * toWireMessage({ type: 'image', mediaId: 'MEDIA_ID' })
 * // { msgtype: 'image', image: { media_id: 'MEDIA_ID' } }
 * ```
 */
export function toWireMessage(message: Message): WireMessage {
  return { msgtype: message.type, [message.type]: toWire(message as unknown as Record<string, unknown>, KINDS[message.type]) }
}

function check(name: string, value: Record<string, unknown>, rule: KindRule, extra: readonly string[] = []): void {
  // A misspelt field (`mediaID`) would otherwise be dropped and the send fail far from the typo.
  assertOptions(name, value, [...extra, ...Object.keys(rule)])
  for (const [field, r] of Object.entries(rule)) {
    const at = `${name}.${field}`
    const v = value[field]
    if (typeof r === 'function') r(at, v)
    else {
      assertArray(at, v)
      v.forEach((item, i) => {
        if (item === null || typeof item !== 'object') throw new TypeError(`${at}[${i}] must be an object, got ${describe(item)}`)
        check(`${at}[${i}]`, item as Record<string, unknown>, r)
      })
    }
  }
}

/**
 * Checks a message before it is sent: an object whose `type` is one of `allowed`, with every field
 * that kind requires present and well-typed. Channel limits (text length, quotas) are the caller's.
 * Throws TypeError / RangeError naming the field.
 */
export function assertMessage<K extends MessageType>(
  name: string,
  message: unknown,
  allowed: readonly K[],
): asserts message is Extract<Message, { readonly type: K }> {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    throw new TypeError(
      `${name} must be a message object ({ type: ${allowed.map((k) => `'${k}'`).join(' | ')}, ... }), got ${describe(message)}`,
    )
  }
  const m = message as Record<string, unknown>
  if (typeof m.type !== 'string' || !(allowed as readonly string[]).includes(m.type)) {
    throw new TypeError(
      `${name}.type must be one of ${allowed.join(', ')}, got ${typeof m.type === 'string' ? JSON.stringify(m.type) : typeof m.type}`,
    )
  }
  // Since 2018 WeChat shows one article per news message and answers 45008 to more.
  if (m.type === 'news') assertArray(`${name}.articles`, m.articles, { max: 1 })
  check(name, m, KINDS[m.type as MessageType], ['type'])
}
