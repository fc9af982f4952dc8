// WeChat's answer shapes: errcode JSON with a request id, HTTP 200 even on failure.
import type { Context } from 'hono'

let ridCounter = 0

/** A request id in WeChat's format (`6500a1b2-1c2d3e4f-5a6b7c8d`), appended to errmsg. */
export function rid(): string {
  ridCounter = (ridCounter + 1) >>> 0
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0')
  return `${hex(Math.floor(Date.now() / 1000))}-${hex(Math.random() * 2 ** 32)}-${hex(ridCounter)}`
}

/** Serialises `body`, writing BigInt values as bare integers (64-bit ids, as WeChat sends them). */
export function jsonText(body: unknown): string {
  const marks: string[] = []
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (typeof value === 'bigint') {
      marks.push(value.toString())
      return `\u0000big${marks.length - 1}\u0000`
    }
    return value
  })
  return text.replace(/"\\u0000big(\d+)\\u0000"/g, (_m, i: string) => marks[Number(i)] ?? '0')
}

/** A JSON answer, HTTP 200, `application/json; charset=UTF-8` like WeChat. */
export function wxJson(c: Context, body: unknown, status = 200): Response {
  return c.body(jsonText(body), status as 200, { 'Content-Type': 'application/json; encoding=utf-8' })
}

/** A failure: `{ errcode, errmsg: "<msg> rid: <rid>" }`. */
export function wxError(c: Context, errcode: number, errmsg: string = ERRMSG[errcode] ?? 'error'): Response {
  return wxJson(c, { errcode, errmsg: `${errmsg} rid: ${rid()}` })
}

/** A success with `errcode: 0, errmsg: "ok"` and any extra fields. */
export function wxOk(c: Context, extra: Record<string, unknown> = {}): Response {
  return wxJson(c, { errcode: 0, errmsg: 'ok', ...extra })
}

/**
 * The JSON body, or the errcode answer WeChat gives: 44002 for an empty body, 47001 for one
 * that is not JSON (an object). Callers: `const body = await readJson(c); if (body instanceof Response) return body`.
 */
export async function readJson<T = Record<string, unknown>>(c: Context): Promise<T | Response> {
  const text = await c.req.text()
  if (text.trim() === '') return wxError(c, 44002)
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return wxError(c, 47001)
    return parsed as T
  } catch {
    return wxError(c, 47001)
  }
}

/** WeChat's own errmsg texts for the codes the emulator answers (unlisted: "error"). */
export const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40006: 'invalid meida size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40030: 'invalid refresh_token',
  40032: 'invalid openid list size',
  40035: 'invalid args',
  40037: 'invalid template_id',
  40050: 'invalid group id',
  40051: 'invalid group name',
  40053: 'invalid action info',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40130: 'invalid openid list size, at least two openid',
  40163: 'code been used',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41006: 'media_id missing',
  41008: 'missing code',
  41009: 'missing openid',
  42001: 'access_token expired',
  42002: 'refresh_token expired',
  42003: 'code expired',
  43004: 'require subscribe',
  43101: 'user refuse to accept the msg',
  44001: 'empty media data',
  44002: 'empty post data',
  44003: 'empty news data',
  44004: 'empty content',
  45001: 'media size out of limit',
  45002: 'content size out of limit',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45016: 'system group can not be changed',
  45017: 'group name too long',
  45018: 'too many group now, no need to add new',
  45026: 'template num exceeds limit',
  45028: 'has no masssend quota',
  45047: 'out of response count limit',
  45056: 'too many tags now, no need to add new',
  45057: 'can not delete the tag with more than 100000 fans',
  45058: "can't modify sys tag",
  45059: 'too many tag on user',
  45065: 'clientmsgid exist',
  45066: 'same clientmsgid retry too fast',
  45067: 'clientmsgid size out of limit',
  45157: 'invalid tag name',
  45158: 'tag name too long',
  45159: 'invalid tag id',
  46001: 'media data missing',
  46004: 'not exist user',
  47001: 'data format error',
  47003: 'argument invalid!',
  48001: 'api unauthorized',
  49003: 'not match openid with appid',
  53600: 'invalid article_id',
}
