// Credentials shared between clients of one process, and renewal after WeChat rejects a token:
// one fetch for clients on one store, the newest token kept, never the rejected token resent,
// forced refreshes coalesced. Against the emulator over HTTP.
// Token semantics: https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken
// and https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, createMemoryTokenStore, credentialCacheOf, type ClientOptions, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'

let emu: Emulator
const PROBE = '/cgi-bin/get_api_domain_ip'

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
beforeEach(() => emu.control.reset())

const client = (extra: Partial<ClientOptions> = {}): WeChatClient =>
  createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, ...extra })
const counter = async (name: string) => (await emu.control.counters())[name] ?? 0

describe('clients sharing one in-memory store', () => {
  it('make one classic token request between them, and every later call succeeds', async () => {
    const store = createMemoryTokenStore()
    const a = client({ tokenMode: 'classic', tokenStore: store })
    const b = client({ tokenMode: 'classic', tokenStore: store })
    await Promise.all([...Array.from({ length: 50 }, () => a.request(PROBE)), ...Array.from({ length: 50 }, () => b.request(PROBE))])
    expect(await counter('token')).toBe(1)
    // Past the 5 minutes a replaced classic token lives on: a second fetch would have killed one.
    await emu.control.advanceClock(301_000)
    await expect(a.request(PROBE)).resolves.toBeTruthy()
    await expect(b.request(PROBE)).resolves.toBeTruthy()
    expect(await counter('token')).toBe(1)
  })

  it('make one forced refresh between them when both had the same token', async () => {
    const store = createMemoryTokenStore()
    const a = client({ tokenStore: store })
    const b = client({ tokenStore: store })
    const first = await a.getAccessToken()
    expect(await b.getAccessToken()).toBe(first)
    const [fromA, fromB] = await Promise.all([a.getAccessToken({ forceRefresh: true }), b.getAccessToken({ forceRefresh: true })])
    expect(fromA).not.toBe(first)
    expect(fromB).toBe(fromA)
    expect(await counter('stable_token:force')).toBe(1)
  })
})

describe('the memory store', () => {
  it('never replaces a newer token with an older one', async () => {
    const store = createMemoryTokenStore()
    await store.set('k', { accessToken: 'newer', expiresAt: 2_000, fetchedAt: 200 })
    await store.set('k', { accessToken: 'older', expiresAt: 1_900, fetchedAt: 100 })
    expect((await store.get('k'))?.accessToken).toBe('newer')
  })

  it('runs locked tasks on one key one at a time', async () => {
    const store = createMemoryTokenStore()
    const order: string[] = []
    const task = (name: string) => async () => {
      order.push(`${name} start`)
      await new Promise((r) => setTimeout(r, 5))
      order.push(`${name} end`)
    }
    await Promise.all([store.lock?.('k', task('a')), store.lock?.('k', task('b'))])
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end'])
  })
})

describe('a token WeChat rejects', () => {
  it('is replaced by one forced refresh when the normal fetch hands the same token back, and the call succeeds', async () => {
    const wx = client()
    const before = await wx.getAccessToken()
    // WeChat rejects the token although stable_token still hands it out.
    await emu.control.fault({ path: PROBE, kind: 'errcode', errcode: 40001 })
    await expect(wx.request(PROBE)).resolves.toBeTruthy()
    expect(await counter('stable_token:force')).toBe(1)
    expect(await wx.getAccessToken()).not.toBe(before)
  })

  it('is never sent again when the token source keeps returning it', async () => {
    let asked = 0
    const wx = createClient({ appId: emu.appId, baseUrl: emu.url, getAccessToken: async () => (asked++, `stuck-token-${'x'.repeat(40)}`) })
    await expect(wx.request(PROBE)).rejects.toMatchObject({ name: 'WeChatApiError', errcode: 40001 })
    // The first fetch, the normal one after the rejection and one forced: then a clear error.
    expect(asked).toBe(3)
    expect((await emu.control.globalCounters())[`path:${PROBE}`]).toBe(1)
  })
})

describe('credentialCacheOf', () => {
  it('keeps another credential in the client’s own store, fetched once for concurrent callers', async () => {
    const store = createMemoryTokenStore()
    const wx = client({ tokenStore: store })
    let fetched = 0
    const cache = credentialCacheOf(wx, 'test:thing', async () => ({ value: `thing-${++fetched}`, expiresIn: 7200 }))
    const values = await Promise.all(Array.from({ length: 100 }, () => cache.get()))
    expect(new Set(values)).toEqual(new Set(['thing-1']))
    expect((await store.get(`${emu.appId}:test:thing`))?.accessToken).toBe('thing-1')
    expect(credentialCacheOf(wx, 'test:thing', async () => ({ value: 'other', expiresIn: 1 }))).toBe(cache)
  })

  it('refuses an object that createClient did not make', () => {
    expect(() => credentialCacheOf({ appId: 'wx1' }, 'x', async () => ({ value: 'v', expiresIn: 1 }))).toThrow(TypeError)
  })
})
