// The one URL shape WeChat's authorize and QR-login pages share. WeChat rejects the request when the
// parameters come in another order, so the string is written out by hand, never via URLSearchParams.
import { checkRedirectUri, checkText } from './check'

export const DEFAULT_AUTHORIZE_BASE_URL = 'https://open.weixin.qq.com'

/** `state`: at most 128 bytes of [a-zA-Z0-9], WeChat's rule. */
export const STATE_PATTERN = /^[A-Za-z0-9]{1,128}$/

export interface OAuthUrlParts {
  readonly appId: unknown
  readonly redirectUri: unknown
  readonly scope: string
  readonly state: unknown
  readonly authorizeBaseUrl?: string | undefined
}

export function oauthUrl(path: string, parts: OAuthUrlParts, extra = ''): string {
  const { appId, redirectUri, scope, state } = parts
  checkText('appId', appId, 64, /^\w+$/, 'an AppID (letters and digits)')
  checkRedirectUri('redirectUri', redirectUri)
  checkText('state', state, 128, STATE_PATTERN, 'letters and digits only (a-z, A-Z, 0-9)')
  if (parts.authorizeBaseUrl !== undefined) checkRedirectUri('authorizeBaseUrl', parts.authorizeBaseUrl)
  const base = (parts.authorizeBaseUrl ?? DEFAULT_AUTHORIZE_BASE_URL).replace(/\/+$/, '')
  return `${base}${path}?appid=${appId}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=${scope}&state=${state}${extra}#wechat_redirect`
}
