// Every bad argument is refused before any request, with a message naming it (issue 15).
// Web authorization (redirect_uri encoded once; scope snsapi_base | snsapi_userinfo; state a-zA-Z0-9,
// at most 128; code, access_token, openid; lang zh_CN | zh_TW | en):
//   https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
// Website QR login: https://developers.weixin.qq.com/doc/oplatform/Website_App/WeChat_Login/Wechat_Login.html
import { describe, expect, it } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const { f, call } = h
const ok = { appId: 'wx0123456789abcdef', redirectUri: 'https://app.example.com/cb', scope: 'snsapi_base', state: 'abc123' }
const authorize = (extra: Record<string, unknown>) => () => f.buildAuthorizeUrl!({ ...ok, ...extra })
const qr = (extra: Record<string, unknown>) => () =>
  f.buildQrLoginUrl!({ appId: ok.appId, redirectUri: ok.redirectUri, state: ok.state, ...extra })
const SECRET = 's'.repeat(32)
const ref = { accessToken: 'OAUTH_TOKEN', openid: 'oUser_0001' }

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  [
    'redirectUri with CR/LF',
    'redirectUri must not contain control characters',
    authorize({ redirectUri: 'https://app.example.com/cb\r\nSet-Cookie: a=b' }),
  ],
  ['redirectUri with a TAB', 'redirectUri must not contain control characters', authorize({ redirectUri: 'https://app.example.com/\tcb' })],
  [
    'redirectUri javascript:',
    'redirectUri must be an absolute http(s) URL, not encoded (wxmp encodes it once), got a string of 19 characters',
    authorize({ redirectUri: 'javascript:alert(1)' }),
  ],
  [
    'redirectUri relative',
    'redirectUri must be an absolute http(s) URL, not encoded (wxmp encodes it once), got a string of 3 characters',
    authorize({ redirectUri: '/cb' }),
  ],
  [
    'redirectUri already encoded',
    'redirectUri must be an absolute http(s) URL, not encoded',
    authorize({ redirectUri: 'https%3A%2F%2Fapp.example.com%2Fcb' }),
  ],
  [
    'redirectUri with a lone surrogate',
    'redirectUri must be well-formed Unicode',
    authorize({ redirectUri: 'https://app.example.com/\ud800' }),
  ],
  [
    'redirectUri a URL object',
    'redirectUri must be a string, got an object',
    authorize({ redirectUri: new URL('https://app.example.com/cb') }),
  ],
  [
    'WeChat spelling redirect_uri',
    'buildAuthorizeUrl options has no option "redirect_uri" (did you mean "redirectUri"?)',
    authorize({ redirect_uri: 'https://x' }),
  ],
  ['a misspelt option (appid)', 'buildAuthorizeUrl options has no option "appid" (did you mean "appId"?)', authorize({ appid: 'wx1' })],
  ['an unknown option', 'buildAuthorizeUrl options has no option "responseType"', authorize({ responseType: 'code' })],
  ['null options', 'buildAuthorizeUrl options must be an object, got null', () => f.buildAuthorizeUrl!(null)],
  [
    'scope snsapi_login on the authorize page',
    'scope must be "snsapi_base" or "snsapi_userinfo", got "snsapi_login"',
    authorize({ scope: 'snsapi_login' }),
  ],
  ['scope missing', 'scope must be "snsapi_base" or "snsapi_userinfo", got undefined', authorize({ scope: undefined })],
  [
    'state with a space',
    'state must be letters and digits only (a-z, A-Z, 0-9), got a string of 7 characters',
    authorize({ state: 'abc 123' }),
  ],
  ['state with LF', 'state must not contain control characters', authorize({ state: 'abc\n123' })],
  ['state of 129 characters', 'state must be at most 128 characters, got 129', authorize({ state: 'a'.repeat(129) })],
  ['appId with a slash', 'appId must be an AppID (letters and digits), got a string of 5 characters', authorize({ appId: 'wx/12' })],
  ['forcePopup as "true"', 'forcePopup must be a boolean, got a string of 4 characters', authorize({ forcePopup: 'true' })],
  ['authorizeBaseUrl relative', 'authorizeBaseUrl must be an absolute http(s) URL', authorize({ authorizeBaseUrl: '/connect' })],
  [
    'authorizeBaseUrl javascript:',
    'authorizeBaseUrl must be an absolute http(s) URL, not encoded (wxmp encodes it once), got a string of 19 characters',
    authorize({ authorizeBaseUrl: 'javascript:alert(1)' }),
  ],
  [
    'authorizeBaseUrl with CR/LF',
    'authorizeBaseUrl must not contain control characters',
    authorize({ authorizeBaseUrl: 'https://open.weixin.qq.com\r\n' }),
  ],
  [
    'QR login redirectUri with CR/LF',
    'redirectUri must not contain control characters',
    qr({ redirectUri: 'https://app.example.com/cb\n' }),
  ],
  ['QR login with a scope', 'buildQrLoginUrl options has no option "scope"', qr({ scope: 'snsapi_login' })],
  [
    'QR login authorizeBaseUrl ftp:',
    'authorizeBaseUrl must be an absolute http(s) URL',
    qr({ authorizeBaseUrl: 'ftp://open.weixin.qq.com' }),
  ],
  ['QR login null options', 'buildQrLoginUrl options must be an object, got null', () => f.buildQrLoginUrl!(null)],
  ['createState null options', 'createState options must be an object, got null', () => f.createState!(null)],
  ['createState a misspelt option (ttl)', 'createState options has no option "ttl"', () => f.createState!({ secret: SECRET, ttl: 60_000 })],
  [
    'createState WeChat-style ttl_ms',
    'createState options has no option "ttl_ms" (did you mean "ttlMs"?)',
    () => f.createState!({ secret: SECRET, ttl_ms: 60_000 }),
  ],
  ['createState secret too short', 'secret must be at least 32 characters, got 8', () => f.createState!({ secret: 'short123' })],
  [
    'createState secret over 4096 characters',
    'secret must be at most 4096 characters, got 4097',
    () => f.createState!({ secret: 's'.repeat(4097) }),
  ],
  [
    'createState ttlMs Infinity',
    'ttlMs must be an integer from 1000 to 2592000000 (30 days), got number Infinity',
    () => f.createState!({ secret: SECRET, ttlMs: Infinity }),
  ],
  ['createState data a number', 'data must be a string, got number 5', () => f.createState!({ secret: SECRET, data: 5 })],
  [
    'verifyState a misspelt option',
    'verifyState options has no option "Binding" (did you mean "binding"?)',
    () => f.verifyState!('abc', { secret: SECRET, Binding: 'x' }),
  ],
  ['verifyState secret null', 'secret must be a string, got null', () => f.verifyState!('abc', { secret: null })],
  ['exchangeCode code empty', 'code must not be empty', call('exchangeCode', '')],
  ['exchangeCode code with CR/LF', 'code must not contain control characters', call('exchangeCode', 'CODE\r\n')],
  ['exchangeCode code a number', 'code must be a string, got number 42', call('exchangeCode', 42)],
  ['exchangeCode null options', 'exchangeCode options must be an object, got null', call('exchangeCode', 'CODE', null)],
  [
    'exchangeCode credentials misspelt (appSecert)',
    'client has no option "appSecert" (did you mean "appSecret"?)',
    () => f.exchangeCode!({ appId: h.emu.appId, appSecert: 'x', baseUrl: h.emu.url }, 'CODE'),
  ],
  [
    'exchangeCode credentials with a relative baseUrl',
    'createClient baseUrl must be an absolute http(s) URL',
    () => f.exchangeCode!({ appId: h.emu.appId, appSecret: h.emu.appSecret, baseUrl: '/api' }, 'CODE'),
  ],
  ['exchangeCode client null', 'client must be a WeChatClient or { appId, appSecret }, got null', () => f.exchangeCode!(null, 'CODE')],
  ['refreshOAuthToken token with LF', 'refreshToken must not contain control characters', call('refreshOAuthToken', 'REFRESH\n')],
  [
    'refreshOAuthToken a misspelt option',
    'refreshOAuthToken options has no option "sigal" (did you mean "signal"?)',
    call('refreshOAuthToken', 'REFRESH', { sigal: undefined }),
  ],
  ['getOAuthUserInfo token null', 'token must be an object { accessToken, openid }, got null', call('getOAuthUserInfo', null)],
  ['getOAuthUserInfo openid with a space', 'token.openid must be an openid', call('getOAuthUserInfo', { ...ref, openid: 'o User' })],
  [
    'getOAuthUserInfo accessToken with CR/LF',
    'token.accessToken must not contain control characters',
    call('getOAuthUserInfo', { ...ref, accessToken: 'T\r\n' }),
  ],
  ['getOAuthUserInfo lang "fr"', 'lang must be "zh_CN", "zh_TW" or "en", got "fr"', call('getOAuthUserInfo', ref, { lang: 'fr' })],
  [
    'getOAuthUserInfo a misspelt option',
    'getOAuthUserInfo options has no option "language"',
    call('getOAuthUserInfo', ref, { language: 'en' }),
  ],
  ['checkOAuthToken null options', 'checkOAuthToken options must be an object, got null', call('checkOAuthToken', ref, null)],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})

describe('WeChatOAuthError', () => {
  it('reports its own name, not WeChatApiError', async () => {
    const error = await api.exchangeCode(h.wx, 'NOT_A_CODE').catch((e: unknown) => e)
    expect(api.isWeChatOAuthError(error)).toBe(true)
    expect((error as Error).name).toBe('WeChatOAuthError')
  })
})

describe('secrets in refusals', () => {
  it('never echoes a state secret or an OAuth code', async () => {
    const secret = 'do-not-echo-this-secret-value-0123456789'
    const messages = await Promise.all([
      Promise.resolve()
        .then(() => api.createState({ secret: secret.repeat(200) }))
        .catch((e: Error) => e.message),
      api.exchangeCode(h.wx, `${secret}\n`).catch((e: Error) => e.message),
    ])
    expect(messages).toEqual([
      expect.stringContaining('secret must be at most 4096 characters'),
      expect.stringContaining('code must not contain control characters'),
    ])
    for (const m of messages) expect(m).not.toContain('do-not-echo')
  })
})
