// API quotas: reset the day's call counts (10 resets a month, shared by both ways), read one path's.
// https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquota.html
import type { WeChatClient } from '../client'
import type { CallOptions } from '../options'
import { assertOptions, assertString } from '../validate'

/**
 * Resets the account's daily API call counts, with the access token. Every reset (this or
 * {@link clearQuotaByAppSecret}) uses one of 10 a month: 48006 when they are used up. Not retried
 * after it may have reached WeChat (a repeat would use another).
 *
 * @example
 * ```ts
 * await clearQuota(wx)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquota.html
 */
export async function clearQuota(client: WeChatClient, options: CallOptions = {}): Promise<void> {
  assertOptions('clearQuota options', options, ['signal'])
  await client.request('/cgi-bin/clear_quota', { json: { appid: client.appId }, signal: options.signal })
}

/**
 * Resets the daily call counts with the AppSecret instead of a token: the way out when the token
 * endpoint's own quota is used up. The secret travels as the doc's example sends it (query
 * `appid` and `appsecret`) and is redacted from every error, hook payload and log line.
 * 40013 wrong appid, 41004 secret missing, 48006 no resets left this month.
 *
 * @example
 * ```ts
 * await clearQuotaByAppSecret(wx, process.env.WECHAT_APP_SECRET!)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquotabyappsecret.html
 */
export async function clearQuotaByAppSecret(client: WeChatClient, appSecret: string, options: CallOptions = {}): Promise<void> {
  assertOptions('clearQuotaByAppSecret options', options, ['signal'])
  assertString('appSecret', appSecret, { max: 64, pattern: /^[0-9A-Za-z]+$/, patternText: 'an AppSecret (letters and digits)' })
  await client.request('/cgi-bin/clear_quota/v2', {
    method: 'POST',
    accessToken: false,
    query: { appid: client.appId, appsecret: appSecret },
    signal: options.signal,
  })
}

/** A path's quota today: calls allowed, used and left, and its rate limit. */
export interface ApiQuota {
  readonly dailyLimit: number
  readonly used: number
  readonly remain: number
  /** Calls allowed per `refreshSeconds` window, when WeChat gives one. */
  readonly rateLimit?: { readonly callCount: number; readonly refreshSeconds: number }
}

interface WireQuota {
  quota?: { daily_limit?: number; used?: number; remain?: number }
  rate_limit?: { call_count?: number; refresh_second?: number }
}

/**
 * Reads the quota of one API path (`/cgi-bin/message/custom/send`): its daily limit, calls used and
 * left. 76021 for a path WeChat does not know, 76022 for one this account may not query.
 *
 * @example
 * ```ts
 * const { remain } = await getApiQuota(wx, '/cgi-bin/message/custom/send')
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_getapiquota.html
 */
export async function getApiQuota(client: WeChatClient, cgiPath: string, options: CallOptions = {}): Promise<ApiQuota> {
  assertOptions('getApiQuota options', options, ['signal'])
  assertString('cgiPath', cgiPath, { max: 256, pattern: /^\/[\w/.-]*$/, patternText: 'an API path starting with / (no host, no query)' })
  const answer = await client.request<WireQuota>('/cgi-bin/openapi/quota/get', {
    json: { cgi_path: cgiPath },
    idempotent: true,
    signal: options.signal,
  })
  const q = answer.quota ?? {}
  const r = answer.rate_limit
  return {
    dailyLimit: q.daily_limit ?? 0,
    used: q.used ?? 0,
    remain: q.remain ?? 0,
    ...(r ? { rateLimit: { callCount: r.call_count ?? 0, refreshSeconds: r.refresh_second ?? 0 } } : {}),
  }
}
