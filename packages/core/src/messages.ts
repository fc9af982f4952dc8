// The message kinds WeChat sends through the customer-service and mass APIs, as one union with
// camelCase fields, and the one mapping to WeChat's wire form (`{ msgtype, <msgtype>: {...} }`).
// @wxmp/custom and @wxmp/mass both build on this, so a `{ type: 'text', content }` means the same
// thing in both; each package narrows the union to the kinds its API accepts.
import { assertArray, assertString } from './validate'

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

/** Drops keys whose value is undefined, so the wire body holds only what the caller gave. */
function compact(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) if (value !== undefined) out[key] = value
  return out
}

const flag = (value: boolean | undefined): number | undefined => (value === undefined ? undefined : value ? 1 : 0)

/** The body WeChat expects under the `msgtype` key, snake_case. */
function wireBody(message: Message): Record<string, unknown> {
  switch (message.type) {
    case 'text':
      return { content: message.content }
    case 'image':
    case 'voice':
    case 'mpnews':
      return { media_id: message.mediaId }
    case 'mpvideo':
      return compact({ media_id: message.mediaId, title: message.title, description: message.description })
    case 'video':
      return compact({ media_id: message.mediaId, thumb_media_id: message.thumbMediaId, title: message.title, description: message.description })
    case 'music':
      return compact({
        title: message.title,
        description: message.description,
        musicurl: message.musicUrl,
        hqmusicurl: message.hqMusicUrl,
        thumb_media_id: message.thumbMediaId,
      })
    case 'news':
      return { articles: message.articles.map((a) => compact({ title: a.title, description: a.description, url: a.url, picurl: a.picUrl })) }
    case 'mpnewsarticle':
      return { article_id: message.articleId }
    case 'msgmenu':
      return compact({
        head_content: message.headContent,
        list: message.items.map((i) => ({ id: i.id, content: i.content })),
        tail_content: message.tailContent,
      })
    case 'wxcard':
      return { card_id: message.cardId }
    case 'miniprogrampage':
      return { title: message.title, appid: message.appId, pagepath: message.pagePath, thumb_media_id: message.thumbMediaId }
    case 'images':
      return compact({
        media_ids: [...message.mediaIds],
        recommend: message.recommend,
        need_open_comment: flag(message.needOpenComment),
        only_fans_can_comment: flag(message.onlyFansCanComment),
      })
  }
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
  return { msgtype: message.type, [message.type]: wireBody(message) }
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
    throw new TypeError(`${name} must be a message object ({ type: ${allowed.map((k) => `'${k}'`).join(' | ')}, ... })`)
  }
  const m = message as Record<string, unknown>
  if (typeof m.type !== 'string' || !(allowed as readonly string[]).includes(m.type)) {
    throw new TypeError(`${name}.type must be one of ${allowed.join(', ')}, got ${typeof m.type === 'string' ? JSON.stringify(m.type) : typeof m.type}`)
  }
  const field = (key: string) => `${name}.${key}`
  const optional = (key: string) => {
    if (m[key] !== undefined) assertString(field(key), m[key], { min: 0 })
  }
  const optionalFlag = (key: string) => {
    if (m[key] !== undefined && typeof m[key] !== 'boolean') throw new TypeError(`${field(key)} must be a boolean, got ${typeof m[key]}`)
  }
  const type = m.type as MessageType
  switch (type) {
    case 'text':
      assertString(field('content'), m.content)
      return
    case 'image':
    case 'voice':
    case 'mpnews':
      assertString(field('mediaId'), m.mediaId)
      return
    case 'mpvideo':
      assertString(field('mediaId'), m.mediaId)
      optional('title')
      optional('description')
      return
    case 'video':
      assertString(field('mediaId'), m.mediaId)
      assertString(field('thumbMediaId'), m.thumbMediaId)
      optional('title')
      optional('description')
      return
    case 'music':
      assertString(field('musicUrl'), m.musicUrl)
      assertString(field('hqMusicUrl'), m.hqMusicUrl)
      assertString(field('thumbMediaId'), m.thumbMediaId)
      optional('title')
      optional('description')
      return
    case 'news': {
      // Since 2018 WeChat shows one article per news message and answers 45008 to more.
      assertArray(field('articles'), m.articles, { min: 1, max: 1 })
      const article = (m.articles as readonly unknown[])[0]
      const a = field('articles[0]')
      if (article === null || typeof article !== 'object') throw new TypeError(`${a} must be an article object`)
      const art = article as Record<string, unknown>
      assertString(`${a}.title`, art.title)
      assertString(`${a}.url`, art.url)
      if (art.description !== undefined) assertString(`${a}.description`, art.description, { min: 0 })
      if (art.picUrl !== undefined) assertString(`${a}.picUrl`, art.picUrl, { min: 0 })
      return
    }
    case 'mpnewsarticle':
      assertString(field('articleId'), m.articleId)
      return
    case 'msgmenu': {
      assertArray(field('items'), m.items, { min: 1 })
      ;(m.items as readonly unknown[]).forEach((item, i) => {
        const at = `${field('items')}[${i}]`
        if (item === null || typeof item !== 'object') throw new TypeError(`${at} must be { id, content }`)
        const it = item as Record<string, unknown>
        assertString(`${at}.id`, it.id)
        assertString(`${at}.content`, it.content)
      })
      optional('headContent')
      optional('tailContent')
      return
    }
    case 'wxcard':
      assertString(field('cardId'), m.cardId)
      return
    case 'miniprogrampage':
      assertString(field('title'), m.title)
      assertString(field('appId'), m.appId)
      assertString(field('pagePath'), m.pagePath)
      assertString(field('thumbMediaId'), m.thumbMediaId)
      return
    case 'images':
      assertArray(field('mediaIds'), m.mediaIds, { min: 1 })
      ;(m.mediaIds as readonly unknown[]).forEach((id, i) => assertString(`${field('mediaIds')}[${i}]`, id))
      optional('recommend')
      optionalFlag('needOpenComment')
      optionalFlag('onlyFansCanComment')
      return
  }
}
