// The push burst at CI size (`pnpm bench` runs 20,000): every push handled exactly once and answered,
// a repeat gets the first answer, in memory and across two processes on one Redis. Counts only:
// the times it reports are figures for the bench, never asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBurst, startRedis, type BurstFigures } from './push-burst'

const PUSHES = 2_000

function expectExactlyOnce(figures: BurstFigures): void {
  expect(figures.lost).toBe(0)
  expect(figures.notOnce).toBe(0)
  expect(figures.handled).toBe(PUSHES)
  expect(figures.repeats).toBe(PUSHES / 25)
  expect(figures.retryAnswersDiffering).toBe(0)
}

describe('a burst of pushes at a slow, sometimes failing handler', () => {
  it('runs handle once per push and answers every push, in one process on the memory store', async () => {
    expectExactlyOnce(await runBurst({ pushes: PUSHES, concurrency: 64, store: 'memory', servers: 1 }))
  })

  describe('on Redis', () => {
    let redis: Awaited<ReturnType<typeof startRedis>>
    beforeAll(async () => {
      redis = await startRedis()
    })
    afterAll(async () => {
      await redis?.stop()
    })

    it('runs handle once per push fleet-wide with two processes behind one Redis, retries landing on the other', async (context) => {
      if (!redis) return context.skip('redis-server is not installed')
      const figures = await runBurst({ pushes: PUSHES, concurrency: 64, store: 'redis', servers: 2, redisUrl: redis.url })
      expectExactlyOnce(figures)
      // Every push's key is held until its TTL, no more: memory follows the push count.
      expect(figures.storeKeys).toBe(PUSHES)
    })
  })
})
