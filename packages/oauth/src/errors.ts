// The errcodes a user meets in web authorization, as one error type with a `reason` that says what
// happened and what to do. It is a WeChatApiError (errcode, errmsg, rid, redacted request), so code
// that handles WeChatApiError keeps working.
import { WeChatApiError, isWeChatApiError } from '@wxmp/core'

const BRAND = Symbol.for('wxmp.oauth-error')

/**
 * - `invalid_code` (40029): not a code WeChat issued to this app: send the user through authorization again.
 * - `code_used` (40163): codes work once (a reload of the callback page sends it twice).
 * - `code_expired` (42003): codes live 5 minutes.
 * - `invalid_refresh_token` (40030), `refresh_token_expired` (42002, after 30 days): authorize again.
 * - `authorization_revoked` (42007): the user changed their password or revoked access: authorize again.
 * - `access_token_invalid` (40001 / 40014 on the sns endpoints), `access_token_expired` (42001):
 *   refresh the OAuth token with {@link refreshOAuthToken}.
 * - `openid_mismatch` (40003): the openid is not the one the OAuth token was issued for.
 * - `scope_insufficient` (48001 on `/sns/userinfo`): the token is `snsapi_base`; the profile needs `snsapi_userinfo`.
 */
export type OAuthErrorReason =
  | 'invalid_code'
  | 'code_used'
  | 'code_expired'
  | 'invalid_refresh_token'
  | 'refresh_token_expired'
  | 'authorization_revoked'
  | 'access_token_invalid'
  | 'access_token_expired'
  | 'openid_mismatch'
  | 'scope_insufficient'

const HINTS: Record<OAuthErrorReason, string> = {
  invalid_code: 'the code is not one WeChat issued to this app; send the user through authorization again',
  code_used: 'the code was already exchanged (codes work once); send the user through authorization again',
  code_expired: 'the code is older than 5 minutes; send the user through authorization again',
  invalid_refresh_token: 'the refresh token is not valid; send the user through authorization again',
  refresh_token_expired: 'the refresh token is older than 30 days; send the user through authorization again',
  authorization_revoked: "the user's authorization was revoked; send the user through authorization again",
  access_token_invalid: 'the OAuth access token is not valid; refresh it or authorize again',
  access_token_expired: 'the OAuth access token expired (2 hours); refresh it with refreshOAuthToken',
  openid_mismatch: 'the openid does not belong to this OAuth access token',
  scope_insufficient: 'the OAuth token is snsapi_base; the profile needs scope snsapi_userinfo',
}

/** A WeChatApiError from the OAuth endpoints whose meaning is known: see {@link OAuthErrorReason}. */
export class WeChatOAuthError extends WeChatApiError {
  // Its own literal name: it reported itself as `WeChatApiError` (issue 15). Guards still treat it
  // as an API error by its family tag, not its name.
  override name: string = 'WeChatOAuthError'
  readonly [BRAND] = true
  readonly reason: OAuthErrorReason

  constructor(source: WeChatApiError, reason: OAuthErrorReason) {
    super(source.errcode, source.rid ? `${source.errmsg} rid: ${source.rid}` : source.errmsg, source.request, { ...source.data })
    this.reason = reason
    this.message = `${this.message}: ${HINTS[reason]}`
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason }
  }
}

/**
 * Whether `error` is a {@link WeChatOAuthError} (works across duplicated package copies).
 *
 * @example
 * ```ts
 * try { await exchangeCode(wx, code) } catch (e) { if (isWeChatOAuthError(e) && e.reason === 'code_used') return redirect('/login') }
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
 */
export function isWeChatOAuthError(error: unknown): error is WeChatOAuthError {
  return isWeChatApiError(error) && (error as unknown as Record<symbol, unknown>)[BRAND] === true
}

const SNS_TOKEN_PATHS = new Set(['/sns/userinfo', '/sns/auth'])

/** The reason for an errcode on `path`, or undefined for codes without an OAuth meaning. */
export function oauthReason(errcode: number, path: string): OAuthErrorReason | undefined {
  switch (errcode) {
    case 40029:
      return 'invalid_code'
    case 40163:
      return 'code_used'
    case 42003:
      return 'code_expired'
    case 40030:
      return 'invalid_refresh_token'
    case 42002:
      return 'refresh_token_expired'
    case 42007:
      return 'authorization_revoked'
  }
  // On the sns endpoints `access_token` is the user's OAuth token, not the platform token.
  if (!SNS_TOKEN_PATHS.has(path)) return undefined
  if (errcode === 40001 || errcode === 40014) return 'access_token_invalid'
  if (errcode === 42001) return 'access_token_expired'
  if (errcode === 40003) return 'openid_mismatch'
  if (errcode === 48001 && path === '/sns/userinfo') return 'scope_insufficient'
  return undefined
}
