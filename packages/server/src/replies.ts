// Passive replies: what `handle` returns, in the same shape family as @wxmp/custom's messages
// (`{ type: 'text', content }`), mapped to WeChat's reply fields in one place.
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
import { utf8ByteLength } from '@wxmp/core'

export interface TextReply {
  readonly type: 'text'
  /** Up to 2048 bytes of UTF-8 (WeChat cuts longer text); `\n` breaks lines. */
  readonly content: string
}
export interface ImageReply {
  readonly type: 'image'
  /** A temporary or permanent media id. */
  readonly mediaId: string
}
export interface VoiceReply {
  readonly type: 'voice'
  readonly mediaId: string
}
export interface VideoReply {
  readonly type: 'video'
  readonly mediaId: string
  readonly title?: string
  readonly description?: string
}
export interface MusicReply {
  readonly type: 'music'
  readonly musicUrl?: string
  /** High-quality link, played on Wi-Fi. */
  readonly hqMusicUrl?: string
  /** Required by WeChat: the cover's media id. */
  readonly thumbMediaId: string
  readonly title?: string
  readonly description?: string
}
export interface NewsReplyArticle {
  readonly title: string
  readonly description?: string
  /** Cover image URL (JPG/PNG; 360x200 large, 200x200 small). */
  readonly picUrl?: string
  /** Where a tap goes. */
  readonly url: string
}
/** A link card. WeChat has shown exactly one article per news reply since 2018-10-12. */
export interface NewsReply {
  readonly type: 'news'
  readonly articles: readonly [NewsReplyArticle]
}
/** Hands the conversation to customer service (客服), optionally to one agent. */
export interface TransferCustomerServiceReply {
  readonly type: 'transfer_customer_service'
  /** `account@wechatid`: that agent, if online; otherwise any agent. */
  readonly kfAccount?: string
}

/** What `handle` may return; `undefined`/`null` answers `success` (no reply). */
export type Reply = TextReply | ImageReply | VoiceReply | VideoReply | MusicReply | NewsReply | TransferCustomerServiceReply

const TEXT_MAX_BYTES = 2048

// The field each kind cannot do without (WeChat refuses the reply otherwise).
const REQUIRED: Readonly<Record<string, string>> = {
  text: 'content',
  image: 'mediaId',
  voice: 'mediaId',
  video: 'mediaId',
  music: 'thumbMediaId',
  news: 'articles',
  transfer_customer_service: 'type',
}

// Each kind's optional string fields: rendered into the XML, so they are checked like the required one.
const OPTIONAL: Readonly<Record<string, readonly string[]>> = {
  text: [],
  image: [],
  voice: [],
  video: ['title', 'description'],
  music: ['title', 'description', 'musicUrl', 'hqMusicUrl'],
  news: [],
  transfer_customer_service: ['kfAccount'],
}
const ARTICLE_OPTIONAL = ['description', 'picUrl'] as const

// Characters XML 1.0 cannot carry (C0 controls other than tab, LF, CR; U+FFFE/FFFF) and lone
// surrogates (no UTF-8 form): WeChat would get a body it cannot parse.
// https://www.w3.org/TR/xml/#charsets
const NOT_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\p{Cs}]/u

function assertReplyText(name: string, value: unknown, optional: boolean): void {
  if (value === undefined && optional) return
  if (typeof value !== 'string')
    throw new TypeError(`${name} must be a string, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`)
  const bad = NOT_XML.exec(value)
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
    throw new RangeError(
      `${name} must not contain control characters or lone surrogates (not valid in XML), got U+${code} at index ${bad.index}`,
    )
  }
}

/**
 * Throws a TypeError/RangeError naming the field when `reply` is not a reply WeChat accepts: a
 * missing required field, an optional field that is not a string, or a string with a character
 * XML 1.0 cannot carry (control characters, lone surrogates).
 */
export function assertReply(reply: unknown): asserts reply is Reply {
  const r = (typeof reply === 'object' && reply !== null ? reply : {}) as Record<string, unknown>
  const required = REQUIRED[String(r.type)]
  if (required === undefined)
    throw new TypeError(`reply.type must be one of ${Object.keys(REQUIRED).join(', ')}, got ${JSON.stringify(r.type)}`)
  const value = r[required]
  if (required !== 'articles' && (typeof value !== 'string' || (value === '' && required !== 'content'))) {
    throw new TypeError(`reply.${required} must be a non-empty string for a ${String(r.type)} reply, got ${typeof value}`)
  }
  if (required !== 'articles' && required !== 'type') assertReplyText(`reply.${required}`, r[required], false)
  for (const name of OPTIONAL[r.type as string] ?? []) assertReplyText(`reply.${name}`, r[name], true)
  if (r.type === 'text' && utf8ByteLength(value as string) > TEXT_MAX_BYTES)
    throw new RangeError(`reply.content must be at most ${TEXT_MAX_BYTES} bytes, got ${utf8ByteLength(value as string)}`)
  if (r.type === 'news') {
    const a = Array.isArray(value) && value.length === 1 ? (value[0] as Record<string, unknown> | null) : undefined
    if (typeof a?.title !== 'string' || typeof a.url !== 'string') {
      throw new RangeError(
        `reply.articles must hold exactly 1 article with a title and a url (WeChat's limit since 2018), got ${Array.isArray(value) ? `${value.length} articles` : typeof value}`,
      )
    }
    assertReplyText('reply.articles[0].title', a.title, false)
    assertReplyText('reply.articles[0].url', a.url, false)
    for (const name of ARTICLE_OPTIONAL) assertReplyText(`reply.articles[0].${name}`, a[name], true)
  }
  if (r.kfAccount !== undefined && typeof r.kfAccount !== 'string')
    throw new TypeError(`reply.kfAccount must be a string, got ${typeof r.kfAccount}`)
}

/** WeChat's reply fields for `reply`, addressed back to the follower (`to`) from the account (`from`). */
export function toWireReply(reply: Reply, to: string, from: string, createTime: number): Record<string, unknown> {
  const head = { ToUserName: to, FromUserName: from, CreateTime: createTime, MsgType: reply.type }
  switch (reply.type) {
    case 'text':
      return { ...head, Content: reply.content }
    case 'image':
      return { ...head, Image: { MediaId: reply.mediaId } }
    case 'voice':
      return { ...head, Voice: { MediaId: reply.mediaId } }
    case 'video':
      return { ...head, Video: { MediaId: reply.mediaId, Title: reply.title, Description: reply.description } }
    case 'music':
      return {
        ...head,
        Music: {
          Title: reply.title,
          Description: reply.description,
          MusicUrl: reply.musicUrl,
          HQMusicUrl: reply.hqMusicUrl,
          ThumbMediaId: reply.thumbMediaId,
        },
      }
    case 'news': {
      const [a] = reply.articles
      return { ...head, ArticleCount: 1, Articles: [{ Title: a.title, Description: a.description, PicUrl: a.picUrl, Url: a.url }] }
    }
    case 'transfer_customer_service':
      return reply.kfAccount ? { ...head, TransInfo: { KfAccount: reply.kfAccount } } : head
  }
}
