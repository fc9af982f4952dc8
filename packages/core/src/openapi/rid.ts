// What a failed call was, by the rid at the end of its errmsg (WeChatApiError.rid). Kept 7 days.
// https://developers.weixin.qq.com/doc/service/api/apimanage/api_getridinfo.html
import type { WeChatClient } from '../client'
import type { CallOptions } from '../options'
import { redactText } from '../redact'
import { assertOptions, assertString } from '../validate'

/** The request behind a rid, as WeChat recorded it. */
export interface RidInfo {
  /** When the call was made, epoch seconds. */
  readonly invokeTime: number
  readonly costInMs: number
  /** The call's query string; its `access_token` is redacted. */
  readonly requestUrl: string
  /** The call's POST body ('' for a GET). */
  readonly requestBody: string
  /** What WeChat answered, as text. */
  readonly responseBody: string
  readonly clientIp: string
}

interface WireRid {
  request?: { invoke_time?: number; cost_in_ms?: number; request_url?: string; request_body?: string; response_body?: string; client_ip?: string }
}

/**
 * Looks up a failed call by its rid: when it ran, what it sent and what WeChat answered. Only the
 * same account's rids, only for 7 days (76001 after; 76002 a malformed rid, 76003 another
 * account's). The token in the recorded URL is redacted.
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
  return {
    invokeTime: r.invoke_time ?? 0,
    costInMs: r.cost_in_ms ?? 0,
    // The recorded URL is a bare query string (`access_token=...`): a leading ? lets the key pattern see it.
    requestUrl: redactText(`?${r.request_url ?? ''}`, []).slice(1),
    requestBody: r.request_body ?? '',
    responseBody: r.response_body ?? '',
    clientIp: r.client_ip ?? '',
  }
}
