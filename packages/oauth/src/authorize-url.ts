// The web authorization URL (网页授权) for a page opened inside WeChat. Pure: no client, no network.
import { checkOptions, kind } from './internal/check'
import { oauthUrl } from './internal/oauth-url'

/** `snsapi_base`: silent, gives the openid only. `snsapi_userinfo`: asks the user, gives the profile. */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo'

export interface AuthorizeUrlOptions {
  /** The Official Account's AppID. */
  readonly appId: string
  /**
   * Where WeChat sends the browser back, with `?code=CODE&state=STATE`. Its domain must be the
   * account's configured web-authorization domain. Pass it plain: it is encoded exactly once here.
   */
  readonly redirectUri: string
  readonly scope: OAuthScope
  /** Comes back unchanged: 1-128 letters and digits. Use {@link createState} for a CSRF-safe one. */
  readonly state: string
  /** Ask for consent even where WeChat would authorize silently. @default false */
  readonly forcePopup?: boolean
  /** Host of the authorize page: point it at the emulator in tests. @default 'https://open.weixin.qq.com' */
  readonly authorizeBaseUrl?: string
}

/**
 * Builds the URL that starts web authorization: appid, redirect_uri (encoded once), response_type,
 * scope, state in the order WeChat insists on, then `#wechat_redirect`.
 *
 * @example
 * ```ts
 * const url = buildAuthorizeUrl({ appId: 'wx5e6d0e3a1a7e0001', redirectUri: 'https://example.com/callback', scope: 'snsapi_userinfo', state })
 * // https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx5e6d0e3a1a7e0001&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback&response_type=code&scope=snsapi_userinfo&state=...#wechat_redirect
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
 */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
  checkOptions('buildAuthorizeUrl options', options, ['appId', 'redirectUri', 'scope', 'state', 'forcePopup', 'authorizeBaseUrl'])
  if (options.forcePopup !== undefined && typeof options.forcePopup !== 'boolean')
    throw new TypeError(`forcePopup must be a boolean, got ${kind(options.forcePopup)}`)
  const scope: unknown = options.scope
  if (scope !== 'snsapi_base' && scope !== 'snsapi_userinfo') {
    throw new RangeError(`scope must be "snsapi_base" or "snsapi_userinfo", got ${JSON.stringify(scope)}`)
  }
  return oauthUrl('/connect/oauth2/authorize', { ...options, scope }, options.forcePopup ? '&forcePopup=true' : '')
}
