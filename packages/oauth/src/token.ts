// The user's OAuth token: exchange the code from the callback for it, refresh it.
import { assertOptions, assertString, type CallOptions } from '@wxmp/core'
import { snsRequest, toClient, type OAuthClient } from './internal/client'
import { toToken, type WireToken } from './internal/wire'

/** The scope WeChat granted: `snsapi_login` for website QR login. */
export type OAuthTokenScope = 'snsapi_base' | 'snsapi_userinfo' | 'snsapi_login' | (string & {})

/** The user's OAuth token. `accessToken` and `refreshToken` are secrets: keep them server-side. */
export interface OAuthToken {
  /** For {@link getOAuthUserInfo} and {@link checkOAuthToken}; lives `expiresIn` seconds (2 hours). */
  readonly accessToken: string
  /** Seconds. */
  readonly expiresIn: number
  /** Renews `accessToken` with {@link refreshOAuthToken} for 30 days. */
  readonly refreshToken: string
  /** The user's id in this app. For a snapshot user it is virtual: see `isSnapshotUser`. */
  readonly openid: string
  readonly scope: OAuthTokenScope
  /**
   * `true` for a visitor of WeChat's "snapshot page" (快照页, the preview shown when a link is opened
   * from Moments without tapping through): the openid is virtual and the user has NOT authorized.
   * Do not create an account or bind data to it; ask them to open the page fully.
   */
  readonly isSnapshotUser: boolean
  /** Present when the account is bound to an Open Platform account (and the scope is userinfo/login). */
  readonly unionid?: string
}

export interface ExchangeCodeOptions extends CallOptions {}
export interface RefreshOAuthTokenOptions extends CallOptions {}

/** Codes and tokens are secrets: their checks name the length, never the value. */
function checkSecretArg(name: string, value: unknown): asserts value is string {
  assertString(name, value, { max: 512, controls: 'none' })
}

/**
 * Exchanges the `code` from the authorization callback for the user's OAuth token and openid.
 * A code works once and lives 5 minutes: errors come back as {@link WeChatOAuthError} with
 * `reason` `code_used`, `invalid_code` or `code_expired`. Not retried on a network error, because
 * the code may already be spent.
 *
 * @example
 * ```ts
 * const token = await exchangeCode(wx, c.req.query('code')!)
 * if (token.isSnapshotUser) return c.text('Open the page in WeChat to log in')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
 */
export async function exchangeCode(client: OAuthClient, code: string, options: ExchangeCodeOptions = {}): Promise<OAuthToken> {
  assertOptions('exchangeCode options', options, ['signal'])
  checkSecretArg('code', code)
  const wx = toClient(client)
  const wire = await snsRequest<WireToken>(wx, '/sns/oauth2/access_token', {
    query: { code, grant_type: 'authorization_code' },
    appCredentials: true,
    idempotent: false,
    signal: options.signal,
  })
  return toToken(wire)
}

/**
 * Renews the user's OAuth access token with the refresh token (valid 30 days). While the access
 * token is still valid WeChat returns the same one with a fresh `expiresIn`.
 *
 * @example
 * ```ts
 * const renewed = await refreshOAuthToken(wx, saved.refreshToken)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
 */
export async function refreshOAuthToken(
  client: OAuthClient,
  refreshToken: string,
  options: RefreshOAuthTokenOptions = {},
): Promise<OAuthToken> {
  assertOptions('refreshOAuthToken options', options, ['signal'])
  checkSecretArg('refreshToken', refreshToken)
  const wx = toClient(client)
  // The refresh needs the appid only: the secret stays home.
  const wire = await snsRequest<WireToken>(wx, '/sns/oauth2/refresh_token', {
    query: { appid: wx.appId, grant_type: 'refresh_token', refresh_token: refreshToken },
    signal: options.signal,
  })
  return toToken(wire)
}
