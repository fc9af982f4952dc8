// What a failed call was, by the rid at the end of its errmsg (WeChatApiError.rid). Kept 7 days.
// https://developers.weixin.qq.com/doc/service/api/apimanage/api_getridinfo.html
import type { WeChatClient } from '../client'
import type { CallOptions } from '../options'
import { redactText, REDACTED, SECRET_KEYS } from '../redact'
import { assertOptions, assertString } from '../validate'

/** The request behind a rid, as WeChat recorded it. */
export interface RidInfo {
  /** When the call was made, epoch seconds. */
  readonly invokeTime: number
  readonly costInMs: number
  /** The call's query string; its `access_token` is redacted. */
  readonly requestUrl: string
  /** The call's POST body ('' for a GET); secret-named values (secret, access_token, code...) are redacted. */
  readonly requestBody: string
  /** What WeChat answered, as text; secret-named values (a stable_token's access_token) are redacted. */
  readonly responseBody: string
  readonly clientIp: string
}

interface WireRid {
  request?: {
    invoke_time?: number
    cost_in_ms?: number
    request_url?: string
    request_body?: string
    response_body?: string
    client_ip?: string
  }
}

/**
 * Looks up a failed call by its rid: when it ran, what it sent and what WeChat answered. Only the
 * same account's rids, only for 7 days (76001 after; 76002 a malformed rid, 76003 another
 * account's). Secrets are redacted: the recorded URL's token, and values under secret names
 * (secret, access_token, code...) in both bodies, wherever else those values appear.
 *
 * @example
 * ```ts
 * try { await sendText(wx, openid, 'hi') } catch (e) {
 *   if (isWeChatApiError(e) && e.rid) console.log(await getRidInfo(wx, e.rid))
 * }
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_getridinfo.html
 */
export async function getRidInfo(client: WeChatClient, rid: string, options: CallOptions = {}): Promise<RidInfo> {
  assertOptions('getRidInfo options', options, ['signal'])
  assertString('rid', rid, { max: 64, pattern: /^[0-9a-f]+(-[0-9a-f]+)+$/i, patternText: 'a rid like 61725984-6126f6f9-040f19c4' })
  const answer = await client.request<WireRid>('/cgi-bin/openapi/rid/get', { json: { rid }, idempotent: true, signal: options.signal })
  const r = answer.request ?? {}
  // The recorded URL is a bare query string (`access_token=...`): a leading ? lets the key pattern see it.
  const texts = [`?${r.request_url ?? ''}`, r.request_body ?? '', r.response_body ?? '']
  // Every value sent or answered under a secret name (the AppSecret of a stable_token body, a token),
  // plus the client's current token, is scrubbed wherever it appears in the three texts.
  const secrets = [await client.getAccessToken(options.signal ? { signal: options.signal } : {}).catch(() => '')]
  for (const text of texts) {
    for (const m of text.matchAll(SECRET_VALUE)) {
      const v = m[1] ?? m[2] ?? ''
      secrets.push(v)
      try {
        secrets.push(m[1] === undefined ? decodeURIComponent(v) : (JSON.parse(`"${v}"`) as string))
      } catch {
        // A malformed escape: the raw value is scrubbed.
      }
    }
  }
  const [requestUrl, requestBody, responseBody] = texts.map((text) => redactText(text.replace(SECRET_FIELD, `$1${REDACTED}"`), secrets))
  return {
    invokeTime: r.invoke_time ?? 0,
    costInMs: r.cost_in_ms ?? 0,
    requestUrl: requestUrl!.slice(1),
    requestBody: requestBody!,
    responseBody: responseBody!,
    clientIp: r.client_ip ?? '',
  }
}

const KEYS = /* @__PURE__ */ SECRET_KEYS.join('|')
/** A JSON string under a secret name (`"secret":"..."`), the part before its value in group 1. */
const SECRET_FIELD = /* @__PURE__ */ new RegExp(`("(?:${KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"`, 'gi')
/** A secret value: a query parameter's (group 1) or a JSON string's (group 2). */
const SECRET_VALUE = /* @__PURE__ */ new RegExp(`(?:^|[?&])(?:${KEYS})=([^&#\\s"']+)|"(?:${KEYS})"\\s*:\\s*"((?:[^"\\\\]|\\\\.)+)"`, 'gi')
