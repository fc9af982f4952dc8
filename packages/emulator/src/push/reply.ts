// Reading the account server's answer to a push the way WeChat does: `success` or an empty body is
// "no reply"; otherwise a passive reply (plaintext, or the encrypted envelope in compatible and
// safe mode); anything else makes WeChat show the follower SERVICE_UNAVAILABLE.
// https://developers.weixin.qq.com/doc/service/guide/product/message/Passive_user_reply_message.html
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
import type { PushReply } from '../types'
import { decrypt, sha1Signature } from './crypto'
import { parseXml, type XmlValue } from './xml'

/** What WeChat shows the follower when the account's server fails to answer properly. */
export const SERVICE_UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试'

export interface ReplyContext {
  readonly mode: 'plaintext' | 'compatible' | 'safe'
  readonly token: string
  readonly key: Buffer | undefined
  readonly appId: string
  readonly originalId: string
  readonly openid: string
  /** Most news articles the reply may carry (1 after a follower's message, else 8). */
  readonly maxArticles: number
}

class InvalidReply extends Error {}

type Fields = Record<string, unknown>

function parse(text: string): Fields {
  const trimmed = text.trim()
  if (trimmed.startsWith('<')) {
    let parsed: { root: string; value: XmlValue }
    try {
      parsed = parseXml(trimmed)
    } catch (err) {
      throw new InvalidReply(`not well-formed XML (${(err as Error).message})`)
    }
    if (parsed.root !== 'xml' || typeof parsed.value !== 'object' || Array.isArray(parsed.value))
      throw new InvalidReply('root element must be <xml>')
    return parsed.value
  }
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed)
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Fields
    } catch {
      // fall through
    }
    throw new InvalidReply('not a JSON object')
  }
  throw new InvalidReply('neither XML nor JSON')
}

function str(fields: Fields, name: string, required: true): string
function str(fields: Fields, name: string, required?: false): string | undefined
function str(fields: Fields, name: string, required = false): string | undefined {
  const value = fields[name]
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return value
  if (required) throw new InvalidReply(`${name} is missing`)
  return undefined
}

function obj(fields: Fields, name: string): Fields {
  const value = fields[name]
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidReply(`${name} is missing`)
  return value as Fields
}

const opt = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: string }))

function toReply(fields: Fields, ctx: ReplyContext): PushReply {
  const to = str(fields, 'ToUserName', true)
  if (to !== ctx.openid) throw new InvalidReply(`ToUserName must be the follower's openid, got ${JSON.stringify(to)}`)
  const from = str(fields, 'FromUserName', true)
  if (from !== ctx.originalId)
    throw new InvalidReply(`FromUserName must be the account's original id ${ctx.originalId}, got ${JSON.stringify(from)}`)
  str(fields, 'CreateTime', true)
  const msgType = str(fields, 'MsgType', true)
  switch (msgType) {
    case 'text':
      return { type: msgType, content: str(fields, 'Content', true) }
    case 'image':
      return { type: msgType, mediaId: str(obj(fields, 'Image'), 'MediaId', true) }
    case 'voice':
      return { type: msgType, mediaId: str(obj(fields, 'Voice'), 'MediaId', true) }
    case 'video': {
      const v = obj(fields, 'Video')
      return {
        type: msgType,
        mediaId: str(v, 'MediaId', true),
        ...opt('title', str(v, 'Title')),
        ...opt('description', str(v, 'Description')),
      }
    }
    case 'music': {
      const m = obj(fields, 'Music')
      return {
        type: msgType,
        thumbMediaId: str(m, 'ThumbMediaId', true),
        ...opt('title', str(m, 'Title')),
        ...opt('description', str(m, 'Description')),
        ...opt('musicUrl', str(m, 'MusicUrl')),
        ...opt('hqMusicUrl', str(m, 'HQMusicUrl')),
      }
    }
    case 'news': {
      const raw = fields.Articles
      // XML: <Articles><item/>...</Articles> parses to an array; JSON may say {"item": [...]} or [...].
      const list = Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' ? [(raw as Fields).item].flat() : undefined
      if (!list || list.length === 0 || !list.every((a) => a !== null && typeof a === 'object'))
        throw new InvalidReply('Articles is missing')
      if (list.length > ctx.maxArticles) throw new InvalidReply(`Articles may hold at most ${ctx.maxArticles} here, got ${list.length}`)
      const count = Number(str(fields, 'ArticleCount', true))
      if (count !== list.length) throw new InvalidReply(`ArticleCount ${count} does not match ${list.length} articles`)
      const articles = (list as Fields[]).map((a) => ({
        ...opt('title', str(a, 'Title')),
        ...opt('description', str(a, 'Description')),
        ...opt('picUrl', str(a, 'PicUrl')),
        ...opt('url', str(a, 'Url')),
      }))
      return { type: msgType, articles }
    }
    case 'transfer_customer_service': {
      const info = fields.TransInfo
      const kf = info !== null && typeof info === 'object' && !Array.isArray(info) ? str(info as Fields, 'KfAccount') : undefined
      return { type: msgType, ...opt('kfAccount', kf) }
    }
    default:
      throw new InvalidReply(`MsgType ${JSON.stringify(msgType)} is not a passive reply type`)
  }
}

/**
 * The passive reply in `text`: null for `success` or an empty answer, else the reply or an
 * `error` saying why WeChat would refuse it.
 */
export function decodeReply(text: string, ctx: ReplyContext): { reply: PushReply | null; error?: string } {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed === 'success') return { reply: null }
  try {
    let fields = parse(trimmed)
    if (fields.Encrypt !== undefined) {
      if (ctx.mode === 'plaintext' || !ctx.key) throw new InvalidReply('an encrypted reply in plaintext mode')
      const encrypted = str(fields, 'Encrypt', true)
      const signature = str(fields, 'MsgSignature', true)
      const timestamp = str(fields, 'TimeStamp', true)
      const nonce = str(fields, 'Nonce', true)
      if (sha1Signature(ctx.token, timestamp, nonce, encrypted) !== signature) throw new InvalidReply('MsgSignature does not match')
      let inner: { message: string; appId: string }
      try {
        inner = decrypt(ctx.key, encrypted)
      } catch (err) {
        throw new InvalidReply((err as Error).message)
      }
      if (inner.appId !== ctx.appId) throw new InvalidReply('Encrypt was made for another AppID')
      fields = parse(inner.message)
    } else if (ctx.mode === 'safe') {
      throw new InvalidReply('safe mode needs an encrypted reply (Encrypt, MsgSignature, TimeStamp, Nonce)')
    }
    return { reply: toReply(fields, ctx) }
  } catch (err) {
    if (err instanceof InvalidReply) return { reply: null, error: `invalid reply: ${err.message}` }
    throw err
  }
}

/** The reply as an outbox payload, snake_case like a customer-service message of the same type. */
export function replyPayload(reply: PushReply): Record<string, unknown> {
  switch (reply.type) {
    case 'text':
      return { content: reply.content }
    case 'image':
    case 'voice':
      return { media_id: reply.mediaId }
    case 'video':
      return { media_id: reply.mediaId, title: reply.title, description: reply.description }
    case 'music':
      return {
        title: reply.title,
        description: reply.description,
        musicurl: reply.musicUrl,
        hqmusicurl: reply.hqMusicUrl,
        thumb_media_id: reply.thumbMediaId,
      }
    case 'news':
      return { articles: reply.articles.map((a) => ({ title: a.title, description: a.description, picurl: a.picUrl, url: a.url })) }
    case 'transfer_customer_service':
      return reply.kfAccount === undefined ? {} : { kf_account: reply.kfAccount }
  }
}
