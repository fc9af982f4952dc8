// Benchmark: @wxmp/redis's fault drills (packages/redis/test/drills.ts, the same code the tests
// assert on) with call latency p50/p99, and the store's commandTimeoutMs swept around its default:
// the figures the default was chosen from. Counts and latencies, never pass/fail.
// Run alone: `pnpm exec tsx bench/src/redis-drills.ts`.
import { startEmulator } from '@wxmp/emulator'
import {
  cpuStarved,
  drillTable,
  percentile,
  receivingPaused,
  redisKilled,
  redisPaused,
  type DrillContext,
  type DrillRow,
} from '../../packages/redis/test/drills'
import { startFleet } from '../../packages/redis/test/fleet'
import { hasRedisServer } from '../../packages/redis/test/redis-server'

export interface RedisDrillFigures {
  readonly name: 'redis-drills'
  readonly rows: {
    drill: string
    tokenMode: string
    ok: number
    failed: number
    tokenRequests: number
    p50Ms: number
    p99Ms: number
    notes: Record<string, number>
  }[]
  readonly markdown: string
  readonly skipped?: string
}

export async function run(options: { quick?: boolean } = {}): Promise<RedisDrillFigures> {
  if (!hasRedisServer()) return { name: 'redis-drills', rows: [], markdown: '', skipped: 'redis-server is not installed' }
  const emu = await startEmulator({ port: 0 })
  const processes = options.quick ? 4 : 8
  const fleet = await startFleet(processes, { driver: 'ioredis', emuUrl: emu.url, appId: emu.appId, appSecret: emu.appSecret })
  const ctx: DrillContext = { fleet, emu, calls: options.quick ? 50 : 200 }
  const swept = (commandTimeoutMs: number): DrillContext => ({ ...ctx, options: { commandTimeoutMs } })
  const named =
    (suffix: string) =>
    (r: DrillRow): DrillRow => ({ ...r, drill: `${r.drill}${suffix}` })
  const rows: DrillRow[] = []
  const step = async (label: string, drill: () => Promise<DrillRow>) => {
    process.stderr.write(`  redis-drills: ${label}\n`)
    rows.push(await drill())
  }
  try {
    await step('CPU-starved', () => cpuStarved(ctx))
    await step('Redis paused, stable', () => redisPaused(ctx, 'stable'))
    await step('Redis paused, classic', () => redisPaused(ctx, 'classic'))
    await step('Redis killed, stable', () => redisKilled(ctx, 'stable'))
    await step('Redis killed, classic', () => redisKilled(ctx, 'classic'))
    await step('receiving', () => receivingPaused(emu))
    if (!options.quick) {
      // The sweep: a shorter timeout falls back sooner when Redis stalls; is it still safe when the
      // process is starved? A longer one rides out a short stall without falling back at all.
      await step('CPU-starved, commandTimeoutMs 100', () => cpuStarved(swept(100)).then(named(', commandTimeoutMs 100')))
      await step('Redis paused, commandTimeoutMs 100', () => redisPaused(swept(100), 'stable').then(named(', commandTimeoutMs 100')))
      await step('Redis paused, commandTimeoutMs 5000', () => redisPaused(swept(5_000), 'stable').then(named(', commandTimeoutMs 5000')))
    }
  } finally {
    await Promise.all(fleet.map((w) => w.exit()))
    await emu.close()
  }
  return {
    name: 'redis-drills',
    rows: rows.map((r) => ({
      drill: r.drill,
      tokenMode: r.tokenMode,
      ok: r.ok,
      failed: r.failed,
      tokenRequests: r.tokenRequests,
      p50Ms: Math.round(percentile(r.latencies, 50)),
      p99Ms: Math.round(percentile(r.latencies, 99)),
      notes: r.extra ?? {},
    })),
    markdown: `${processes} processes × ${ctx.calls} calls each (20 pushes for receiving), the store's default options unless named.\n\n${drillTable(rows)}`,
  }
}

export function toMarkdown(figures: RedisDrillFigures): string {
  return figures.skipped ? `skipped: ${figures.skipped}` : figures.markdown
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await run({ quick: process.argv.includes('--quick') })
  console.log(toMarkdown(figures))
}
