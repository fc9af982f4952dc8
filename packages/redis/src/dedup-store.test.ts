// The push dedup store on a real redis-server, with both clients, and two @wxmp/server instances
// sharing it: WeChat's retry landing on the other instance still runs `handle` once.
import { computeSignature, createMessageServer, type DedupStore } from '@wxmp/server'
import { afterAll, beforeAll, describe, expect, expectTypeOf, test, vi } from 'vitest'
import { connectRedis, DRIVERS, type TestClient } from '../test/clients'
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../test/redis-server'
import { createRedisDedupStore, type RedisDedupStore } from './index'

const enabled = redisTestsEnabled()
let server: RedisServer
let prefixes = 0
const freshPrefix = () => `d${++prefixes}:`

beforeAll(async () => {
  if (enabled) server = await startRedisServer()
})
afterAll(async () => {
  await server?.stop()
})

const APP = { appId: 'wx1234567890abcdef', token: 'fleetToken1' }
async function pushRequest(msgId: string): Promise<Request> {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const query = new URLSearchParams({ timestamp, nonce: '9', signature: await computeSignature(APP.token, timestamp, '9') })
  const body = `<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>${timestamp}</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>${msgId}</MsgId></xml>`
  return new Request(`http://instance/wx?${query}`, { method: 'POST', body })
}

test('is a @wxmp/server DedupStore', () => {
  expectTypeOf<RedisDedupStore>().toMatchTypeOf<DedupStore>()
})

test('refuses a misspelt option, naming the one it meant', () => {
  expect(() => createRedisDedupStore({ redis: { sendCommand: async () => null }, perfix: 'x:' } as never)).toThrow(
    /has no option "perfix" \(did you mean "prefix"\?\)/,
  )
})

test('refuses something that is not a Redis client', () => {
  expect(() => createRedisDedupStore({ redis: {} as never })).toThrow(/redis must be an ioredis or node-redis client/)
})

describe.skipIf(!enabled).each(DRIVERS)('with %s', (driver) => {
  let a: TestClient
  let b: TestClient
  beforeAll(async () => {
    a = await connectRedis(driver, server.url)
    b = await connectRedis(driver, server.url)
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  test('lets one claim of a key through, across clients', async () => {
    const prefix = freshPrefix()
    const [one, two] = [createRedisDedupStore({ redis: a.redis, prefix }), createRedisDedupStore({ redis: b.redis, prefix })]
    const claims = await Promise.all([one.claim('k', 10_000), two.claim('k', 10_000), one.claim('k', 10_000)])
    expect(claims.filter(Boolean)).toHaveLength(1)
  })

  test('reads null while claimed, the settled value after, and nothing once expired', async () => {
    const store = createRedisDedupStore({ redis: a.redis, prefix: freshPrefix() })
    expect(await store.read('k')).toBeUndefined()
    await store.claim('k', 10_000)
    expect(await store.read('k')).toBeNull()
    await store.settle('k', '{"reply":null}', 150)
    expect(await store.read('k')).toBe('{"reply":null}')
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await store.read('k')).toBeUndefined()
  })

  test('runs handle once when a retry lands on another instance, and gives it the same reply', async () => {
    const prefix = freshPrefix()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const handle = vi.fn(async () => {
      await gate
      return { type: 'text' as const, content: 'once, fleet-wide' }
    })
    const instanceA = createMessageServer({ ...APP, handle, dedupStore: createRedisDedupStore({ redis: a.redis, prefix }) })
    const instanceB = createMessageServer({ ...APP, handle, dedupStore: createRedisDedupStore({ redis: b.redis, prefix }) })
    const first = instanceA.fetch(await pushRequest('777'))
    await vi.waitFor(() => expect(handle).toHaveBeenCalledTimes(1))
    const retry = instanceB.fetch(await pushRequest('777'))
    release()
    const [ra, rb] = await Promise.all([first, retry])
    expect(await ra.text()).toContain('once, fleet-wide')
    expect(await rb.text()).toContain('once, fleet-wide')
    expect(handle).toHaveBeenCalledTimes(1)
  })

  test('fails a claim within its bound when Redis is paused, rather than answer false and lose the push', async () => {
    const store = createRedisDedupStore({ redis: a.redis, prefix: freshPrefix(), commandTimeoutMs: 200 })
    server.pause()
    try {
      const outcome = await store.claim('k', 10_000).then(String, (e: unknown) => (e as Error).message)
      expect(outcome).toMatch(/Redis did not answer SET/)
    } finally {
      server.resume()
    }
  })

  // The server falls back to a process-local dedup when the store rejects (its README, "Retries").
  test('runs handle once when WeChat retries a push on the same instance while Redis is paused', async () => {
    const handle = vi.fn(async () => ({ type: 'text' as const, content: 'once' }))
    const onError = vi.fn()
    const instance = createMessageServer({
      ...APP,
      handle,
      dedupStore: createRedisDedupStore({ redis: a.redis, prefix: freshPrefix(), commandTimeoutMs: 200 }),
      onError,
    })
    server.pause()
    try {
      const first = await instance.fetch(await pushRequest('888'))
      // The retry comes once the first run is over: its claim failed, and its settle (if any) has
      // had three command timeouts to fail too, so nothing of it is still in flight.
      await vi.waitFor(() => expect(onError).toHaveBeenCalled(), { timeout: 10_000 })
      await new Promise((resolve) => setTimeout(resolve, 600))
      const retry = await instance.fetch(await pushRequest('888'))
      expect([first.status, retry.status]).toEqual([200, 200])
      expect(await retry.text()).toContain('once')
    } finally {
      server.resume()
    }
    expect(handle).toHaveBeenCalledTimes(1)
  })
})
