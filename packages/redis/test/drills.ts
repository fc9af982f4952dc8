// Fault drills: the 8-process fleet (fleet.ts) with the store's DEFAULT options under a fault, each
// returning counts (calls ok / failed, token requests) and call latencies. The tests (src/drills.test.ts)
// assert the counts; the benchmark (bench/src/redis-drills.ts) reports the same rows with p50/p99.
// Everything is on 127.0.0.1, bounded in calls, and stops by itself.
import type { Emulator } from '@wxmp/emulator'
import { startCpuHogs } from './cpu-hogs'
import { total, until, type FleetWorker } from './fleet'
import type { Setup, Tally } from './fleet-worker'
import { startPushInstance, startRoundRobin } from './push-fleet'
import { startRedisServer } from './redis-server'

export interface DrillRow {
  readonly drill: string
  readonly tokenMode: 'stable' | 'classic' | '-'
  readonly ok: number
  readonly failed: number
  /** Failures by `name[:kind]`, with one message each. */
  readonly failures: Record<string, number>
  readonly messages: Record<string, string>
  /** Token requests WeChat (the emulator) received during the drill. */
  readonly tokenRequests: number
  readonly latencies: number[]
  /** Drill-specific counts (receiving: handle runs). */
  readonly extra?: Record<string, number>
}

