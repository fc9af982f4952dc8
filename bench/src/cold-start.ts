// Cold start: a fresh `node` process per run imports one SDK, creates a client and makes the first
// call (a token fetch included) against the running emulator. Sides alternate run by run (order
// rotated), one warm-up run each is not counted, and the median is reported with its ratio to the
// hand-written fetch. Times are since the process started (Node's time origin), read in the child.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { BenchEmulator } from './emulator'
import { median, rotate, round } from './stats'
import type { Recipients } from './targets'
import { redactSecrets, SIDES, SIDES_DIR, type Mode, type Side } from './workers'

const run = promisify(execFile)

export interface ColdStartRow {
  readonly side: Side
  readonly runs: number
  /** Median ms from process start to the first call's answer. */
  readonly medianMs: number
  /** Median ms from process start to the SDK imported. */
  readonly importMedianMs: number
  readonly vsFetch: number
  readonly error?: string
}

/** Runs `runs` rounds (plus a warm-up), or fewer (at least 3) when `budgetMs` runs out first. */
export async function runColdStart(
  emu: BenchEmulator,
  mode: Mode,
  recipients: Recipients,
  runs: number,
  budgetMs: number,
  log: (line: string) => void,
): Promise<ColdStartRow[]> {
  const samples = new Map<Side, { total: number[]; imported: number[]; error?: string }>(SIDES.map((s) => [s, { total: [], imported: [] }]))
  // One send per run; four per recipient fits the emulator's allowance of five per interaction.
  const targets = await recipients.prepare((runs + 1) * SIDES.length, mode)
  let k = 0
  const deadline = Date.now() + budgetMs
  for (let r = 0; r <= runs && (r <= 3 || Date.now() < deadline); r++) {
    for (const side of rotate(SIDES, r)) {
      const s = samples.get(side)!
      const openid = targets[k++]!
      if (s.error) continue
      try {
        const { stdout } = await run(process.execPath, [`${SIDES_DIR}cold.mjs`, side], {
          cwd: SIDES_DIR,
          timeout: 30_000,
          env: {
            ...process.env,
            WXMP_BENCH_URL: emu.url,
            WXMP_BENCH_APPID: emu.appId,
            WXMP_BENCH_SECRET: emu.appSecret,
            WXMP_BENCH_MODE: mode,
            WXMP_BENCH_OPENID: openid,
          },
        })
        const line = stdout.trim().split('\n').at(-1)!
        const { importMs, totalMs } = JSON.parse(line) as { importMs: number; totalMs: number }
        if (r === 0) continue // warm-up: file system cache
        s.total.push(totalMs)
        s.imported.push(importMs)
      } catch (error) {
        const e = error as { stderr?: string; message: string }
        s.error = redactSecrets(
          e.stderr
            ?.trim()
            .split('\n')
            .find((l) => /Error/.test(l)) ?? e.message,
        ).slice(0, 200)
        log(`  cold start ${side}: ${s.error}`)
      }
    }
  }
  const fetchMedian = median(samples.get('fetch')!.total)
  return SIDES.map((side) => {
    const s = samples.get(side)!
    const m = median(s.total)
    return {
      side,
      runs: s.total.length,
      medianMs: round(m, 1),
      importMedianMs: round(median(s.imported), 1),
      vsFetch: round(m / fetchMedian, 2),
      ...(s.error ? { error: s.error } : {}),
    }
  })
}
