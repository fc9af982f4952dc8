// The access token as a fleet of callers sees it, against the emulator over HTTP: one fetch for
// any number of concurrent callers, recovery from a token rotated elsewhere, never a loop.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, createMemoryTokenStore, type ClientOptions, type WeChatClient } from '@wxmp/core'
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

const tokenRequests = async () => (await emu.control.counters()).token_requests ?? 0

describe.each(['stable', 'classic'] as const)('%s token mode', (tokenMode) => {
  it('makes exactly one token request for 1,000 concurrent calls on a cold client', async () => {
    const wx = client({ tokenMode })
    const results = await Promise.all(Array.from({ length: 1000 }, () => wx.request<{ ip_list: string[] }>(PROBE)))
    expect(results.every((r) => r.ip_list.length > 0)).toBe(true)
    expect(await tokenRequests()).toBe(1)
  }, 120_000)

  it('makes exactly one more token request for 1,000 concurrent calls after the token expired on the emulator clock', async () => {
    const wx = client({ tokenMode })
    await wx.request(PROBE)
    await emu.control.advanceClock(7200 * 1000 + 1000)
    // The client's own clock has not moved: it learns of the expiry from WeChat's 42001.
    const results = await Promise.all(Array.from({ length: 1000 }, () => wx.request<{ ip_list: string[] }>(PROBE)))
    expect(results).toHaveLength(1000)
    expect(await tokenRequests()).toBe(2)
  }, 120_000)

  it('refreshes ahead of expiry on its own clock, before WeChat rejects anything', async () => {
    let now = Date.now()
    const wx = client({ tokenMode, now: () => now, refreshMarginMs: 300_000 })
    const first = await wx.getAccessToken()
    now += (7200 - 299) * 1000 // inside the 5-minute margin
    await emu.control.advanceClock((7200 - 299) * 1000)
    const second = await wx.getAccessToken()
    expect(second).not.toBe(first)
    expect(await tokenRequests()).toBe(2)
  })
})

describe("a token rotated behind the client's back", () => {
  it('recovers after another party fetches classic tokens twice, with exactly one refresh', async () => {
    const wx = client({ tokenMode: 'classic' })
    await wx.request(PROBE)
    // A neighbour with the same credentials fetches twice: our token is no longer the latest.
    const neighbour = client({ tokenMode: 'classic' })
    await neighbour.getAccessToken({ forceRefresh: true })
    await neighbour.getAccessToken({ forceRefresh: true })
    await emu.control.advanceClock(5 * 60 * 1000 + 1000) // the replaced token's 5 minutes are over
    const before = await tokenRequests()
    const results = await Promise.all(Array.from({ length: 50 }, () => wx.request<{ ip_list: string[] }>(PROBE)))
    expect(results).toHaveLength(50)
    expect((await tokenRequests()) - before).toBe(1)
  })

  it('recovers after a stable-token force refresh elsewhere, with exactly one refresh', async () => {
    const wx = client()
    await wx.request(PROBE)
    await client().getAccessToken({ forceRefresh: true })
    const before = await tokenRequests()
    await Promise.all(Array.from({ length: 50 }, () => wx.request(PROBE)))
    expect((await tokenRequests()) - before).toBe(1)
  })

  it('tries a fresh token exactly once and then reports the error, never looping', async () => {
    // A token source that keeps handing out a token WeChat rejects.
    let asked = 0
    const wx = createClient({
      appId: emu.appId,
      baseUrl: emu.url,
      getAccessToken: async () => `not-a-real-token-${++asked}-${'x'.repeat(40)}`,
    })
    await expect(wx.request(PROBE)).rejects.toMatchObject({ name: 'WeChatApiError', errcode: 40001 })
    expect(asked).toBe(2)
  })

  it('does not drop a newer token when an old one fails late (compare-and-invalidate)', async () => {
    const store = createMemoryTokenStore()
    const wx = client({ tokenStore: store })
    const old = await wx.getAccessToken()
    await emu.control.revokeTokens()
    const fresh = await client({ tokenStore: store }).getAccessToken({ forceRefresh: true })
    expect(await wx.invalidateAccessToken(old)).toBe(false)
    expect(await wx.getAccessToken()).toBe(fresh)
  })
})

describe('faults on the token endpoint', () => {
  it('retries the token fetch after errcode -1', async () => {
    await emu.control.fault({ path: '/cgi-bin/stable_token', kind: 'errcode', errcode: -1 })
    const wx = client({ retry: { limit: 2, backoffMs: 1 } })
    await expect(wx.request(PROBE)).resolves.toBeTruthy()
  })

  it('reports wrong credentials as 40125 without retrying', async () => {
    const wx = createClient({ appId: emu.appId, appSecret: 'wrong-secret-value', baseUrl: emu.url })
    await expect(wx.request(PROBE)).rejects.toMatchObject({ errcode: 40125 })
    expect((await emu.control.globalCounters())['path:/cgi-bin/stable_token']).toBe(1)
  })
})
