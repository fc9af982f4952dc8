// A token or ticket answer without a usable expires_in is cached for WeChat's documented 7200 s, never
// refetched per call (NaN expiry would be stale at once and burn the daily quota: 2,000 tokens,
// and far fewer tickets). Against a local fixture server over HTTP.
// https://developers.weixin.qq.com/doc/service/api/base/api_getaccesstoken.html (expires_in: 目前是7200秒之内的值)
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (jsapi_ticket 的有效期为7200秒)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, credentialCacheOf } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeAll(async () => {
  server = await startFixtureServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.received.length = 0
})

const calls = (path: string) => server.received.filter((r) => r.url.startsWith(path)).length
const client = (now: () => number = Date.now) =>
  createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url, now })

describe('an answer without a usable expires_in', () => {
  it.each([
    ['missing', '{"access_token":"token-without-expiry-abcdef"}'],
    ['not a number', '{"access_token":"token-without-expiry-abcdef","expires_in":"never"}'],
  ])('makes one token request for five calls when expires_in is %s', async (_what, body) => {
    server.queue('/cgi-bin/stable_token', json(body))
    const wx = client()
    for (let i = 0; i < 5; i++) await wx.request('/probe')
    expect(calls('/cgi-bin/stable_token')).toBe(1)
    expect(
      server.received.filter((r) => r.url.startsWith('/probe')).every((r) => r.url.includes('access_token=token-without-expiry-abcdef')),
    ).toBe(true)
  })

  it('keeps a ticket without expires_in for 7200 s less the refresh margin, then fetches one more', async () => {
    let clock = 1_000_000
    const wx = client(() => clock)
    server.queue('/ticket', json('{"errcode":0,"ticket":"T1"}'), json('{"errcode":0,"ticket":"T2"}'))
    const tickets = credentialCacheOf(wx, 'test:ticket', async () => {
      const answer = await wx.request<{ ticket: string; expires_in?: unknown }>('/ticket')
      return { value: answer.ticket, expiresIn: Number(answer.expires_in) }
    })
    for (let i = 0; i < 5; i++) expect(await tickets.get()).toBe('T1')
    clock += (7200 - 300) * 1000 - 1
    expect(await tickets.get()).toBe('T1')
    clock += 1
    expect(await tickets.get()).toBe('T2')
    expect(calls('/ticket')).toBe(2)
  })
})
