// Pushing to the account's server as WeChat does: the fields as XML or JSON, signed, encrypted per
// mode, POSTed with a timeout and 3 tries in all, then the passive reply decoded and delivered to
// the outbox (or what the follower sees when the answer is not a valid reply).
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
// https://developers.weixin.qq.com/doc/service/guide/product/message/Passive_user_reply_message.html
import { randomInt } from 'node:crypto'
import type { PushConfig, PushRecord, PushReply } from '../types'
import type { Outbox } from '../model/outbox'
import type { Clock } from '../context'
import { jsonText } from '../wechat'
import { aesKey, encrypt, sha1Signature } from './crypto'
import { decodeReply, replyPayload, SERVICE_UNAVAILABLE } from './reply'
import { toXml } from './xml'
import { forFormat } from './by-format'

/** WeChat's tries per push: the first and two retries. */
export const PUSH_TRIES = 3
export const DEFAULT_PUSH_TIMEOUT_MS = 5_000

/** A checked push configuration. */
export interface PushTarget {
  readonly url: string
  readonly token: string
  readonly encodingAESKey: string | undefined
  readonly key: Buffer | undefined
  readonly mode: 'plaintext' | 'compatible' | 'safe'
  readonly format: 'xml' | 'json'
  readonly timeoutMs: number
}

/** `config` checked; throws a TypeError/RangeError naming the field, the rule and what was given. */
export function pushTarget(config: PushConfig): PushTarget {
  if (config === null || typeof config !== 'object') throw new TypeError('push must be an object { url, token, ... }')
  const { url, token, encodingAESKey, format = 'xml', timeoutMs = DEFAULT_PUSH_TIMEOUT_MS } = config
  if (typeof url !== 'string' || !/^https?:\/\//.test(url))
    throw new TypeError(`push.url must be an http(s) URL, got ${JSON.stringify(url)}`)
  if (typeof token !== 'string' || !/^[A-Za-z0-9]{3,32}$/.test(token)) {
    throw new TypeError(
      `push.token must be 3 to 32 letters or digits, got ${typeof token === 'string' ? `${token.length} characters` : typeof token}`,
    )
  }
  let key: Buffer | undefined
  if (encodingAESKey !== undefined) {
    key = typeof encodingAESKey === 'string' ? aesKey(encodingAESKey) : undefined
    if (!key)
      throw new TypeError(
        `push.encodingAESKey must be 43 characters of base64, got ${typeof encodingAESKey === 'string' ? `${encodingAESKey.length} characters` : typeof encodingAESKey}`,
      )
  }
  const mode = config.mode ?? (key ? 'safe' : 'plaintext')
  if (mode !== 'plaintext' && mode !== 'compatible' && mode !== 'safe')
    throw new TypeError(`push.mode must be 'plaintext', 'compatible' or 'safe', got ${JSON.stringify(mode)}`)
  if (mode !== 'plaintext' && !key) throw new TypeError(`push.encodingAESKey is required in ${mode} mode`)
  if (format !== 'xml' && format !== 'json') throw new TypeError(`push.format must be 'xml' or 'json', got ${JSON.stringify(format)}`)
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) {
    throw new RangeError(`push.timeoutMs must be between 1 and 60000, got ${String(timeoutMs)}`)
  }
  return { url, token, encodingAESKey, key, mode, format, timeoutMs }
}

/** The public view of a target: never the token or EncodingAESKey. */
export function describeTarget(t: PushTarget | undefined) {
  return t ? { url: t.url, mode: t.mode, format: t.format, timeoutMs: t.timeoutMs, encrypted: t.key !== undefined } : null
}

export interface PushSpec {
  readonly kind: 'message' | 'event'
  /** FromUserName, and the `openid` query parameter. */
  readonly from: string
  /** Every field after ToUserName, FromUserName and CreateTime, in WeChat's order and names. */
  readonly fields: Record<string, unknown>
  /** Whether a passive reply reaches the follower (job results and unsubscribe: no). */
  readonly replies: boolean
  /** Most articles a news reply may carry. @default 8 */
  readonly maxArticles?: number
}

export interface PushApp {
  readonly appId: string
  readonly originalId: string
  pushTarget: PushTarget | undefined
  readonly pushes: PushRecord[]
}

const serialize = (fields: Record<string, unknown>, format: 'xml' | 'json') =>
  format === 'xml' ? toXml(forFormat(fields, 'xml')) : jsonText(forFormat(fields, 'json'))

