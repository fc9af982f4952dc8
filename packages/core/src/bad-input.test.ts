// createClient refuses bad options at once, naming the option, before any request can be made.
// Options: https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken.html
// (stable_token vs token: the only two token modes WeChat offers; appid/secret are strings).
import { describe, expect, it } from 'vitest'
import { createClient, type ClientOptions, type RequestOptions } from '@wxmp/core'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'

const h = badInputHarness({ client: false })

const base = (): ClientOptions => ({ appId: h.emu.appId, appSecret: h.emu.appSecret, baseUrl: h.emu.url })
const bad = (extra: Record<string, unknown>) => createClient({ ...base(), ...extra } as unknown as ClientOptions)

// [what is wrong, text the message must contain (the argument's name), the call]
const rows: readonly BadInputRow[] = [
  ['null options', 'createClient options must be an object, got null', () => createClient(null as unknown as ClientOptions)],
  ['no options', 'createClient options must be an object', () => createClient(undefined as unknown as ClientOptions)],
  ['options as an array', 'createClient options must be an object, got an array', () => createClient([] as unknown as ClientOptions)],
  ['a misspelt option', 'has no option "timeOut" (did you mean "timeout"?)', () => bad({ timeOut: 5000 })],
  ['an unknown option', 'createClient options has no option "proxy"', () => bad({ proxy: 'http://p' })],
  ['appID for appId', '(did you mean "appId"?)', () => bad({ appID: 'wx1' })],
  [
    'appId missing',
    'createClient appId must be a string, got undefined',
    () => createClient({ appSecret: 's' } as unknown as ClientOptions),
  ],
  ['appId empty', 'createClient appId must not be empty', () => bad({ appId: '' })],
  ['appId with a line break', 'createClient appId must not contain control characters', () => bad({ appId: 'wx1\n' })],
  // WeChat's AppIDs: wx + 16 hex digits (the emulator's default wx5e6d0e3a1a7e0001; the platform
  // shows it under 开发 > 基本配置 as 开发者ID(AppID)).
  [
    'appId with a trailing space',
    'createClient appId must be an AppID: wx and 16 hex digits, got a string of 19 characters',
    () => bad({ appId: 'wx5e6d0e3a1a7e0001 ' }),
  ],
  [
    'appId with a digit missing',
    'createClient appId must be an AppID: wx and 16 hex digits, got a string of 17 characters',
    () => bad({ appId: 'wx5e6d0e3a1a7e001' }),
  ],
  ['appId with a digit too many', 'createClient appId must be an AppID', () => bad({ appId: 'wx5e6d0e3a1a7e00011' })],
  ['appId with a dash', 'createClient appId must be an AppID', () => bad({ appId: 'wx5e6d0e3a-a7e0001' })],
  ['appId a number', 'createClient appId must be a string, got number 1', () => bad({ appId: 1 })],
  ['appSecret a number', 'createClient appSecret must be a string, got number 5', () => bad({ appSecret: 5 })],
  ['appSecret with a lone surrogate', 'createClient appSecret must be well-formed Unicode', () => bad({ appSecret: 'abc\udc00' })],
  ['timeout a string', 'createClient timeout must be a number, got a string of 3 characters', () => bad({ timeout: 'abc' })],
  ['timeout zero', 'createClient timeout must be a positive finite number, got 0', () => bad({ timeout: 0 })],
  ['timeout negative', 'createClient timeout must be a positive finite number, got -5', () => bad({ timeout: -5 })],
  ['timeout Infinity', 'createClient timeout must be a positive finite number, got Infinity', () => bad({ timeout: Infinity })],
  ['timeout NaN', 'createClient timeout must be a number, got number NaN', () => bad({ timeout: NaN })],
  ['timeout true', 'createClient timeout must be a number, got boolean true', () => bad({ timeout: true })],
  [
    'timeout 2^31 (beyond Node timers: every call would time out after 1 ms)',
    'createClient timeout must be 1 to 2147483647 ms (or false for none), got 2147483648',
    () => bad({ timeout: 2 ** 31 }),
  ],
  ['timeout 1e10', 'createClient timeout must be 1 to 2147483647 ms (or false for none), got 10000000000', () => bad({ timeout: 1e10 })],
  ['timeout below 1 ms', 'createClient timeout must be 1 to 2147483647 ms (or false for none), got 0.0001', () => bad({ timeout: 0.0001 })],
  ['retry.limit Infinity', 'createClient retry.limit must be an integer, got number Infinity', () => bad({ retry: { limit: Infinity } })],
  ['retry.limit 1000', 'createClient retry.limit must be at most 10, got 1000', () => bad({ retry: { limit: 1000 } })],
  ['retry.limit negative', 'createClient retry.limit must be at least 0, got -1', () => bad({ retry: { limit: -1 } })],
  ['retry.limit fractional', 'createClient retry.limit must be an integer, got number 1.5', () => bad({ retry: { limit: 1.5 } })],
  ['retry as a number too large', 'createClient retry must be at most 10, got 11', () => bad({ retry: 11 })],
  [
    'retry true',
    'createClient retry must be a number, false or { limit, backoffMs, maxBackoffMs }, got boolean true',
    () => bad({ retry: true }),
  ],
  ['retry null', 'createClient retry must be a number, false or', () => bad({ retry: null })],
  ['retry with a misspelt key', 'createClient retry has no option "limits" (did you mean "limit"?)', () => bad({ retry: { limits: 2 } })],
  ['retry.backoffMs negative', 'createClient retry.backoffMs must be at least 0, got -1', () => bad({ retry: { backoffMs: -1 } })],
  [
    'tokenMode misspelt',
    `createClient tokenMode must be one of 'stable', 'classic', got "clasic" (did you mean "classic"?)`,
    () => bad({ tokenMode: 'clasic' }),
  ],
  ['tokenMode custom', `createClient tokenMode must be one of 'stable', 'classic', got "custom"`, () => bad({ tokenMode: 'custom' })],
  [
    'baseUrl relative',
    'createClient baseUrl must be an absolute http(s) URL, got a string of 4 characters (a relative URL)',
    () => bad({ baseUrl: '/api' }),
  ],
  [
    'baseUrl javascript:',
    'createClient baseUrl must be an absolute http(s) URL, got a string of 19 characters (scheme javascript:)',
    () => bad({ baseUrl: 'javascript:alert(1)' }),
  ],
  ['baseUrl ftp:', '(scheme ftp:)', () => bad({ baseUrl: 'ftp://api.weixin.qq.com' })],
  [
    'baseUrl with CR/LF',
    'createClient baseUrl must not contain control characters',
    () => bad({ baseUrl: 'https://api.weixin.qq.com\r\nX-Injected: 1' }),
  ],
  ['baseUrl empty', 'createClient baseUrl must not be empty', () => bad({ baseUrl: '' })],
  [
    'baseUrl with a ?query',
    'createClient baseUrl must not contain user:pass@, a ?query or a #fragment, got a string of 30 characters',
    () => bad({ baseUrl: 'https://api.weixin.qq.com/?x=1' }),
  ],
  [
    'baseUrl with a #fragment',
    'createClient baseUrl must not contain user:pass@, a ?query or a #fragment',
    () => bad({ baseUrl: `${h.emu.url}#frag` }),
  ],
  [
    'baseUrl with an empty ?',
    'createClient baseUrl must not contain user:pass@, a ?query or a #fragment',
    () => bad({ baseUrl: `${h.emu.url}?` }),
  ],
  [
    'baseUrl with user:pass@',
    'createClient baseUrl must not contain user:pass@, a ?query or a #fragment',
    () => bad({ baseUrl: 'https://u:p@api.weixin.qq.com' }),
  ],
  ['fetch not a function', 'createClient fetch must be a function, got an object', () => bad({ fetch: {} })],
  ['getAccessToken a string', 'createClient getAccessToken must be a function, got a string', () => bad({ getAccessToken: 'token' })],
  ['now a number', 'createClient now must be a function, got number 5', () => bad({ now: 5 })],
  [
    'tokenStore without get',
    'createClient tokenStore.get must be a function, got undefined',
    () => bad({ tokenStore: { set() {}, invalidate() {} } }),
  ],
  ['refreshMarginMs negative', 'createClient refreshMarginMs must be at least 0, got -1', () => bad({ refreshMarginMs: -1 })],
  [
    'refreshMarginMs beyond a token life',
    'createClient refreshMarginMs must be at most 7200000, got 9000000',
    () => bad({ refreshMarginMs: 9_000_000 }),
  ],
  [
    'hooks with a misspelt name',
    'createClient hooks has no option "onErorr" (did you mean "onError"?)',
    () => bad({ hooks: { onErorr() {} } }),
  ],
  [
    'a hook that is not a function',
    'createClient hooks.beforeRequest must be a function, got boolean true',
    () => bad({ hooks: { beforeRequest: true } }),
  ],
]

