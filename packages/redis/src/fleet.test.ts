// A fleet of real processes (test/fleet-worker.ts), each with its own Redis connection and core
// client, sharing one createRedisTokenStore against a real redis-server and the emulator over HTTP.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import type { Redis } from 'ioredis'
import { connectRedis, DRIVERS, type TestClient } from '../test/clients'
import { startFleet, startWorker, total, until, type FleetWorker } from '../test/fleet'
import type { Setup } from '../test/fleet-worker'
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../test/redis-server'

const enabled = redisTestsEnabled()
const FLEET = 8
const CALLS = 200
// Spawning processes is slow on a busy machine; these bound hangs, they do not measure speed.
const SLOW = 180_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let emu: Emulator
let server: RedisServer
let inspector: TestClient
let prefixes = 0

beforeAll(async () => {
  if (!enabled) return
  emu = await startEmulator({ port: 0 })
  server = await startRedisServer()
  inspector = await connectRedis('ioredis', server.url)
})
afterAll(async () => {
  await inspector?.close()
  await server?.stop()
  await emu?.close()
})

/** A scenario on a fresh prefix: a cold cache no other test has touched. */
function setup(tokenMode: 'stable' | 'classic', extra: Partial<Setup> = {}): Setup {
  // The store's default options: a loaded machine is what they are made for (drills.test.ts).
  return { redisUrl: server.url, prefix: `fleet${++prefixes}:`, tokenMode, ...extra }
}

async function counters(): Promise<Record<string, number>> {
  return emu.control.counters()
}

async function rotateBehindTheFleet(tokenMode: 'stable' | 'classic'): Promise<void> {
  if (tokenMode === 'stable') {
    expect(await emu.control.revokeTokens({ kind: 'stable' })).toBeGreaterThan(0)
    return
  }
  // Someone outside the fleet fetched a classic token; five minutes on, the fleet's one is dead.
  const outside = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
  expect(((await outside.json()) as { access_token?: unknown }).access_token).toBeTypeOf('string')
  await emu.control.advanceClock(301_000)
}

