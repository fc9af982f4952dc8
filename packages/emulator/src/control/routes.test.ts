import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../app'
import { EmulatorRuntime } from '../runtime'
import { DEFAULT_APP, EmulatorControl, EmulatorControlError, createEmulatorApp } from '../index'

// Served from a runtime this test holds, so it can see state the HTTP API only changes
// (interactions) and put messages in the outbox the way a module would.
const rt = new EmulatorRuntime({ apps: [DEFAULT_APP, { appId: 'wx2222222222222222', appSecret: 's2', followers: 3 }] })
let server: Server
let url: string
let control: EmulatorControl

beforeAll(async () => {
  server = createAdaptorServer({ fetch: buildApp(rt).fetch }) as Server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  control = new EmulatorControl(url, { token: rt.access.token })
})
beforeEach(() => control.reset())
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

describe('clock', () => {
  it('reads, advances and sets the emulator clock', async () => {
    const now = await control.now()
    expect(Math.abs(now - Date.now())).toBeLessThan(1_000)
    expect(await control.advanceClock(3_600_000)).toBeGreaterThanOrEqual(now + 3_600_000)
    const at = Date.UTC(2030, 0, 1)
    expect(await control.setClock(at)).toBeGreaterThanOrEqual(at)
    expect(await control.now()).toBeLessThan(at + 1_000)
  })
})

describe('followers', () => {
  it('gives deterministic 28-character openids by index', async () => {
    const first = await control.followerAt(0)
    expect(first).toMatch(/^o[A-Za-z0-9_-]{27}$/)
    expect(await control.followerAt(0)).toBe(first)
    expect(await control.followerAt(1)).not.toBe(first)
  })

  it('seeds a million followers without generating them', async () => {
    await control.seedFollowers(1_000_000)
    expect(await control.followerAt(999_999)).toMatch(/^o/)
    await expect(control.followerAt(1_000_000)).rejects.toThrow(EmulatorControlError)
    expect(rt.appState()!.followers.total).toBe(1_000_000)
  })

  it('seeds and reads another app by appId', async () => {
    await expect(control.followerAt(3, { appId: 'wx2222222222222222' })).rejects.toThrow(/no follower at index 3/)
    await control.seedFollowers(10, { appId: 'wx2222222222222222' })
    expect(await control.followerAt(9, { appId: 'wx2222222222222222' })).not.toBe(await control.followerAt(9))
  })

  it('adds a follower after the synthetic ones, with a patch', async () => {
    const openid = await control.addFollower({ remark: 'vip', language: 'en' })
    expect(await control.followerAt(100)).toBe(openid)
    expect(rt.appState()!.followers.peek(openid)).toMatchObject({ remark: 'vip', language: 'en', subscribed: true })
    expect(await control.addFollower({ openid: 'oCustom000000000000000000001' })).toBe('oCustom000000000000000000001')
  })

  it('refuses an unknown appId', async () => {
    await expect(control.seedFollowers(1, { appId: 'wx0000000000000000' })).rejects.toThrow(/unknown appId/)
  })
})

describe('interactions', () => {
  it('records an interaction at the emulator time', async () => {
    const openid = await control.followerAt(5)
    const now = await control.advanceClock(1_000_000)
    await control.interact(openid)
    expect(rt.appState()!.interactions.get(openid)).toBeGreaterThanOrEqual(now)
  })
})

describe('outbox', () => {
  it('lists delivered messages, filtered by appId, touser and channel, and clears', async () => {
    const base = { appId: DEFAULT_APP.appId, msgtype: 'text', payload: { content: 'hi' }, at: rt.clock.now() }
    rt.outbox.deliver({ ...base, channel: 'custom', touser: 'oA' })
    rt.outbox.deliver({ ...base, channel: 'template', touser: 'oB', ref: '3717005636572528642' })
    rt.outbox.deliver({ ...base, appId: 'wx2222222222222222', channel: 'custom', touser: 'oA' })
    expect(await control.outbox()).toHaveLength(3)
    expect(await control.outbox({ touser: 'oA', appId: DEFAULT_APP.appId })).toMatchObject([{ seq: 1, channel: 'custom' }])
    expect(await control.outbox({ channel: 'template' })).toMatchObject([{ touser: 'oB', ref: '3717005636572528642' }])
    await control.clearOutbox()
    expect(await control.outbox()).toEqual([])
  })
})

describe('reset', () => {
  it('puts apps, outbox, counters and the clock back', async () => {
    await control.seedFollowers(5)
    await fetch(`${url}/cgi-bin/token?grant_type=client_credential&appid=${DEFAULT_APP.appId}&secret=${DEFAULT_APP.appSecret}`)
    rt.outbox.deliver({ appId: DEFAULT_APP.appId, channel: 'custom', touser: 'o', msgtype: 'text', payload: {}, at: 0 })
    await control.advanceClock(86_400_000)
    await control.reset()
    expect(rt.appState()!.followers.total).toBe(100)
    expect(await control.counters()).toEqual({})
    expect(await control.globalCounters()).toEqual({})
    expect(await control.outbox()).toEqual([])
    // Back on real time (the emulator started without `now`): a later suite's tokens are fresh.
    expect(Math.abs((await control.now()) - Date.now())).toBeLessThan(60_000)
  })
})

describe('counters', () => {
  it('counts per path for the app whose token was used', async () => {
    const res = await fetch(`${url}/cgi-bin/token?grant_type=client_credential&appid=${DEFAULT_APP.appId}&secret=${DEFAULT_APP.appSecret}`)
    const { access_token } = (await res.json()) as { access_token: string }
    await fetch(`${url}/cgi-bin/anything?access_token=${access_token}`)
    await fetch(`${url}/cgi-bin/anything?access_token=${access_token}`)
    await fetch(`${url}/cgi-bin/anything`)
    expect(await control.counters()).toMatchObject({ token: 1, 'path:/cgi-bin/token': 1, 'path:/cgi-bin/anything': 2 })
    expect(await control.globalCounters()).toMatchObject({ requests: 4, 'path:/cgi-bin/anything': 3 })
  })
})

describe('paths WeChat does not serve', () => {
  it('answer errcode JSON with HTTP 200, never a 404 page', async () => {
    for (const path of ['/nope', '/sns/nope', '/']) {
      const res = await fetch(`${url}${path}`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ errcode: 48001, errmsg: expect.stringMatching(/^api unauthorized rid: /) })
    }
  })

  it('answer 43001 to a POST on a GET-only path', async () => {
    const res = await fetch(`${url}/cgi-bin/token`, { method: 'POST', body: '{}' })
    expect(await res.json()).toMatchObject({ errcode: 43001 })
  })

  it('answer 404 with an explanation under /__emulator', async () => {
    await expect(control.request('GET', '/nope')).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/no control route/) })
  })
})

describe('createEmulatorApp', () => {
  it('answers in-process through app.request', async () => {
    const app = createEmulatorApp()
    const res = await app.request(`/cgi-bin/token?grant_type=client_credential&appid=${DEFAULT_APP.appId}&secret=${DEFAULT_APP.appSecret}`)
    expect(await res.json()).toMatchObject({ expires_in: 7200 })
  })
})
