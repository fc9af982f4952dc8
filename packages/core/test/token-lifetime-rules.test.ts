// How long a token is kept, and what a forced refresh replaces, when the usual case does not
// hold: a token whose life is shorter than the refresh margin, a source that claims an endless
// life, and a client asked to force a refresh of a token another client put in the shared store.
// Counted on a local fixture server over HTTP, on the client's injected clock.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createClient, createMemoryTokenStore, type ClientOptions } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeEach(async () => {
  server = await startFixtureServer()
})
afterEach(() => server.close())

const tokenRequests = () => server.received.filter((r) => r.url.startsWith('/cgi-bin/stable_token'))
const client = (extra: Partial<ClientOptions> = {}) =>
  createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url, ...extra })

it('keeps a token that lives less than twice the refresh margin for half its life', async () => {
  let clock = 1_000_000
  server.queue('/cgi-bin/stable_token', json('{"access_token":"short-lived-token-abcdef","expires_in":60}'))
  const wx = client({ now: () => clock, refreshMarginMs: 300_000 })
  expect(await wx.getAccessToken()).toBe('short-lived-token-abcdef')
  clock += 30_000 - 1
  expect(await wx.getAccessToken()).toBe('short-lived-token-abcdef')
  clock += 1
  expect(await wx.getAccessToken()).not.toBe('short-lived-token-abcdef')
  expect(tokenRequests()).toHaveLength(2)
})

it('refreshes a token whose source claims an endless life after 7200 s less the margin', async () => {
  let clock = 1_000_000
  let asked = 0
  const wx = createClient({
    appId: 'wxfixture',
    baseUrl: server.url,
    now: () => clock,
    getAccessToken: async () => ({ accessToken: `endless-token-${++asked}-abcdef`, expiresIn: Infinity }),
  })
  expect(await wx.getAccessToken()).toBe('endless-token-1-abcdef')
  clock += (7200 - 300) * 1000
  expect(await wx.getAccessToken()).toBe('endless-token-2-abcdef')
})

it('forces a refresh of the token another client stored, even before this client used one', async () => {
  const store = createMemoryTokenStore()
  const first = await client({ tokenStore: store }).getAccessToken()
  const forced = await client({ tokenStore: store }).getAccessToken({ forceRefresh: true })
  expect(forced).not.toBe(first)
  expect(tokenRequests().map((r) => JSON.parse(r.body.toString()).force_refresh)).toEqual([false, true])
})
