import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { createRedisTokenStore, isRedisTokenStoreError, type RedisTokenStore, type RedisTokenStoreOptions } from './index'
import { connectRedis, DRIVERS, type TestClient } from '../test/clients'
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../test/redis-server'

const enabled = redisTestsEnabled()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const HOUR = 3_600_000

let server: RedisServer
let emu: Emulator
let inspector: TestClient
let prefixes = 0
/** A fresh prefix per test, so tests share one Redis without seeing each other's keys. */
const freshPrefix = () => `t${++prefixes}:`
const raw = (...args: string[]) => (inspector.redis as { call(...a: string[]): Promise<unknown> }).call(...args)

beforeAll(async () => {
  if (!enabled) return
  server = await startRedisServer()
  inspector = await connectRedis('ioredis', server.url)
  emu = await startEmulator({ port: 0 })
})
afterAll(async () => {
  await inspector?.close()
  await server?.stop()
  await emu?.close()
})

/** A store with a long command timeout: on a loaded machine a slow Redis answer is not an outage. */
function storeOn(c: TestClient, options: Omit<RedisTokenStoreOptions, 'redis'>): RedisTokenStore {
  return createRedisTokenStore({ redis: c.redis, commandTimeoutMs: 10_000, ...options })
}

function wxWith(tokenStore: RedisTokenStore, tokenMode: 'stable' | 'classic' = 'stable'): WeChatClient {
  return createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, tokenStore, tokenMode, timeout: 60_000 })
}

async function tokenRequests(): Promise<number> {
  return (await emu.control.counters()).token_requests ?? 0
}