describe.skipIf(!enabled).each(DRIVERS)('a fleet of 8 processes on %s', { timeout: SLOW }, (driver) => {
  let fleet: FleetWorker[] = []
  const extra: FleetWorker[] = []
  beforeAll(async () => {
    fleet = await startFleet(FLEET, { driver, emuUrl: emu.url, appId: emu.appId, appSecret: emu.appSecret })
  }, SLOW)
  afterAll(async () => {
    await Promise.all([...fleet, ...extra].map((w) => w.exit()))
  }, SLOW)

  for (const tokenMode of ['stable', 'classic'] as const) {
    test(`makes exactly one token request for 8 × 200 concurrent calls on a cold cache (${tokenMode})`, async () => {
      await emu.control.reset()
      const scenario = setup(tokenMode)
      const result = total(await Promise.all(fleet.map((w) => w.burst(scenario, CALLS))))
      expect(result.failures, JSON.stringify(result.messages)).toEqual({})
      expect(result.ok).toBe(FLEET * CALLS)
      const c = await counters()
      expect(c.token_requests).toBe(1)
      // Every call got past WeChat's token check with the one shared token.
      expect(c['path:/cgi-bin/user/get']).toBe(FLEET * CALLS)
    })

    test(`recovers from a token rotated behind its back with exactly one refresh and no failed call (${tokenMode})`, async () => {
      await emu.control.reset()
      const scenario = setup(tokenMode)
      expect(total(await Promise.all(fleet.map((w) => w.burst(scenario, 20)))).failures).toEqual({})
      await rotateBehindTheFleet(tokenMode)
      const before = (await counters()).token_requests as number
      const result = total(await Promise.all(fleet.map((w) => w.burst(scenario, CALLS))))
      expect(result.failures, JSON.stringify(result.messages)).toEqual({})
      expect(result.ok).toBe(FLEET * CALLS)
      expect(((await counters()).token_requests as number) - before).toBe(1)
    })
  }

  test('makes exactly one jsapi ticket request (and one token request) for 8 × 200 concurrent wx.config signatures on a cold cache', async () => {
    await emu.control.reset()
    const scenario = setup('stable')
    const result = total(await Promise.all(fleet.map((w) => w.burst(scenario, CALLS, 'jssdk'))))
    expect(result.failures, JSON.stringify(result.messages)).toEqual({})
    expect(result.ok).toBe(FLEET * CALLS)
    expect(await counters()).toMatchObject({ 'getticket:jsapi': 1, ticket_requests: 1, token_requests: 1 })
  })

  test('makes one forced refresh when every process forces a refresh of the token they share', async () => {
    await emu.control.reset()
    const scenario = setup('stable')
    expect(total(await Promise.all(fleet.map((w) => w.burst(scenario, 5)))).failures).toEqual({})
    // WeChat allows 20 forced refreshes a day: 8 processes (× 3 callers) that saw the same token spend one.
    const result = total(await Promise.all(fleet.map((w) => w.burst(scenario, 3, 'force'))))
    expect(result.failures, JSON.stringify(result.messages)).toEqual({})
    expect((await counters())['stable_token:force']).toBe(1)
  })

  test('recovers after the lock expires when the process holding it is killed', async () => {
    await emu.control.reset()
    // The first token fetch is answered only after 30 s: its process holds the lock meanwhile.
    await emu.control.fault({ path: '/cgi-bin/stable_token', kind: 'latency', ms: 30_000, phase: 'after' })
    const scenario = setup('stable', { lockTtlMs: 1_000, waitTimeoutMs: 60_000 })
    const lockKey = `${scenario.prefix}lock:${emu.appId}:stable`
    const holder = await startWorker({ driver, emuUrl: emu.url, appId: emu.appId, appSecret: emu.appSecret })
    extra.push(holder)
    void holder.burst(scenario, 10)
    await until(async () => (await (inspector.redis as Redis).exists(lockKey)) === 1)

    const others = fleet.slice(0, FLEET - 1)
    const bursts = others.map((w) => w.burst(scenario, CALLS))
    await sleep(300)
    // Still blocked behind the holder's lock (it renews it while alive): no call got through.
    expect((await counters())['path:/cgi-bin/user/get'] ?? 0).toBe(0)

    // Killed mid-refresh: once its token request has reached WeChat (on a busy machine that can
    // take longer than taking the lock did).
    await until(async () => ((await counters()).token_requests ?? 0) >= 1)
    await holder.kill()
    // Its lock outlives it, until its ttl runs out.
    expect(Number(await (inspector.redis as Redis).pttl(lockKey))).toBeGreaterThan(0)

    const result = total(await Promise.all(bursts))
    expect(result.failures, JSON.stringify(result.messages)).toEqual({})
    expect(result.ok).toBe((FLEET - 1) * CALLS)
    // The dead process's fetch (which reached the emulator) and one more after its lock lapsed.
    expect((await counters()).token_requests).toBe(2)
  })

  for (const fallback of ['error', 'memory'] as const) {
    const name =
      fallback === 'error'
        ? 'fails calls fast while Redis is down and succeeds again once it restarts'
        : "serves every call from memory while Redis is down with fallback 'memory', and shares Redis again after"
    test(name, async () => {
      await emu.control.reset()
      const own = await startRedisServer()
      try {
        const scenario = { ...setup('stable', { fallback, commandTimeoutMs: 1_000 }), redisUrl: own.url }
        fleet.forEach((w) => w.startLoop(scenario, 2))
        await until(() => fleet.every((w) => w.loopOk >= 10))

        await own.kill()
        await sleep(1_500)
        await own.restart()
        const backAt = fleet.map((w) => w.loopOk)
        // Every process makes progress again (a stuck one would hold this until the test times out).
        await until(() => fleet.every((w, i) => w.loopOk >= (backAt[i] as number) + 10))
        // With the memory fallback a process keeps serving its copy for a moment after Redis is
        // back; keep the loops going until the fleet has gone back to Redis (found it empty, refetched).
        await until(async () => ((await counters()).token_requests ?? 0) >= 2, 50)
        const result = total(await Promise.all(fleet.map((w) => w.stopLoop())))

        if (fallback === 'error') {
          // Calls made while Redis was down failed with the store's error, nothing else.
          expect(Object.keys(result.failures)).toEqual(['RedisTokenStoreError:unavailable'])
          expect(result.messages['RedisTokenStoreError:unavailable']).toMatch(/Redis/)
        } else {
          expect(result.failures, JSON.stringify(result.messages)).toEqual({})
        }
        // The first fetch, and one after the restart (Redis came back empty): never one per process.
        expect((await counters()).token_requests).toBe(2)
      } finally {
        await own.stop()
      }
    })
  }
})