export interface DrillContext {
  readonly fleet: readonly FleetWorker[]
  readonly emu: Emulator
  /** Calls per process. @default 200 */
  readonly calls?: number
  /** Store options other than the defaults, for the benchmark's sweep (the tests never set them). */
  readonly options?: Pick<Setup, 'commandTimeoutMs'>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
let prefixes = 0
const setupOn = (redisUrl: string, tokenMode: 'stable' | 'classic', ctx: DrillContext): Setup => ({
  redisUrl,
  prefix: `drill${++prefixes}-${process.pid}:`,
  tokenMode,
  ...ctx.options,
})

/** Successful calls so far across the fleet (as last reported; for the report, never asserted). */
const okSoFar = (fleet: readonly FleetWorker[]) => fleet.reduce((n, w) => n + w.loopOk, 0)

async function tokenRequests(emu: Emulator): Promise<number> {
  return (await emu.control.counters()).token_requests ?? 0
}

function row(drill: string, tokenMode: DrillRow['tokenMode'], t: Tally, tokens: number, extra?: Record<string, number>): DrillRow {
  return {
    drill,
    tokenMode,
    ok: t.ok,
    failed: t.failed,
    failures: t.failures,
    messages: t.messages,
    tokenRequests: tokens,
    latencies: t.latencies,
    ...(extra ? { extra } : {}),
  }
}

/**
 * 8 × 200 calls on a cold cache, started over `spreadMs` (so Redis commands are in flight while
 * each process is busy with the answers of earlier calls), while extra processes keep every core busy.
 */
export async function cpuStarved(ctx: DrillContext, spreadMs = 3_000): Promise<DrillRow> {
  const { fleet, emu, calls = 200 } = ctx
  const redis = await startRedisServer()
  const hogs = startCpuHogs({ perCore: 2 })
  try {
    await emu.control.reset()
    const setup = setupOn(redis.url, 'stable', ctx)
    const result = total(await Promise.all(fleet.map((w) => w.burst(setup, calls, 'api', spreadMs))))
    return row(`CPU-starved (${hogs.count} busy processes)`, 'stable', result, await tokenRequests(emu))
  } finally {
    await hogs.stop()
    await redis.stop()
  }
}

/**
 * Calls spread over `spreadMs`; once every process has made a few, Redis is paused (SIGSTOP)
 * for `pauseMs`, then resumed.
 */
export async function redisPaused(
  ctx: DrillContext,
  tokenMode: 'stable' | 'classic',
  pauseMs = 3_000,
  spreadMs = 4_000,
): Promise<DrillRow> {
  const { fleet, emu, calls = 200 } = ctx
  const redis = await startRedisServer()
  try {
    await emu.control.reset()
    const setup = setupOn(redis.url, tokenMode, ctx)
    const bursts = fleet.map((w) => w.burst(setup, calls, 'api', spreadMs))
    await until(() => fleet.every((w) => w.loopOk >= 5))
    const okBefore = okSoFar(fleet)
    redis.pause()
    await sleep(pauseMs)
    redis.resume()
    const okAtRecovery = okSoFar(fleet)
    const result = total(await Promise.all(bursts))
    return row(`Redis paused ${pauseMs / 1000} s mid-burst`, tokenMode, result, await tokenRequests(emu), {
      okBefore,
      okAfter: result.ok - okAtRecovery,
    })
  } finally {
    redis.resume()
    await redis.stop()
  }
}

/** Calls spread over `spreadMs`; Redis is killed (SIGKILL) mid-burst and restarted empty `downMs` later. */
export async function redisKilled(ctx: DrillContext, tokenMode: 'stable' | 'classic', downMs = 1_500, spreadMs = 4_000): Promise<DrillRow> {
  const { fleet, emu, calls = 200 } = ctx
  const redis = await startRedisServer()
  try {
    await emu.control.reset()
    const setup = setupOn(redis.url, tokenMode, ctx)
    const bursts = fleet.map((w) => w.burst(setup, calls, 'api', spreadMs))
    await until(() => fleet.every((w) => w.loopOk >= 5))
    const okBefore = okSoFar(fleet)
    await redis.kill()
    await sleep(downMs)
    await redis.restart()
    const okAtRecovery = okSoFar(fleet)
    const result = total(await Promise.all(bursts))
    return row('Redis killed mid-burst, restarted empty', tokenMode, result, await tokenRequests(emu), {
      okBefore,
      okAfter: result.ok - okAtRecovery,
    })
  } finally {
    await redis.stop()
  }
}

const PUSH_TOKEN = 'drillPushToken1'

/**
 * Two @wxmp/server processes behind a round-robin proxy, sharing one Redis dedup store (default
 * options); the emulator pushes `pushes` messages at once while Redis is paused, then resumes it.
 * Counts, per push, how often `handle` ran across both instances, and whether the reply arrived.
 */
export async function receivingPaused(emu: Emulator, pushes = 20): Promise<DrillRow> {
  const redis = await startRedisServer()
  const config = {
    driver: 'ioredis' as const,
    redisUrl: redis.url,
    prefix: `push${++prefixes}-${process.pid}:`,
    appId: emu.appId,
    token: PUSH_TOKEN,
  }
  const instances = await Promise.all([startPushInstance(config), startPushInstance(config)])
  const proxy = await startRoundRobin(instances.map((i) => i.port))
  try {
    await emu.control.reset()
    await emu.control.configurePush({ url: proxy.url, token: PUSH_TOKEN })
    const openid = await emu.control.followerAt(0)
    redis.pause()
    const latencies: number[] = []
    const records = await Promise.all(
      Array.from({ length: pushes }, async (_, i) => {
        const started = performance.now()
        const record = await emu.control.userMessage(openid, { msgType: 'text', content: `drill ${i}` })
        latencies.push(performance.now() - started)
        return record
      }),
    )
    redis.resume()
    const reports = await Promise.all(instances.map((i) => i.report()))
    const runsOf = (msgId: string) => reports.reduce((n, r) => n + (r.runs[msgId] ?? 0), 0)
    const tally: Tally = { ok: 0, failed: 0, failures: {}, messages: {}, latencies }
    let handledTwice = 0
    let lost = 0
    let retried = 0
    for (const r of records) {
      const runs = runsOf(String(r.msgId))
      if (runs > 1) handledTwice++
      if (runs === 0) lost++
      if (r.attempts > 1) retried++
      const answered = r.status === 200 && r.reply?.type === 'text' && r.reply.content === `handled ${String(r.msgId)}`
      if (answered && runs === 1) tally.ok++
      else {
        tally.failed++
        const name = runs === 0 ? 'lost' : runs > 1 ? 'handled twice' : 'no reply'
        tally.failures[name] = (tally.failures[name] ?? 0) + 1
        tally.messages[name] ??= JSON.stringify({ status: r.status, attempts: r.attempts, error: r.error, runs })
      }
    }
    const storeErrors = reports.reduce((n, r) => n + r.storeErrors, 0)
    return row('receiving: 2 servers, Redis dedup paused', '-', tally, 0, { handledTwice, lost, retried, storeErrors })
  } finally {
    redis.resume()
    await proxy.close()
    await Promise.all(instances.map((i) => i.exit()))
    await redis.stop()
  }
}

/** p-th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number
}

/** The drills as a markdown table. */
export function drillTable(rows: readonly DrillRow[]): string {
  const lines = [
    '| drill | token mode | calls ok | failed | token requests | p50 ms | p99 ms | notes |',
    '|---|---|---:|---:|---:|---:|---:|---|',
  ]
  for (const r of rows) {
    const failed =
      r.failed === 0
        ? '0'
        : `${r.failed} (${Object.entries(r.failures)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')})`
    lines.push(
      `| ${r.drill} | ${r.tokenMode} | ${r.ok} | ${failed} | ${r.drill.startsWith('receiving') ? '-' : r.tokenRequests} | ${Math.round(percentile(r.latencies, 50))} | ${Math.round(percentile(r.latencies, 99))} | ${Object.entries(
        r.extra ?? {},
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')} |`,
    )
  }
  return lines.join('\n')
}