describe.skipIf(!enabled).each(DRIVERS)('with %s', (driver) => {
  let client: TestClient
  let other: TestClient
  beforeAll(async () => {
    client = await connectRedis(driver, server.url)
    other = await connectRedis(driver, server.url)
  })
  afterAll(async () => {
    await client?.close()
    await other?.close()
  })

  test('keeps a token under the prefixed key, expiring when core would stop using it', async () => {
    const prefix = freshPrefix()
    const store = storeOn(client, { prefix })
    const expiresAt = Date.now() + HOUR
    await store.set('wx1:stable', { accessToken: 'token-aaaaaaaaaaaa', expiresAt })
    expect(JSON.parse(String(await raw('GET', `${prefix}token:wx1:stable`)))).toEqual({ accessToken: 'token-aaaaaaaaaaaa', expiresAt })
    const pttl = Number(await raw('PTTL', `${prefix}token:wx1:stable`))
    expect(pttl).toBeGreaterThan(HOUR - 60_000)
    expect(pttl).toBeLessThanOrEqual(HOUR)
  })

  test('reads the token another process stored', async () => {
    const prefix = freshPrefix()
    const a = storeOn(client, { prefix })
    const b = storeOn(other, { prefix })
    const token = { accessToken: 'token-shared-bbbbbbb', expiresAt: Date.now() + HOUR }
    await a.set('wx1:stable', token)
    expect(await b.get('wx1:stable')).toEqual(token)
  })

  test('keeps two prefixes apart on one Redis', async () => {
    const a = storeOn(client, { prefix: freshPrefix() })
    const b = storeOn(client, { prefix: freshPrefix() })
    await a.set('wx1:stable', { accessToken: 'token-only-in-a-ccc', expiresAt: Date.now() + HOUR })
    expect(await b.get('wx1:stable')).toBeUndefined()
  })

  test('does not store a token that is already past its expiry', async () => {
    const prefix = freshPrefix()
    const store = storeOn(client, { prefix })
    await store.set('wx1:stable', { accessToken: 'token-expired-dddddd', expiresAt: Date.now() - 1 })
    expect(await raw('EXISTS', `${prefix}token:wx1:stable`)).toBe(0)
  })

  test('treats an unreadable value under its key as no token', async () => {
    const prefix = freshPrefix()
    await raw('SET', `${prefix}token:wx1:stable`, 'not json')
    expect(await storeOn(client, { prefix }).get('wx1:stable')).toBeUndefined()
  })

  test('drops the token only if it is still the one that failed', async () => {
    const prefix = freshPrefix()
    const store = storeOn(client, { prefix })
    const newer = { accessToken: 'token-newer-eeeeeeee', expiresAt: Date.now() + HOUR }
    await store.set('wx1:stable', newer)
    expect(await store.invalidate('wx1:stable', 'token-older-ffffffff')).toBe(false)
    expect(await store.get('wx1:stable')).toEqual(newer)
    expect(await store.invalidate('wx1:stable', newer.accessToken)).toBe(true)
    expect(await store.get('wx1:stable')).toBeUndefined()
  })

  test('lets one process at a time hold the refresh lock', async () => {
    const prefix = freshPrefix()
    const stores = [client, other, client, other].map((c) => storeOn(c, { prefix }))
    let inside = 0
    let most = 0
    const order: number[] = []
    await Promise.all(
      stores.map((store, i) =>
        store.lock('wx1:stable', async () => {
          most = Math.max(most, ++inside)
          await sleep(30)
          order.push(i)
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
    expect(order.sort()).toEqual([0, 1, 2, 3])
    expect(await raw('EXISTS', `${prefix}lock:wx1:stable`)).toBe(0)
  })

  test('releases the lock only while it still owns it', async () => {
    const prefix = freshPrefix()
    const store = storeOn(client, { prefix })
    await store.lock('wx1:stable', async () => {
      // As if our lock had lapsed and another process had taken it.
      await raw('SET', `${prefix}lock:wx1:stable`, 'someone-else', 'PX', '60000')
    })
    expect(await raw('GET', `${prefix}lock:wx1:stable`)).toBe('someone-else')
  })

  test('keeps the lock alive while a slow refresh runs past its ttl', async () => {
    const prefix = freshPrefix()
    const slow = storeOn(client, { prefix, lockTtlMs: 150 })
    const waiter = storeOn(other, { prefix, lockTtlMs: 150 })
    const events: string[] = []
    let started!: () => void
    const holding = new Promise<void>((r) => (started = r))
    const first = slow.lock('wx1:stable', async () => {
      events.push('slow start')
      started()
      await sleep(600)
      events.push('slow end')
    })
    await holding
    await waiter.lock('wx1:stable', async () => {
      events.push('waiter')
    })
    await first
    expect(events).toEqual(['slow start', 'slow end', 'waiter'])
  })

  test('takes the lock over once a vanished holder lets it expire', async () => {
    const prefix = freshPrefix()
    await raw('SET', `${prefix}lock:wx1:stable`, 'dead-process', 'PX', '300')
    const store = storeOn(client, { prefix, waitTimeoutMs: 5_000 })
    let heldBy: unknown
    await store.lock('wx1:stable', async () => {
      heldBy = await raw('GET', `${prefix}lock:wx1:stable`)
    })
    expect(heldBy).toMatch(/^[0-9a-f]{32}$/)
  })

  test("gives up waiting for a stuck holder with a lock-timeout error with fallback 'error'", async () => {
    const prefix = freshPrefix()
    await raw('SET', `${prefix}lock:wx1:stable`, 'stuck-process', 'PX', '60000')
    const store = storeOn(client, { prefix, waitTimeoutMs: 200, fallback: 'error' })
    let ran = false
    const error = await store.lock('wx1:stable', async () => (ran = true)).catch((e: unknown) => e)
    expect(isRedisTokenStoreError(error) && error.kind).toBe('lock-timeout')
    expect(String(error)).toContain(`${prefix}lock:wx1:stable`)
    expect(ran).toBe(false)
  })

  test("refreshes on its own when the wait times out and fallback is 'memory'", async () => {
    const prefix = freshPrefix()
    await raw('SET', `${prefix}lock:wx1:stable`, 'stuck-process', 'PX', '60000')
    const store = storeOn(client, { prefix, waitTimeoutMs: 200, fallback: 'memory' })
    expect(await store.lock('wx1:stable', async () => 'refreshed')).toBe('refreshed')
  })

  test('stops waiting for the lock when the signal aborts', async () => {
    const prefix = freshPrefix()
    await raw('SET', `${prefix}lock:wx1:stable`, 'stuck-process', 'PX', '60000')
    const store = storeOn(client, { prefix })
    const error = await store.lock('wx1:stable', async () => 1, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e)
    expect((error as Error).name).toBe('TimeoutError')
  })

  test('gives a fleet of clients one token request for 300 concurrent calls', async () => {
    await emu.control.reset()
    const prefix = freshPrefix()
    const clients = [client, other, client].map((c) => wxWith(storeOn(c, { prefix })))
    const tokens = await Promise.all(Array.from({ length: 300 }, (_, i) => (clients[i % 3] as WeChatClient).getAccessToken()))
    expect(new Set(tokens).size).toBe(1)
    expect(await tokenRequests()).toBe(1)
  })

  test('after a 40001 the fleet refreshes once and every call succeeds', async () => {
    await emu.control.reset()
    const prefix = freshPrefix()
    const clients = [client, other].map((c) => wxWith(storeOn(c, { prefix }), 'classic'))
    const before = await Promise.all(clients.map((wx) => wx.getAccessToken()))
    // Someone outside the fleet fetched a classic token; five minutes later the fleet's is dead.
    const outside = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
    expect(((await outside.json()) as { access_token?: string }).access_token).toBeTypeOf('string')
    await emu.control.advanceClock(301_000)
    const requestsBefore = await tokenRequests()
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => (clients[i % 2] as WeChatClient).request('/cgi-bin/user/get').catch(acceptNonTokenErrors)),
    )
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect((await tokenRequests()) - requestsBefore).toBe(1)
    const after = await Promise.all(clients.map((wx) => wx.getAccessToken()))
    expect(new Set(after).size).toBe(1)
    expect(after[0]).not.toBe(before[0])
  })
})

/** WeChat accepted the token (the call got past the token check) even if the endpoint answered an errcode. */
function acceptNonTokenErrors(error: unknown): unknown {
  const code = (error as { errcode?: unknown }).errcode
  if (typeof code === 'number' && ![40001, 40014, 42001, 41001].includes(code)) return error
  throw error
}

describe('bad input', () => {
  /** A client that records what it is asked to send: construction must send nothing. */
  const sent: string[][] = []
  const recording = { sendCommand: async (args: string[]) => void sent.push(args) }

  test('refuses a missing Redis client', () => {
    expect(() => createRedisTokenStore({} as never)).toThrow(
      new TypeError(
        'createRedisTokenStore: redis must be an ioredis or node-redis client (something with call() or sendCommand()), got undefined',
      ),
    )
  })

  test('refuses an object that is not a Redis client', () => {
    expect(() => createRedisTokenStore({ redis: { get: async () => null } as never })).toThrow(
      /redis must be an ioredis or node-redis client .* got an object without call\(\) or sendCommand\(\)/,
    )
  })

  test('refuses a lock ttl under 100 ms, naming it', () => {
    expect(() => createRedisTokenStore({ redis: recording, lockTtlMs: 50 })).toThrow(
      new RangeError('lockTtlMs must be at least 100, got 50'),
    )
    expect(() => createRedisTokenStore({ redis: recording, lockTtlMs: 1.5 })).toThrow(TypeError)
  })

  test('refuses a negative wait timeout', () => {
    expect(() => createRedisTokenStore({ redis: recording, waitTimeoutMs: -1 })).toThrow(
      new RangeError('waitTimeoutMs must be at least 0, got -1'),
    )
  })

  test('refuses a command timeout of zero', () => {
    expect(() => createRedisTokenStore({ redis: recording, commandTimeoutMs: 0 })).toThrow(
      new RangeError('commandTimeoutMs must be at least 1, got 0'),
    )
  })

  test('refuses a prefix that is not a string', () => {
    expect(() => createRedisTokenStore({ redis: recording, prefix: 42 as never })).toThrow(
      /^prefix must be a string, got (the )?number 42$/,
    )
  })

  test('refuses an unknown fallback', () => {
    expect(() => createRedisTokenStore({ redis: recording, fallback: 'disk' as never })).toThrow(
      /fallback must be 'auto', 'error', 'memory' or a TokenStore, got the string "disk"/,
    )
  })

  test('refuses a misspelt option, naming the one it meant', () => {
    expect(() => createRedisTokenStore({ redis: recording, commandTimeoutMS: 5 } as never)).toThrow(
      /has no option "commandTimeoutMS" \(did you mean "commandTimeoutMs"\?\)/,
    )
  })

  test('sends nothing to Redis until a token is asked for', () => {
    createRedisTokenStore({ redis: recording })
    expect(sent).toEqual([])
  })
})
