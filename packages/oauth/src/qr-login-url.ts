// The website QR-login URL (网站应用微信登录): a desktop page shows a QR code the user scans with WeChat.
import { checkOptions } from './internal/check'
import { oauthUrl } from './internal/oauth-url'

export interface QrLoginUrlOptions {
  /** The Open Platform website application's AppID (not the Official Account's). */
  readonly appId: string
  /** Where WeChat sends the browser back with `?code=CODE&state=STATE`. Pass it plain: encoded once here. */
  readonly redirectUri: string
  /** Comes back unchanged: 1-128 letters and digits. Use {@link createState}. */
  readonly state: string
  /** Host of the QR-login page: point it at the emulator in tests. @default 'https://open.weixin.qq.com' */
  readonly authorizeBaseUrl?: string
}

/**
 * Builds the website QR-login URL (`scope=snsapi_login`), for desktop browsers outside WeChat. The
 * code it yields is exchanged with {@link exchangeCode} using the website app's credentials.
 *
 * @example
 * ```ts
 * const url = buildQrLoginUrl({ appId: 'wxf1e2d3c4b5a69788', redirectUri: 'https://example.com/callback', state })
 * ```
 * @see https://developers.weixin.qq.com/doc/oplatform/Website_App/WeChat_Login/Wechat_Login.html
 */
export function buildQrLoginUrl(options: QrLoginUrlOptions): string {
  checkOptions('buildQrLoginUrl options', options, ['appId', 'redirectUri', 'state', 'authorizeBaseUrl'])
  return oauthUrl('/connect/qrconnect', { ...options, scope: 'snsapi_login' })
}
