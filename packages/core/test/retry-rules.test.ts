// How a read is retried: how many times by default and when asked, never after a 4xx, never
// waiting longer than the backoff cap, and not at all once the caller aborts. The backoff's clock is
// vitest's fake one (only setTimeout), the requests are counted on a local fixture server. The
// client's onError hook says when an attempt failed: the backoff's timer is set right after it.
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { createClient, type ClientOptions } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeEach(async () => {
  server = await startFixtureServer()
})
afterEach(async () => {
  vi.useRealTimers()
  await server.close()
})

const probes = () => server.received.filter((r) => r.url.startsWith('/probe')).length
const failing = (status: number, times: number) =>
  server.queue('/probe', ...Array.from({ length: times }, () => json('{"errmsg":"busy"}', status)))
let failures = 0
let waiters = new Map<number, () => void>()
/** Resolves once attempt number `n` has failed (and its retry's backoff has started). */
const failed = (n: number) => (failures >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.set(n, resolve)))
async function client(extra: Partial<ClientOptions> = {}) {
  failures = 0
  waiters = new Map()
  const onError = () => waiters.get(++failures)?.()
  const wx = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url, hooks: { onError }, ...extra })
  await wx.getAccessToken()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  return wx
}
/** Waits for attempt `n` to fail, then lets `ms` pass on the fake clock. */
async function passBackoff(n: number, ms: number) {
  await failed(n)
  vi.advanceTimersByTime(ms)
}

it('retries a read twice by default, then reports the error', async () => {
  failing(502, 5)
  const wx = await client()
  const call = wx.request('/probe').catch((e: unknown) => e)
  for (let n = 1; n <= 2; n++) {
    await passBackoff(n, 3000)
  }
  expect(await call).toMatchObject({ name: 'WeChatTransportError', status: 502 })
  expect(probes()).toBe(3)
})

it('retries a read as many times as the number it is given', async () => {
  failing(502, 4)
  const wx = await client({ retry: 4 })
  const call = wx.request('/probe')
  for (let n = 1; n <= 4; n++) {
    await passBackoff(n, 3000)
  }
  await expect(call).resolves.toMatchObject({ errcode: 0 })
  expect(probes()).toBe(5)
})

it('never waits longer than maxBackoffMs before a retry', async () => {
  failing(502, 3)
  const wx = await client({ retry: { limit: 3, backoffMs: 60_000, maxBackoffMs: 500 } })
  const call = wx.request('/probe')
  for (let n = 1; n <= 3; n++) {
    // The cap, not the 60 s the doubling would give: the next attempt goes out now.
    await passBackoff(n, 500)
  }
  await expect(call).resolves.toMatchObject({ errcode: 0 })
  expect(probes()).toBe(4)
})

it('stops waiting for a retry when the caller aborts during the backoff', async () => {
  failing(502, 1)
  const wx = await client({ retry: { limit: 2, backoffMs: 60_000, maxBackoffMs: 60_000 } })
  const controller = new AbortController()
  const call = wx.request('/probe', { signal: controller.signal }).catch((e: unknown) => e)
  await failed(1)
  const reason = new Error('caller gave up')
  controller.abort(reason)
  expect(await call).toBe(reason)
  vi.advanceTimersByTime(60_000)
  expect(probes()).toBe(1)
})

it('does not retry a read after an HTTP 4xx answer', async () => {
  failing(404, 1)
  const wx = await client({ retry: { limit: 2, backoffMs: 1 } })
  await expect(wx.request('/probe')).rejects.toMatchObject({ name: 'WeChatTransportError', kind: 'http', status: 404 })
  expect(probes()).toBe(1)
})

it('retries a read after HTTP 500, the first server error', async () => {
  failing(500, 1)
  const wx = await client({ retry: { limit: 2, backoffMs: 1 } })
  const call = wx.request('/probe')
  await passBackoff(1, 1)
  await expect(call).resolves.toMatchObject({ errcode: 0 })
  expect(probes()).toBe(2)
})
