// The jsapi ticket as a fleet of callers sees it, against the emulator over HTTP: cached like the
// token, one fetch for any number of concurrent callers, a token error underneath handled as the
// token's problem. https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
import { describe, expect, it } from 'vitest'
import { createClient, createMemoryTokenStore, type ClientOptions, type WeChatClient } from '@wxmp/core'
import { createJsApiConfig, getJsApiTicket, invalidateJsApiTicket } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu } = useEmulator({ reset: true })

const client = (extra: Partial<ClientOptions> = {}): WeChatClient =>
  createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, ...extra })
const counters = () => emu.control.counters()

describe('getJsApiTicket', () => {
  it('makes exactly one ticket request for 1,000 concurrent createJsApiConfig calls on a cold client', async () => {
    const wx = client()
    const configs = await Promise.all(
      Array.from({ length: 1000 }, () => createJsApiConfig(wx, { url: 'https://example.com/a', jsApiList: ['chooseImage'] })),
    )
    expect(configs).toHaveLength(1000)
    expect(await counters()).toMatchObject({ ticket_requests: 1, token_requests: 1 })
  })

  it("keeps the ticket in the client's token store, apart from the card ticket", async () => {
    const store = createMemoryTokenStore()
    const wx = client({ tokenStore: store })
    const ticket = await getJsApiTicket(wx)
    const card = await getJsApiTicket(wx, { type: 'wx_card' })
    expect(card).not.toBe(ticket)
    expect((await store.get(`${emu.appId}:ticket:jsapi`))?.accessToken).toBe(ticket)
    expect((await store.get(`${emu.appId}:ticket:wx_card`))?.accessToken).toBe(card)
    // A second client on the same store asks WeChat nothing.
    expect(await getJsApiTicket(client({ tokenStore: store }))).toBe(ticket)
    expect((await counters())['getticket:jsapi']).toBe(1)
  })

  it('refreshes the ticket ahead of its expiry on the client clock', async () => {
    let now = Date.now()
    const wx = client({ now: () => now, refreshMarginMs: 300_000 })
    const first = await getJsApiTicket(wx)
    now += (7200 - 299) * 1000
    await emu.control.advanceClock(7200 * 1000) // the emulator has moved past its life
    expect(await getJsApiTicket(wx)).not.toBe(first)
    expect((await counters())['getticket:jsapi']).toBe(2)
  })

  it('recovers from a token rotated behind its back with one token refresh, the ticket fetched once', async () => {
    const wx = client()
    await wx.getAccessToken()
    await emu.control.revokeTokens()
    const ticket = await getJsApiTicket(wx)
    expect(ticket).toMatch(/^[\w-]{86}$/)
    expect(await counters()).toMatchObject({ token_requests: 2, 'getticket:jsapi': 1 })
  })

  it('fetches again after invalidateJsApiTicket drops the cached ticket', async () => {
    const wx = client()
    const ticket = await getJsApiTicket(wx)
    expect(await invalidateJsApiTicket(wx, 'not-the-ticket')).toBe(false)
    expect(await invalidateJsApiTicket(wx, ticket)).toBe(true)
    await getJsApiTicket(wx)
    expect((await counters())['getticket:jsapi']).toBe(2)
  })

  it('refuses an unknown ticket type before any request', async () => {
    const wx = client()
    // @ts-expect-error a type WeChat does not have
    await expect(async () => getJsApiTicket(wx, { type: 'jsapii' })).rejects.toThrow(/type must be 'jsapi' or 'wx_card', got "jsapii"/)
    // @ts-expect-error WeChat's getticket has no forced mode: invalidateJsApiTicket is the way
    await expect(async () => getJsApiTicket(wx, { force: true })).rejects.toThrow(/getJsApiTicket options has no option "force"/)
    expect((await emu.control.globalCounters()).requests ?? 0).toBe(0)
  })
})
