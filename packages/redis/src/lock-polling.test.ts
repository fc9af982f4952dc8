// A process waiting for another's refresh lock polls Redis a handful of times, backing off, never in
// a busy loop: a fleet of waiters would otherwise flood the Redis every call depends on. The SETs
// are counted by Redis itself (INFO commandstats); a slow machine can only make fewer.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createRedisTokenStore, isRedisTokenStoreError } from './index'
import { connectRedis, type TestClient } from '../test/clients'
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../test/redis-server'

const enabled = redisTestsEnabled()
let server: RedisServer
let inspector: TestClient
let client: TestClient
const call = (c: TestClient, ...args: string[]) => (c.redis as { call(...a: string[]): Promise<unknown> }).call(...args)
const setCalls = async () => Number(/cmdstat_set:calls=(\d+)/.exec(String(await call(inspector, 'INFO', 'commandstats')))?.[1] ?? 0)

beforeAll(async () => {
  if (!enabled) return
  server = await startRedisServer()
  inspector = await connectRedis('ioredis', server.url)
  client = await connectRedis('ioredis', server.url)
})
afterAll(async () => {
  await client?.close()
  await inspector?.close()
  await server?.stop()
})

test.skipIf(!enabled)('polls a lock another process holds a handful of times, not in a busy loop', async () => {
  await call(inspector, 'SET', 'poll:lock:wx1:stable', 'stuck-process', 'PX', '60000')
  const store = createRedisTokenStore({
    redis: client.redis,
    prefix: 'poll:',
    waitTimeoutMs: 400,
    commandTimeoutMs: 10_000,
    fallback: 'error',
  })
  const before = await setCalls()
  const error = await store.lock('wx1:stable', async () => 1).catch((e: unknown) => e)
  expect(isRedisTokenStoreError(error) && error.kind).toBe('lock-timeout')
  // Waits of 5-10 ms doubling to 50-100 ms: about 9 tries in 400 ms, never dozens.
  const polls = (await setCalls()) - before
  expect(polls).toBeGreaterThanOrEqual(1)
  expect(polls).toBeLessThan(30)
})