/** The request WeChat would send for `fields` to `target`. */
export function buildPush(target: PushTarget, appId: string, openid: string, fields: Record<string, unknown>, timestamp: number) {
  const nonce = String(randomInt(1, 2 ** 31 - 1))
  const ts = String(timestamp)
  const query = new URLSearchParams({ signature: sha1Signature(target.token, ts, nonce), timestamp: ts, nonce, openid })
  let body = serialize(fields, target.format)
  if (target.mode !== 'plaintext' && target.key) {
    const encrypted = encrypt(target.key, body, appId)
    query.set('encrypt_type', 'aes')
    query.set('msg_signature', sha1Signature(target.token, ts, nonce, encrypted))
    // Compatible mode sends the plain fields and Encrypt together; safe mode only ToUserName and Encrypt.
    const envelope =
      target.mode === 'compatible' ? { ...fields, Encrypt: encrypted } : { ToUserName: fields.ToUserName, Encrypt: encrypted }
    body = serialize(envelope, target.format)
  }
  const sep = target.url.includes('?') ? '&' : '?'
  return {
    url: `${target.url}${sep}${query.toString()}`,
    body,
    contentType: target.format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8',
  }
}

async function post(
  url: string,
  body: string,
  contentType: string,
  timeoutMs: number,
): Promise<{ status: number; text: string } | { failure: string }> {
  try {
    // WeChat does not follow a redirect: a 3xx is the receiver's answer, judged (and refused) like
    // any other non-2xx status, never a reason to post the message again elsewhere.
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': contentType },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    return { status: res.status, text: await res.text() }
  } catch (err) {
    const name = (err as { name?: string }).name
    if (name === 'TimeoutError' || name === 'AbortError') return { failure: 'timeout' }
    const cause = (err as { cause?: { code?: string } }).cause
    return { failure: `connection failed${cause?.code ? ` (${cause.code})` : ''}` }
  }
}

/**
 * Pushes `spec` to the app's server and records it. Resolves when the last try is over; never
 * rejects (a failure is in the record's `error`).
 */
export async function push(appState: PushApp, spec: PushSpec, clock: Clock, outbox: Outbox): Promise<PushRecord> {
  const at = clock.now()
  const createTime = Math.floor(at / 1000)
  const fields = { ToUserName: appState.originalId, FromUserName: spec.from, CreateTime: createTime, ...spec.fields }
  const type = String(spec.kind === 'event' ? spec.fields.Event : spec.fields.MsgType)
  const msgId = spec.kind === 'message' ? String(spec.fields.MsgId) : undefined
  // The record lists 64-bit ids (MsgId, MsgID) as decimal strings: JSON numbers cannot hold them.
  const listed = Object.fromEntries(
    Object.entries(forFormat(fields, 'json')).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]),
  )
  const base = {
    appId: appState.appId,
    kind: spec.kind,
    type,
    from: spec.from,
    fields: listed,
    at,
    ...(msgId === undefined ? {} : { msgId }),
  }
  const record = (result: {
    status: number | null
    attempts: number
    reply: PushReply | null
    error?: string
    response?: string
  }): PushRecord => {
    const full: PushRecord = {
      ...base,
      ...result,
      ...(wire === undefined ? {} : { request: wire, durationMs: Date.now() - started }),
      seq: appState.pushes.length + 1,
    }
    appState.pushes.push(full)
    return full
  }

  const started = Date.now()
  let wire: { url: string; body: string } | undefined
  const target = appState.pushTarget
  if (!target) return record({ status: null, attempts: 0, reply: null, error: 'no push URL configured' })
  const request = buildPush(target, appState.appId, spec.from, fields, createTime)
  wire = { url: request.url, body: request.body }

  let attempts = 0
  let answer: { status: number; text: string } | undefined
  let failure = 'timeout'
  while (attempts < PUSH_TRIES && !answer) {
    attempts++
    const result = await post(request.url, request.body, request.contentType, target.timeoutMs)
    if ('failure' in result) failure = result.failure
    else answer = result
  }

  const fail = (status: number | null, reason: string) => {
    const error = `${reason}; the follower sees "${SERVICE_UNAVAILABLE}"`
    if (spec.replies) {
      outbox.deliver({
        appId: appState.appId,
        channel: 'reply',
        touser: spec.from,
        msgtype: 'system',
        payload: { content: SERVICE_UNAVAILABLE, reason },
        at: clock.now(),
      })
    }
    return record({ status, attempts, reply: null, error, ...(answer ? { response: answer.text.slice(0, 200) } : {}) })
  }
  if (!answer) return fail(null, failure)
  if (answer.status < 200 || answer.status > 299) return fail(answer.status, `invalid reply: HTTP ${answer.status}`)
  const decoded = decodeReply(answer.text, {
    mode: target.mode,
    token: target.token,
    key: target.key,
    appId: appState.appId,
    originalId: appState.originalId,
    openid: spec.from,
    maxArticles: spec.maxArticles ?? 8,
  })
  if (decoded.error !== undefined) return fail(answer.status, decoded.error)
  if (decoded.reply && spec.replies) {
    outbox.deliver({
      appId: appState.appId,
      channel: 'reply',
      touser: spec.from,
      msgtype: decoded.reply.type,
      payload: replyPayload(decoded.reply),
      at: clock.now(),
    })
  }
  return record({ status: answer.status, attempts, reply: decoded.reply })
}
