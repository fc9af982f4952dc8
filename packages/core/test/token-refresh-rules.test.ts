// The token rules a silent bug would break without any call failing: a forced refresh is never
// retried (WeChat allows 20 a day), an expires_in of 0 is not taken at its word, a rejected token
// never goes out again, and concurrent callers share one fetch even with a store that has no lock.
// Counted on a local fixture server over HTTP, one fresh server per test (queued answers never leak).
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createClient, type ClientOptions, type StoredToken, type TokenStore } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeEach(async () => {
  server = await startFixtureServer()
})
afterEach(() => server.close())

const requests = (path: string) => server.received.filter((r) => r.url.startsWith(path))
const client = (extra: Partial<ClientOptions> = {}) =>
  createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url, ...extra })
const status = (code: number) => json('{"errmsg":"busy"}', code)

it('asks for a forced token refresh once, even when it fails with a retryable error', async () => {
  server.queue('/cgi-bin/stable_token', status(502), status(502), status(502))
  const wx = client({ retry: { limit: 2, backoffMs: 1 } })
  await expect(wx.getAccessToken({ forceRefresh: true })).rejects.toMatchObject({ name: 'WeChatTransportError', status: 502 })
  expect(requests('/cgi-bin/stable_token')).toHaveLength(1)
  expect(JSON.parse(requests('/cgi-bin/stable_token')[0]!.body.toString())).toMatchObject({ force_refresh: true })
})

it('makes one token request for five calls when expires_in is 0', async () => {
  server.queue('/cgi-bin/stable_token', json('{"access_token":"token-with-zero-life-abcdef","expires_in":0}'))
  const wx = client()
  for (let i = 0; i < 5; i++) await wx.request('/probe')
  expect(requests('/cgi-bin/stable_token')).toHaveLength(1)
  expect(requests('/probe').every((r) => r.url.includes('access_token=token-with-zero-life-abcdef'))).toBe(true)
})

it('never sends a rejected token again when fetching its replacement failed', async () => {
  server.queue('/cgi-bin/stable_token', json('{"access_token":"rejected-token-abcdefgh","expires_in":7200}'), status(502))
  server.queue('/probe', json('{"errcode":40001,"errmsg":"invalid credential"}'))
  const wx = client({ retry: false })
  // WeChat rejects the token; the renewal's fetch fails, so this call fails.
  await expect(wx.request('/probe')).rejects.toMatchObject({ name: 'WeChatTransportError', status: 502 })
  // The next call fetches a new token rather than sending the rejected one again.
  await wx.request('/probe')
  expect(requests('/probe').filter((r) => r.url.includes('rejected-token-abcdefgh'))).toHaveLength(1)
  expect(requests('/cgi-bin/stable_token')).toHaveLength(3)
})

it('makes one token request for 50 concurrent calls with a token store that has no lock', async () => {
  const tokens = new Map<string, StoredToken>()
  const store: TokenStore = {
    get: async (key) => tokens.get(key),
    set: async (key, token) => void tokens.set(key, token),
    invalidate: async (key, value) => tokens.get(key)?.accessToken === value && tokens.delete(key),
  }
  const wx = client({ tokenStore: store })
  await Promise.all(Array.from({ length: 50 }, () => wx.request('/probe')))
  expect(requests('/cgi-bin/stable_token')).toHaveLength(1)
})

it('makes one token request for 50 concurrent calls rejected with 40001, with a token store that has no lock', async () => {
  const tokens = new Map<string, StoredToken>()
  const store: TokenStore = {
    get: async (key) => tokens.get(key),
    set: async (key, token) => void tokens.set(key, token),
    invalidate: async (key, value) => tokens.get(key)?.accessToken === value && tokens.delete(key),
  }
  const wx = client({ tokenStore: store })
  const first = await wx.getAccessToken()
  // Every call sent with the first token is rejected; the retries with the new one succeed.
  const rejectFirst = (res: Parameters<ReturnType<typeof json>>[0], req: { url: string }) =>
    json(req.url.includes(first) ? '{"errcode":40001,"errmsg":"invalid credential"}' : '{"errcode":0,"errmsg":"ok"}')(res)
  server.queue('/probe', ...Array.from({ length: 100 }, () => rejectFirst))
  await Promise.all(Array.from({ length: 50 }, () => wx.request('/probe')))
  expect(requests('/cgi-bin/stable_token')).toHaveLength(2)
})
