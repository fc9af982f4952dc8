// Calls to the sns endpoints: through the user's core client, or a client made from plain
// credentials; errors with an OAuth meaning become WeChatOAuthError.
import { assertOptions, createClient, describeValue, isWeChatApiError, type RequestOptions, type WeChatClient } from '@wxmp/core'
import { oauthReason, WeChatOAuthError } from '../errors'

/** App credentials for web authorization, when you have no core client at hand. */
export interface OAuthCredentials {
  readonly appId: string
  /** Sent only to the code exchange; never logged, never in an error. */
  readonly appSecret: string
  /** API host. @default 'https://api.weixin.qq.com' */
  readonly baseUrl?: string
  /** @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch
}

/** A core client (`createClient`) or plain credentials. */
export type OAuthClient = WeChatClient | OAuthCredentials

const made = new WeakMap<OAuthCredentials, WeChatClient>()

export function toClient(client: OAuthClient): WeChatClient {
  if (client === null || typeof client !== 'object') {
    throw new TypeError(`client must be a WeChatClient or { appId, appSecret }, got ${describeValue(client)}`)
  }
  if ('request' in client && typeof client.request === 'function') return client
  assertOptions('client', client, ['appId', 'appSecret', 'baseUrl', 'fetch'])
  const credentials = client as OAuthCredentials
  let wx = made.get(credentials)
  if (!wx) {
    // createClient checks appId/appSecret and names them; the platform token is never fetched here.
    wx = createClient({
      appId: credentials.appId,
      appSecret: credentials.appSecret,
      ...(credentials.baseUrl === undefined ? {} : { baseUrl: credentials.baseUrl }),
      ...(credentials.fetch === undefined ? {} : { fetch: credentials.fetch }),
    })
    made.set(credentials, wx)
  }
  return wx
}

export async function snsRequest<T>(
  wx: WeChatClient,
  path: string,
  options: RequestOptions & { readonly responseType?: 'json' },
): Promise<T> {
  try {
    return await wx.request<T>(path, { ...options, accessToken: false })
  } catch (error) {
    if (isWeChatApiError(error)) {
      const reason = oauthReason(error.errcode, error.path)
      if (reason) throw new WeChatOAuthError(error, reason)
    }
    throw error
  }
}