const request = (options: Record<string, unknown>) => () =>
  createClient(base()).request('/cgi-bin/user/get', options as RequestOptions & { readonly responseType?: 'json' })

// client.request's per-call options: https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_getfans.html (a GET endpoint)
const requestRows: readonly BadInputRow[] = [
  ['a misspelt option', 'request options has no option "methd" (did you mean "method"?)', request({ methd: 'POST' })],
  ['method DELETE', `request method must be one of 'GET', 'POST', got "DELETE"`, request({ method: 'DELETE' })],
  ['method in lower case', `request method must be one of 'GET', 'POST', got "get"`, request({ method: 'get' })],
  [
    'a query value that is an object',
    'request query.next_openid must be a string, number, boolean or bigint, got an object',
    request({ query: { next_openid: { a: 1 } } }),
  ],
  [
    'a query value that is null',
    'request query.next_openid must be a string, number, boolean or bigint, got null',
    request({ query: { next_openid: null } }),
  ],
  ['a query value that is NaN', 'request query.count must be a finite number, got NaN', request({ query: { count: Number.NaN } })],
  [
    'a query value that is Infinity',
    'request query.count must be a finite number, got Infinity',
    request({ query: { count: Number.POSITIVE_INFINITY } }),
  ],
  ['both json and body', 'request options take json or body, not both', request({ json: { a: 1 }, body: 'a=1' })],
  ['a GET with a JSON body', 'request method GET takes no json or body', request({ method: 'GET', json: { a: 1 } })],
  ['a query that is a string', 'request query must be an object, got a string', request({ query: 'next_openid=x' })],
  ['timeout a string', 'request timeout must be a number, got a string of 3 characters', request({ timeout: 'abc' })],
  ['timeout -1', 'request timeout must be a positive finite number, got -1', request({ timeout: -1 })],
  ['timeout NaN', 'request timeout must be a number, got number NaN', request({ timeout: NaN })],
  ['timeout 2^31', 'request timeout must be 1 to 2147483647 ms (or false for none), got 2147483648', request({ timeout: 2 ** 31 })],
  ['responseType blob', `request responseType must be one of 'json', 'response', got "blob"`, request({ responseType: 'blob' })],
  ['baseUrl javascript:', 'request baseUrl must be an absolute http(s) URL', request({ baseUrl: 'javascript:alert(1)' })],
  [
    'baseUrl with a ?query',
    'request baseUrl must not contain user:pass@, a ?query or a #fragment',
    request({ baseUrl: 'https://mp.weixin.qq.com/?x=1' }),
  ],
]

