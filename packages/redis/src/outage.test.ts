// Redis down: calls fail fast with the store's error (`fallback: 'error'`), or go on (the default
// for stable tokens, and `fallback: 'memory'`).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { createRedisTokenStore, isRedisTokenStoreError, type RedisTokenStoreOptions } from './index'
import { connectRedis, DRIVERS, type Driver, type TestClient } from '../test/clients'
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../test/redis-server'

const enabled = redisTestsEnabled()
let emu: Emulator
beforeAll(async () => {
  if (enabled) emu = await startEmulator({ port: 0 })
})
afterAll(async () => {
  await emu?.close()
})

describe.skipIf(!enabled).each(DRIVERS)('with %s', (driver: Driver) => {
  let server: RedisServer
  let client: TestClient
  beforeAll(async () => {
    server = await startRedisServer()
    client = await connectRedis(driver, server.url)
  })
  afterAll(async () => {
    await client?.close()
    await server?.stop()
  })

  // Whether this block killed its server: only the tests here stop it, so the state is known, not
  // probed (a probe with a short timer reads "down" on a loaded machine, and restarting a live
  // server left Redis up for a test that meant it dead).
  let killed = false

  async function wxOnDeadRedis(options: Partial<RedisTokenStoreOptions> = {}, warm = false) {
    await emu.control.reset()
    if (killed) {
      await server.restart()
      killed = false
    }
    // The test client reconnects on its own schedule: wait until it answers again, however long.
    await untilAnswers(client.redis)
    const tokenStore = createRedisTokenStore({ redis: client.redis, prefix: `o${Math.random()}:`, commandTimeoutMs: 300, ...options })
    const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, tokenStore })
    const token = warm ? await wx.getAccessToken() : undefined
    await server.kill()
    killed = true
    return { wx, tokenStore, token }
  }

  test("fails a call with an unavailable error, before anything reaches WeChat, with fallback 'error'", async () => {
    const { wx } = await wxOnDeadRedis({ fallback: 'error' })
    const error = await wx.getAccessToken().catch((e: unknown) => e)
    expect(isRedisTokenStoreError(error) && error.kind).toBe('unavailable')
    expect((error as Error).message).toMatch(/Redis/)
    expect((await emu.control.counters()).token_requests ?? 0).toBe(0)
  })

  test("refreshes in this process when Redis is down and fallback is 'memory'", async () => {
    const { wx } = await wxOnDeadRedis({ fallback: 'memory' })
    expect(await wx.getAccessToken()).toMatch(/^\d+_/)
    expect((await emu.control.counters()).token_requests).toBe(1)
  })

  test("keeps serving the last token through an outage with fallback 'memory', fetching nothing", async () => {
    const { wx, token } = await wxOnDeadRedis({ fallback: 'memory' }, true)
    expect(await wx.getAccessToken()).toBe(token)
    expect((await emu.control.counters()).token_requests).toBe(1)
  })

  test('refreshes a stable token in this process when Redis is down, by default', async () => {
    const { wx } = await wxOnDeadRedis()
    expect(await wx.getAccessToken()).toMatch(/^\d+_/)
    expect((await emu.control.counters()).token_requests).toBe(1)
  })

  test('never puts the token into its errors', async () => {
    const { tokenStore } = await wxOnDeadRedis({ fallback: 'error' })
    const secret = 'token-that-must-not-leak-0123456789'
    const errors = await Promise.all([
      tokenStore.invalidate('wx1:stable', secret).catch((e: unknown) => e),
      tokenStore.set('wx1:stable', { accessToken: secret, expiresAt: Date.now() + 60_000 }).catch((e: unknown) => e),
    ])
    for (const error of errors) {
      expect(isRedisTokenStoreError(error)).toBe(true)
      const text = `${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)}`
      expect(text).not.toContain(secret)
    }
  })
})

async function untilAnswers(redis: TestClient['redis']): Promise<void> {
  const r = redis as { call?(c: string): Promise<unknown>; sendCommand?(args: string[]): Promise<unknown> }
  for (;;) {
    const answer = await Promise.resolve(r.call ? r.call('PING') : r.sendCommand?.(['PING'])).catch(() => undefined)
    if (answer === 'PONG') return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
