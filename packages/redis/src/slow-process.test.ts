// A slow process is not a slow Redis: an answer that waited in the socket while this process's
// event loop was blocked is a success, one late answer does not make the store refuse calls, and
// only repeated real timeouts (or a connection error) open the breaker. And with the default
// fallback, a stable token survives Redis being gone while a classic one is never fetched alone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { createRedisTokenStore, isRedisTokenStoreError } from './index'
import { connectRedis, DRIVERS, type TestClient } from '../test/clients'
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../test/redis-server'

const enabled = redisTestsEnabled()
const HOUR = 3_600_000
let prefixes = 0
const freshPrefix = () => `s${++prefixes}:`

/** Keeps the event loop busy, as a GC pause or a CPU-bound burst does. */
function blockLoop(ms: number): void {
  const end = Date.now() + ms
  while (Date.now() < end) {
    // spin
  }
}

describe.skipIf(!enabled).each(DRIVERS)('with %s', (driver) => {
  let server: RedisServer
  let client: TestClient
  let emu: Emulator
  beforeAll(async () => {
    server = await startRedisServer()
    client = await connectRedis(driver, server.url)
    emu = await startEmulator({ port: 0 })
  })
  afterAll(async () => {
    server?.resume()
    await client?.close()
    await server?.stop()
    await emu?.close()
  })

  test('takes an answer that waited in the socket while the event loop was blocked', async () => {
    const store = createRedisTokenStore({ redis: client.redis, prefix: freshPrefix(), commandTimeoutMs: 200, fallback: 'error' })
    await store.set('wx1:stable', { accessToken: 'T1', expiresAt: Date.now() + HOUR })
    const reads = Array.from({ length: 20 }, () => store.get('wx1:stable'))
    // Three times the command timeout without the loop turning: Redis answered long ago.
    blockLoop(600)
    const answers = await Promise.allSettled(reads)
    expect(answers.filter((a) => a.status === 'rejected').map((a) => String((a as PromiseRejectedResult).reason))).toEqual([])
  })

  test('goes back to Redis right after one late answer instead of refusing calls', async () => {
    const store = createRedisTokenStore({ redis: client.redis, prefix: freshPrefix(), commandTimeoutMs: 300, fallback: 'error' })
    await store.set('wx1:stable', { accessToken: 'T1', expiresAt: Date.now() + HOUR })
    server.pause()
    const late = await store.get('wx1:stable').catch((e: unknown) => e)
    server.resume()
    expect(isRedisTokenStoreError(late) && late.message).toMatch(/did not answer GET/)
    // One timeout is not an outage: the very next call is sent, and answered.
    expect((await store.get('wx1:stable'))?.accessToken).toBe('T1')
  })

  test('opens the breaker after three timeouts in a row, and closes it when Redis answers again', async () => {
    const store = createRedisTokenStore({ redis: client.redis, prefix: freshPrefix(), commandTimeoutMs: 200, fallback: 'error' })
    server.pause()
    try {
      const errors: string[] = []
      for (let i = 0; i < 4; i++)
        errors.push(
          await store.get('wx1:stable').then(
            () => 'answered',
            (e: unknown) => (e as Error).message,
          ),
        )
      expect(errors.map((m) => (/did not answer/.test(m) ? 'timeout' : /not sent/.test(m) ? 'refused' : m))).toEqual([
        'timeout',
        'timeout',
        'timeout',
        'refused',
      ])
    } finally {
      server.resume()
    }
    // The late answers to the timed-out commands arrive after the resume and close the breaker.
    await expect
      .poll(
        () =>
          store.get('wx1:stable').then(
            () => 'answered',
            () => 'refused',
          ),
        { interval: 20, timeout: 5_000 },
      )
      .toBe('answered')
  })

  test('serves stable tokens by default while Redis is paused: from its copy, or one fetch of its own', async () => {
    await emu.control.reset()
    const tokenStore = createRedisTokenStore({ redis: client.redis, prefix: freshPrefix(), commandTimeoutMs: 200 })
    const warm = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, tokenStore })
    const cold = createClient({
      appId: emu.appId,
      appSecret: emu.appSecret,
      baseUrl: emu.url,
      tokenStore: createRedisTokenStore({ redis: client.redis, prefix: freshPrefix(), commandTimeoutMs: 200 }),
    })
    const token = await warm.getAccessToken()
    server.pause()
    try {
      expect(await Promise.all(Array.from({ length: 10 }, () => warm.getAccessToken()))).toEqual(Array(10).fill(token))
      // A process that never saw the token fetches it once, and WeChat hands back the same one.
      expect(new Set(await Promise.all(Array.from({ length: 10 }, () => cold.getAccessToken())))).toEqual(new Set([token]))
    } finally {
      server.resume()
    }
    expect((await emu.control.counters()).token_requests).toBe(2)
  })

  test('never fetches a classic token without the lock: serves its copy, fails a refresh clearly', async () => {
    await emu.control.reset()
    const options = { redis: client.redis, commandTimeoutMs: 200 }
    const warm = createClient({
      appId: emu.appId,
      appSecret: emu.appSecret,
      baseUrl: emu.url,
      tokenMode: 'classic',
      tokenStore: createRedisTokenStore({ ...options, prefix: freshPrefix() }),
    })
    const cold = createClient({
      appId: emu.appId,
      appSecret: emu.appSecret,
      baseUrl: emu.url,
      tokenMode: 'classic',
      tokenStore: createRedisTokenStore({ ...options, prefix: freshPrefix() }),
    })
    const token = await warm.getAccessToken()
    server.pause()
    try {
      expect(await warm.getAccessToken()).toBe(token)
      const error = await cold.getAccessToken().catch((e: unknown) => e)
      expect(isRedisTokenStoreError(error) && error.kind).toBe('unavailable')
    } finally {
      server.resume()
    }
    expect((await emu.control.counters()).token_requests).toBe(1)
  })
})