describe('client.request refuses bad options before any request', () => {
  h.refuses(requestRows, 'refuses %s, naming the option')

  it('waits for a slow answer with the largest timeout Node timers hold (2^31-1 ms)', async () => {
    const wx = createClient({ ...base(), timeout: 2 ** 31 - 1 })
    await wx.getAccessToken()
    await h.emu.control.fault({ path: '/cgi-bin/user/get', kind: 'latency', ms: 50 })
    await expect(wx.request('/cgi-bin/user/get', { timeout: 2 ** 31 - 1 })).resolves.toMatchObject({ total: expect.any(Number) })
  })
})

describe('createClient refuses bad options before any request', () => {
  h.refuses(rows, 'refuses %s, naming the option')

  it('never shows the appSecret in a refusal', () => {
    expect(() => bad({ appSecret: 'topsecret\u0000' })).toThrow(/^(?!.*topsecret).*$/s)
  })

  it('still makes a working client from good options', async () => {
    const wx = createClient({ ...base(), timeout: 5000, retry: { limit: 2, backoffMs: 1 }, tokenMode: 'classic' })
    await expect(wx.getAccessToken()).resolves.toEqual(expect.any(String))
  })
})

describe('createClient appId', () => {
  it("takes WeChat's wx + 16 hex digits, and other letters-and-digits ids (the docs' APPID)", () => {
    for (const appId of ['wx5e6d0e3a1a7e0001', 'WX5E6D0E3A1A7E0001', 'APPID', 'wxfixture'])
      expect(() => createClient({ appId, appSecret: 's' })).not.toThrow()
  })
})
