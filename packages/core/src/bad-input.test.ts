// createClient refuses bad options at once, naming the option, before any request can be made.
// Options: https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken.html
// (stable_token vs token: the only two token modes WeChat offers; appid/secret are strings).
import { describe, expect, it } from 'vitest'
import { createClient, type ClientOptions } from '@wxmp/core'
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
  ['appId missing', 'createClient appId must be a string, got undefined', () => createClient({ appSecret: 's' } as unknown as ClientOptions)],
  ['appId empty', 'createClient appId must not be empty', () => bad({ appId: '' })],
  ['appId with a line break', 'createClient appId must not contain control characters', () => bad({ appId: 'wx1\n' })],
  ['appId a number', 'createClient appId must be a string, got number 1', () => bad({ appId: 1 })],
  ['appSecret a number', 'createClient appSecret must be a string, got number 5', () => bad({ appSecret: 5 })],
  ['appSecret with a lone surrogate', 'createClient appSecret must be well-formed Unicode', () => bad({ appSecret: 'abc\udc00' })],
  ['timeout a string', "createClient timeout must be a number, got a string of 3 characters", () => bad({ timeout: 'abc' })],
  ['timeout zero', 'createClient timeout must be a positive finite number, got 0', () => bad({ timeout: 0 })],
  ['timeout negative', 'createClient timeout must be a positive finite number, got -5', () => bad({ timeout: -5 })],
  ['timeout Infinity', 'createClient timeout must be a positive finite number, got Infinity', () => bad({ timeout: Infinity })],
  ['timeout NaN', 'createClient timeout must be a number, got number NaN', () => bad({ timeout: NaN })],
  ['timeout true', 'createClient timeout must be a number, got boolean true', () => bad({ timeout: true })],
  ['retry.limit Infinity', 'createClient retry.limit must be an integer, got number Infinity', () => bad({ retry: { limit: Infinity } })],
  ['retry.limit 1000', 'createClient retry.limit must be at most 10, got 1000', () => bad({ retry: { limit: 1000 } })],
  ['retry.limit negative', 'createClient retry.limit must be at least 0, got -1', () => bad({ retry: { limit: -1 } })],
  ['retry.limit fractional', 'createClient retry.limit must be an integer, got number 1.5', () => bad({ retry: { limit: 1.5 } })],
  ['retry as a number too large', 'createClient retry must be at most 10, got 11', () => bad({ retry: 11 })],
  ['retry true', 'createClient retry must be a number, false or { limit, backoffMs, maxBackoffMs }, got boolean true', () => bad({ retry: true })],
  ['retry null', 'createClient retry must be a number, false or', () => bad({ retry: null })],
  ['retry with a misspelt key', 'createClient retry has no option "limits" (did you mean "limit"?)', () => bad({ retry: { limits: 2 } })],
  ['retry.backoffMs negative', 'createClient retry.backoffMs must be at least 0, got -1', () => bad({ retry: { backoffMs: -1 } })],
  ['tokenMode misspelt', `createClient tokenMode must be one of 'stable', 'classic', got "clasic" (did you mean "classic"?)`, () => bad({ tokenMode: 'clasic' })],
  ['tokenMode custom', `createClient tokenMode must be one of 'stable', 'classic', got "custom"`, () => bad({ tokenMode: 'custom' })],
  ['baseUrl relative', 'createClient baseUrl must be an absolute http(s) URL, got a string of 4 characters (a relative URL)', () => bad({ baseUrl: '/api' })],
  ['baseUrl javascript:', 'createClient baseUrl must be an absolute http(s) URL, got a string of 19 characters (scheme javascript:)', () => bad({ baseUrl: 'javascript:alert(1)' })],
  ['baseUrl ftp:', '(scheme ftp:)', () => bad({ baseUrl: 'ftp://api.weixin.qq.com' })],
  ['baseUrl with CR/LF', 'createClient baseUrl must not contain control characters', () => bad({ baseUrl: 'https://api.weixin.qq.com\r\nX-Injected: 1' })],
  ['baseUrl empty', 'createClient baseUrl must not be empty', () => bad({ baseUrl: '' })],
  ['fetch not a function', 'createClient fetch must be a function, got an object', () => bad({ fetch: {} })],
  ['getAccessToken a string', 'createClient getAccessToken must be a function, got a string', () => bad({ getAccessToken: 'token' })],
  ['now a number', 'createClient now must be a function, got number 5', () => bad({ now: 5 })],
  ['tokenStore without get', 'createClient tokenStore.get must be a function, got undefined', () => bad({ tokenStore: { set() {}, invalidate() {} } })],
  ['refreshMarginMs negative', 'createClient refreshMarginMs must be at least 0, got -1', () => bad({ refreshMarginMs: -1 })],
  ['refreshMarginMs beyond a token life', 'createClient refreshMarginMs must be at most 7200000, got 9000000', () => bad({ refreshMarginMs: 9_000_000 })],
  ['hooks with a misspelt name', 'createClient hooks has no option "onErorr" (did you mean "onError"?)', () => bad({ hooks: { onErorr() {} } })],
  ['a hook that is not a function', 'createClient hooks.beforeRequest must be a function, got boolean true', () => bad({ hooks: { beforeRequest: true } })],
]

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
