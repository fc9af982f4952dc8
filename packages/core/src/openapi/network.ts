// WeChat's own view of the network: its IP ranges, and a check of the account's push URL from
// WeChat's side (DNS and ping), for "why do my pushes not arrive".
import type { WeChatClient } from '../client'
import type { CallOptions } from '../options'
import { assertOneOf, assertOptions } from '../validate'

/**
 * The addresses WeChat's pushes come from (allow them in your firewall).
 *
 * @see https://developers.weixin.qq.com/doc/service/api/base/api_getcallbackip.html
 */
export async function getCallbackIps(client: WeChatClient, options: CallOptions = {}): Promise<string[]> {
  assertOptions('getCallbackIps options', options, ['signal'])
  return (await client.request<{ ip_list?: string[] }>('/cgi-bin/getcallbackip', { signal: options.signal })).ip_list ?? []
}

/**
 * The addresses of api.weixin.qq.com (what your server's outbound calls reach).
 *
 * @see https://developers.weixin.qq.com/doc/service/api/base/api_getapidomainip.html
 */
export async function getApiDomainIps(client: WeChatClient, options: CallOptions = {}): Promise<string[]> {
  assertOptions('getApiDomainIps options', options, ['signal'])
  return (await client.request<{ ip_list?: string[] }>('/cgi-bin/get_api_domain_ip', { signal: options.signal })).ip_list ?? []
}

export type CallbackCheckAction = 'all' | 'dns' | 'ping'
/** The carrier WeChat checks from: China Telecom, China Unicom, Tencent's own, or chosen by IP. */
export type CallbackCheckOperator = 'DEFAULT' | 'CHINANET' | 'UNICOM' | 'CAP'

export interface CheckCallbackOptions extends CallOptions {
  /** @default 'all' */
  readonly action?: CallbackCheckAction
  /** @default 'DEFAULT' */
  readonly operator?: CallbackCheckOperator
}

export interface CallbackCheck {
  readonly dns: readonly { readonly ip: string; readonly realOperator: string }[]
  /** `packageLoss` is '0%' or '100%' (one packet is sent); `time` like '23.079ms'. */
  readonly ping: readonly { readonly ip: string; readonly fromOperator: string; readonly packageLoss: string; readonly time: string }[]
}

interface WireCheck {
  dns?: { ip: string; real_operator: string }[]
  ping?: { ip: string; from_operator: string; package_loss: string; time: string }[]
}

/**
 * Asks WeChat to resolve the account's push URL and ping its addresses (网络检测). 40201 when no
 * push URL is configured.
 *
 * @example
 * ```ts
 * const { ping } = await checkCallback(wx, { action: 'ping' })
 * if (ping.some((p) => p.packageLoss !== '0%')) console.warn('WeChat cannot reach us from', ping[0]?.fromOperator)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/base/api_callbackcheck.html
 */
export async function checkCallback(client: WeChatClient, options: CheckCallbackOptions = {}): Promise<CallbackCheck> {
  assertOptions('checkCallback options', options, ['action', 'operator', 'signal'])
  const { action = 'all', operator = 'DEFAULT' } = options
  assertOneOf('action', action, ['all', 'dns', 'ping'])
  assertOneOf('operator', operator, ['DEFAULT', 'CHINANET', 'UNICOM', 'CAP'])
  const answer = await client.request<WireCheck>('/cgi-bin/callback/check', {
    json: { action, check_operator: operator },
    idempotent: true,
    signal: options.signal,
  })
  return {
    dns: (answer.dns ?? []).map((d) => ({ ip: d.ip, realOperator: d.real_operator })),
    ping: (answer.ping ?? []).map((p) => ({ ip: p.ip, fromOperator: p.from_operator, packageLoss: p.package_loss, time: p.time })),
  }
}
