// A lock request that timed out may still run on Redis later (it sits in the connection's queue).
// The store then queues a release behind it, so the late SET does not leave a lock nobody holds,
// blocking the fleet's token refresh for the lock's whole ttl. Redis's CLIENT PAUSE holds the SET
// back without any timing: the test unpauses only after the store has given up.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createRedisTokenStore, isRedisTokenStoreError } from './index'
import { connectRedis, type TestClient } from '../test/clients'
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../test/redis-server'

const enabled = redisTestsEnabled()
let server: RedisServer
let inspector: TestClient
let client: TestClient
const call = (c: TestClient, ...args: string[]) => (c.redis as { call(...a: string[]): Promise<unknown> }).call(...args)

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

test.skipIf(!enabled)('leaves no lock behind when taking it timed out and the SET ran late', async () => {
  const store = createRedisTokenStore({ redis: client.redis, prefix: 'late:', commandTimeoutMs: 50, lockTtlMs: 60_000, fallback: 'error' })
  // Writes wait on the server until UNPAUSE: the store's SET cannot be answered in time.
  await call(inspector, 'CLIENT', 'PAUSE', '60000', 'WRITE')
  let ran = false
  const error = await store
    .lock('wx1:stable', async () => (ran = true))
    .catch((e: unknown) => e)
    .finally(() => call(inspector, 'CLIENT', 'UNPAUSE'))
  expect(isRedisTokenStoreError(error) && error.kind).toBe('unavailable')
  expect(ran).toBe(false)
  // One round trip on the store's own connection: whatever it queued before has run by now.
  await call(client, 'PING')
  expect(await call(inspector, 'EXISTS', 'late:lock:wx1:stable')).toBe(0)
})
