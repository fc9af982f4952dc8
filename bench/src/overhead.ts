// Per-call overhead and token behaviour of each side, against the emulator on loopback.
//
// Throughput and latency: every side runs the same batches (same recipients, same count) at
// concurrency 1 and 64, round-robin with the order rotated each round, so machine noise lands on
// all sides alike. The first round is a warm-up and is not counted.
//
// Cold burst: a new client per side, 1,000 calls at once; the emulator counts the token requests
// they caused (`token_requests`, both token endpoints), after a reset.
import type { BenchEmulator } from './emulator'
import { percentile, rotate, round } from './stats'
import type { Recipients } from './targets'
import { SIDES, SideProcess, type ClientEnv, type Side } from './workers'

export interface OverheadRow {
  readonly side: Side
  readonly how: string
  readonly concurrency: number
  readonly calls: number
  readonly callsPerSec: number
  /** Throughput over the hand-written fetch's, same run. */
  readonly vsFetch: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** Client CPU time per call (the SDK's process: user + system, GC included), µs. */
  readonly cpuUsPerCall: number
  /** CPU per call over the hand-written fetch's, same run. */
  readonly cpuVsFetch: number
  readonly errors: number
  readonly firstError?: string
}

export interface BurstRow {
  readonly side: Side
  readonly calls: number
  readonly tokenRequests: number
  readonly errors: number
  readonly firstError?: string
  readonly elapsedMs: number
}

export interface OverheadPlan {
  readonly rounds: number
  /** Per concurrency level: no new round starts after this (at least one counted round runs). */
  readonly budgetMs: number
  readonly batch: Readonly<Record<number, number>>
  readonly burst: number
}

export interface OverheadResult {
  readonly rows: OverheadRow[]
  readonly bursts: BurstRow[]
  readonly hows: Partial<Record<Side, string>>
  readonly failed: Partial<Record<Side, string>>
}

export async function runOverhead(
  emu: BenchEmulator,
  env: ClientEnv,
  recipients: Recipients,
  plan: OverheadPlan,
  log: (line: string) => void,
): Promise<OverheadResult> {
  const workers = new Map<Side, SideProcess>()
  const hows: Partial<Record<Side, string>> = {}
  const failed: Partial<Record<Side, string>> = {}
  for (const side of SIDES) {
    try {
      const { worker, how } = await SideProcess.start(side, env)
      workers.set(side, worker)
      hows[side] = how
    } catch (error) {
      failed[side] = String((error as Error).message).split('\n')[0]!
      log(`  ${side}: could not start: ${failed[side]}`)
    }
  }
  const sides = SIDES.filter((s) => workers.has(s))
  try {
    const rows: OverheadRow[] = []
    for (const conc of Object.keys(plan.batch).map(Number)) {
      const n = plan.batch[conc]!
      const acc = new Map<
        Side,
        { lat: number[]; elapsed: number; cpu: number; calls: number; errors: number; firstError?: string | undefined }
      >()
      for (const side of sides) acc.set(side, { lat: [], elapsed: 0, cpu: 0, calls: 0, errors: 0 })
      const deadline = Date.now() + plan.budgetMs
      for (let r = 0; r <= plan.rounds && (r <= 1 || Date.now() < deadline); r++) {
        for (const side of rotate(sides, r)) {
          const targets = await recipients.prepare(n, env.mode)
          const result = await workers.get(side)!.batch(targets, conc)
          if (r === 0) continue // warm-up: JIT, sockets, token
          const a = acc.get(side)!
          for (const x of result.latencies) a.lat.push(x)
          a.elapsed += result.elapsedMs
          a.cpu += result.cpuUs
          a.calls += targets.length
          a.errors += result.errors
          a.firstError ??= result.firstError
        }
      }
      const fetchRate = rateOf(acc.get('fetch'))
      const fetchCpu = cpuOf(acc.get('fetch'))
      for (const side of sides) {
        const a = acc.get(side)!
        const rate = rateOf(a)
        rows.push({
          side,
          how: hows[side]!,
          concurrency: conc,
          calls: a.calls,
          callsPerSec: round(rate, 0),
          vsFetch: round(rate / fetchRate, 2),
          p50Ms: round(percentile(a.lat, 50), 3),
          p99Ms: round(percentile(a.lat, 99), 3),
          cpuUsPerCall: round(cpuOf(a), 0),
          cpuVsFetch: round(cpuOf(a) / fetchCpu, 2),
          errors: a.errors,
          ...(a.firstError ? { firstError: a.firstError } : {}),
        })
      }
      log(
        `  concurrency ${conc}: ${sides.map((s) => `${s} ${rows.find((r) => r.side === s && r.concurrency === conc)!.callsPerSec}/s`).join(', ')}`,
      )
    }

    const bursts: BurstRow[] = []
    for (const side of sides) {
      await emu.control.reset()
      const targets = await recipients.prepare(plan.burst, env.mode)
      const result = await workers.get(side)!.cold(targets, env)
      const counters = await emu.control.counters()
      bursts.push({
        side,
        calls: targets.length,
        tokenRequests: counters['token_requests'] ?? 0,
        errors: result.errors,
        ...(result.firstError ? { firstError: result.firstError } : {}),
        elapsedMs: round(result.elapsedMs, 1),
      })
      log(`  cold burst ${side}: ${bursts.at(-1)!.tokenRequests} token requests, ${result.errors} errors`)
    }
    await emu.control.reset()
    return { rows, bursts, hows, failed }
  } finally {
    for (const w of workers.values()) w.close()
  }
}

function cpuOf(a: { cpu: number; calls: number } | undefined): number {
  return a && a.calls > 0 ? a.cpu / a.calls : NaN
}

function rateOf(a: { elapsed: number; calls: number } | undefined): number {
  return a && a.elapsed > 0 ? (a.calls / a.elapsed) * 1000 : NaN
}
