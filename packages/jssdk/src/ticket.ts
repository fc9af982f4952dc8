// JS-SDK tickets (jsapi, and wx_card for the card APIs): a second credential with the access
// token's problems (limited fetches, one live value, a fleet that must share it), so it lives in
// core's credential cache, in the client's own TokenStore beside the token.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (附录1: 获取jsapi_ticket)
import { assertOptions, credentialCacheOf, type CallOptions, type CredentialCache, type WeChatClient } from '@wxmp/core'

export type TicketType = 'jsapi' | 'wx_card'

export interface GetJsApiTicketOptions extends CallOptions {
  /** `jsapi` for wx.config, `wx_card` for the card APIs' signatures. @default 'jsapi' */
  readonly type?: TicketType
}

interface TicketAnswer {
  ticket: string
  expires_in: number
}

function cacheOf(client: WeChatClient, type: TicketType): CredentialCache {
  if (type !== 'jsapi' && type !== 'wx_card') throw new TypeError(`type must be 'jsapi' or 'wx_card', got ${JSON.stringify(type)}`)
  return credentialCacheOf(
    client,
    `ticket:${type}`,
    async () => {
      // Not tied to one caller's signal: every waiting caller shares this fetch.
      const answer = await client.request<TicketAnswer>('/cgi-bin/ticket/getticket', { query: { type } })
      if (typeof answer.ticket !== 'string' || answer.ticket === '') throw new TypeError('getticket answered no ticket')
      return { value: answer.ticket, expiresIn: Number(answer.expires_in) }
    },
    `${type} ticket`,
  )
}

/**
 * The account's JS-SDK ticket (`GET /cgi-bin/ticket/getticket?type=jsapi`), cached like the access
 * token: in the client's TokenStore (so a fleet on @wxmp/redis shares one ticket and one fetch,
 * under the store's lock), refreshed ahead of expiry by the client's `refreshMarginMs`, fetched
 * once however many callers ask at once. A token error underneath (40001, 42001) is the token's
 * problem: the client renews the token and asks again, once. Returns the ticket, a secret that
 * signs pages for your domains: keep it on the server.
 *
 * Throws TypeError for an unknown `type`; WeChatApiError for WeChat's refusals (45009 when the
 * day's getticket quota is spent).
 *
 * @example
 * ```ts
 * const ticket = await getJsApiTicket(wx)                        // jsapi
 * const cardTicket = await getJsApiTicket(wx, { type: 'wx_card' })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
 */
export async function getJsApiTicket(client: WeChatClient, options: GetJsApiTicketOptions = {}): Promise<string> {
  assertOptions('getJsApiTicket options', options, ['type', 'signal'])
  return cacheOf(client, options.type ?? 'jsapi').get({ signal: options.signal })
}

/**
 * Drops `ticket` from the cache if it is still the cached one (a page reported `invalid signature`
 * with it), so the next call fetches again. Resolves `true` when it was dropped.
 */
export async function invalidateJsApiTicket(
  client: WeChatClient,
  ticket: string,
  options: { readonly type?: TicketType } = {},
): Promise<boolean> {
  assertOptions('invalidateJsApiTicket options', options, ['type'])
  return cacheOf(client, options.type ?? 'jsapi').invalidate(ticket)
}
