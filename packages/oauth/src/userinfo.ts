// What the user's OAuth token gives: their profile (snsapi_userinfo), and whether it is still valid.
import { assertOpenId, assertOptions, assertString, describeValue, isWeChatApiError, type CallOptions } from '@wxmp/core'
import { snsRequest, toClient, type OAuthClient } from './internal/client'
import { toUserInfo, type WireUserInfo } from './internal/wire'

/** The user's profile. Since 2021 WeChat sends `sex` 0 and empty places: nickname and avatar are what you get. */
export interface OAuthUserInfo {
  readonly openid: string
  readonly nickname: string
  /** 0 unknown (always, since 2021), 1 male, 2 female. */
  readonly sex: 0 | 1 | 2
  readonly province: string
  readonly city: string
  readonly country: string
  /** Avatar URL ('' when the user has none); the last path segment picks the size (0, 46, 64, 96, 132). */
  readonly headImgUrl: string
  /** Privileges, e.g. WeChat card holders ('chinaunicom'). */
  readonly privilege: readonly string[]
  /** Present when the account is bound to an Open Platform account. */
  readonly unionid?: string
}

/** The part of an {@link OAuthToken} these calls need. */
export interface OAuthTokenRef {
  readonly accessToken: string
  readonly openid: string
}

export interface GetOAuthUserInfoOptions extends CallOptions {
  /** Language of the place names. @default 'zh_CN' */
  readonly lang?: 'zh_CN' | 'zh_TW' | 'en'
}

export interface CheckOAuthTokenOptions extends CallOptions {}

const LANGS = new Set(['zh_CN', 'zh_TW', 'en'])

function checkRef(token: unknown): asserts token is OAuthTokenRef {
  if (token === null || typeof token !== 'object')
    throw new TypeError(`token must be an object { accessToken, openid }, got ${describeValue(token)}`)
  const { accessToken, openid } = token as Record<string, unknown>
  // A token is a secret: the check names its length, never its value.
  assertString('token.accessToken', accessToken, { max: 512, controls: 'none' })
  assertOpenId('token.openid', openid)
}

/**
 * Fetches the user's profile with their OAuth token (scope `snsapi_userinfo` or `snsapi_login`).
 * A `snsapi_base` token is refused by WeChat: {@link WeChatOAuthError} `scope_insufficient`.
 *
 * @example
 * ```ts
 * const token = await exchangeCode(wx, code)
 * const user = await getOAuthUserInfo(wx, token)
 * console.log(user.nickname, user.headImgUrl)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
 */
export async function getOAuthUserInfo(
  client: OAuthClient,
  token: OAuthTokenRef,
  options: GetOAuthUserInfoOptions = {},
): Promise<OAuthUserInfo> {
  assertOptions('getOAuthUserInfo options', options, ['lang', 'signal'])
  checkRef(token)
  const lang = options.lang ?? 'zh_CN'
  if (!LANGS.has(lang))
    throw new RangeError(
      `lang must be "zh_CN", "zh_TW" or "en", got ${typeof lang === 'string' ? JSON.stringify(lang.slice(0, 40)) : describeValue(lang)}`,
    )
  const wx = toClient(client)
  const wire = await snsRequest<WireUserInfo>(wx, '/sns/userinfo', {
    query: { access_token: token.accessToken, openid: token.openid, lang },
    signal: options.signal,
  })
  return toUserInfo(wire)
}

/** Answers of `/sns/auth` that mean "not valid (any more)" rather than a failed call. */
const INVALID = new Set([40001, 40003, 40014, 42001, 42007])

/**
 * Whether the user's OAuth access token is still valid for this openid (`/sns/auth`). `false`
 * means refresh it ({@link refreshOAuthToken}) or authorize again; other failures throw.
 *
 * @example
 * ```ts
 * if (!(await checkOAuthToken(wx, saved))) saved = await refreshOAuthToken(wx, saved.refreshToken)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsauth.html
 */
export async function checkOAuthToken(client: OAuthClient, token: OAuthTokenRef, options: CheckOAuthTokenOptions = {}): Promise<boolean> {
  assertOptions('checkOAuthToken options', options, ['signal'])
  checkRef(token)
  const wx = toClient(client)
  try {
    await snsRequest(wx, '/sns/auth', {
      query: { access_token: token.accessToken, openid: token.openid },
      signal: options.signal,
    })
    return true
  } catch (error) {
    if (isWeChatApiError(error) && INVALID.has(error.errcode)) return false
    throw error
  }
}
