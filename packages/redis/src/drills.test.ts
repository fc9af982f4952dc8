// Fault drills (issue 27): the 8-process fleet with the store's DEFAULT options, under a starved
// CPU, a paused Redis, a killed Redis, and a receiving fleet on a paused Redis. They assert counts
// (calls ok / failed, token requests, handle runs), never durations; test/drills.ts runs them, and
// the benchmark reports the same rows with latencies. The killed lock holder drill is in fleet.test.ts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { startFleet, type FleetWorker } from '../test/fleet'
import { cpuStarved, drillTable, receivingPaused, redisKilled, redisPaused, type DrillRow } from '../test/drills'
import { redisTestsEnabled } from '../test/redis-server'

const enabled = redisTestsEnabled()
const FLEET = 8
const CALLS = 200
// Bounds on a hang (a busy machine spawns processes slowly); no assertion is about time.
const SLOW = 120_000

describe.skipIf(!enabled)('fault drills: 8 processes, default options', { timeout: SLOW }, () => {
  let emu: Emulator
  let fleet: FleetWorker[] = []
  const rows: DrillRow[] = []
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
    fleet = await startFleet(FLEET, { driver: 'ioredis', emuUrl: emu.url, appId: emu.appId, appSecret: emu.appSecret })
  }, SLOW)
  afterAll(async () => {
    await Promise.all(fleet.map((w) => w.exit()))
    await emu?.close()
    if (rows.length) console.log(`\n${drillTable(rows)}\n`)
  }, SLOW)
  const ctx = () => ({ fleet, emu, calls: CALLS })

  test('a CPU-starved fleet fails no call and makes one token request', async () => {
    const r = await cpuStarved(ctx())
    rows.push(r)
    expect(r.failures, JSON.stringify(r.messages)).toEqual({})
    expect(r.ok).toBe(FLEET * CALLS)
    expect(r.tokenRequests).toBe(1)
  })

  test('Redis paused for 3 s mid-burst: no failed call in stable mode, and no token request beyond the first', async () => {
    const r = await redisPaused(ctx(), 'stable')
    rows.push(r)
    expect(r.failures, JSON.stringify(r.messages)).toEqual({})
    expect(r.ok).toBe(FLEET * CALLS)
    // Every process had the token before the pause: each served its copy while Redis was away.
    expect(r.tokenRequests).toBe(1)
  })

  test('Redis killed and restarted mid-burst: no failed call in stable mode', async () => {
    const r = await redisKilled(ctx(), 'stable')
    rows.push(r)
    expect(r.failures, JSON.stringify(r.messages)).toEqual({})
    expect(r.ok).toBe(FLEET * CALLS)
    // The first token, then Redis came back empty: one more under the lock, plus at most one per
    // process that refreshed on its own while Redis was still coming back.
    expect(r.tokenRequests).toBeGreaterThanOrEqual(1)
    expect(r.tokenRequests).toBeLessThanOrEqual(2 + FLEET)
  })

  test('Redis killed and restarted mid-burst in classic mode: fails clearly at worst, never two tokens at once', async () => {
    const r = await redisKilled(ctx(), 'classic')
    rows.push(r)
    // Only the store's own clear error, never a token WeChat refused (40001 from a raced fetch).
    expect(
      Object.keys(r.failures).filter((k) => k !== 'RedisTokenStoreError:unavailable'),
      JSON.stringify(r.messages),
    ).toEqual([])
    expect(r.ok + r.failed).toBe(FLEET * CALLS)
    // One token per life of Redis, each fetched under its lock: no process fetched on its own.
    expect(r.tokenRequests).toBeLessThanOrEqual(2)
  })

  test('receiving on a paused Redis: every push handled exactly once, none lost, none retried', async () => {
    const r = await receivingPaused(emu)
    rows.push(r)
    expect(r.extra).toMatchObject({ handledTwice: 0, lost: 0, retried: 0 })
    expect(r.failures, JSON.stringify(r.messages)).toEqual({})
    // The store failed fast and said so (each instance's onError), rather than hang the push.
    expect(r.extra?.storeErrors).toBeGreaterThan(0)
  })
})
