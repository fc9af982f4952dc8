// `pnpm bench` (root: builds, then runs this). `pnpm bench -- --quick` for a short run.
// Starts the emulator in its own process, runs each benchmark, writes bench/results/latest.{md,json}
// and prints the markdown. Figures only: nothing here fails on time.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, type } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runBundle } from './bundle'
import { runColdStart } from './cold-start'
import { startEmulatorProcess } from './emulator'
import { runExternal } from './external'
import { runOverhead, type OverheadPlan } from './overhead'
import { toMarkdown, type Results } from './report'
import { round } from './stats'
import { detectMode, Recipients } from './targets'
import type { ClientEnv } from './workers'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
const wants = (part: string): boolean => !only || only.includes(part)

/** Sized so a full run stays well under 5 minutes on 2 shared cores. */
/**
 * Small batches and many rounds: finer alternation spreads a shared machine's swings evenly over the
 * sides. Time budgets cap each part on a busy machine (fewer rounds or runs, as the counts show).
 */
const plan: OverheadPlan & { coldRuns: number; coldBudgetMs: number; externalTimeoutMs: number } = quick
  ? { rounds: 3, budgetMs: 15_000, batch: { 1: 60, 64: 300 }, burst: 1000, coldRuns: 5, coldBudgetMs: 25_000, externalTimeoutMs: 150_000 }
  : {
      rounds: 12,
      budgetMs: 35_000,
      batch: { 1: 100, 64: 500 },
      burst: 1000,
      coldRuns: 15,
      coldBudgetMs: 50_000,
      externalTimeoutMs: 150_000,
    }

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url))
const log = (line: string): void => void process.stderr.write(`${line}\n`)
const started = Date.now()
const loadAtStart = loadavg()[0]!
const partSeconds: Record<string, number> = {}
async function part<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now()
  try {
    return await fn()
  } finally {
    partSeconds[name] = Math.round((Date.now() - t0) / 1000)
  }
}

const emu = await startEmulatorProcess(1000)
let results: Results
try {
  const recipients = await Recipients.load(emu, Math.ceil(plan.burst / 4) + 6)
  const { mode, reason } = await detectMode(emu, (await recipients.prepare(1, 'read'))[0]!)
  const env: ClientEnv = { url: emu.url, appId: emu.appId, appSecret: emu.appSecret, mode }
  log(`wxmp bench (${quick ? 'quick' : 'full'}): emulator ${emu.url}; workload: ${reason}`)

  let overhead: Awaited<ReturnType<typeof runOverhead>> = { rows: [], bursts: [], hows: {}, failed: {} }
  if (wants('overhead')) {
    log('per-call overhead and cold bursts')
    overhead = await part('overhead', () => runOverhead(emu, env, recipients, plan, log))
  }
  let bundle: Results['bundle'] = []
  if (wants('bundle')) {
    log('bundle sizes')
    bundle = await part('bundle', () => runBundle(log))
  }
  let coldStart: Results['coldStart'] = []
  if (wants('cold')) {
    log(`cold start (${plan.coldRuns} runs per SDK)`)
    coldStart = await part('cold', () => runColdStart(emu, mode, recipients, plan.coldRuns, plan.coldBudgetMs, log))
  }
  await emu.close()
  let external: Results['external'] = []
  if (wants('external')) {
    log('package benchmarks')
    external = await part('external', () => runExternal(quick, plan.externalTimeoutMs, log))
  }

  results = {
    meta: {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      commit: gitCommit(),
      node: process.versions.node,
      cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: cpus().length,
      os: `${type()} ${release()}`,
      quick,
      seconds: Math.round((Date.now() - started) / 1000),
      partSeconds,
      // The machine is shared: a busy neighbour shows here, and in every side alike.
      loadAverage: { start: round(loadAtStart, 1), end: round(loadavg()[0]!, 1) },
    },
    workload: { mode, description: reason },
    overhead: { rows: overhead.rows, failed: overhead.failed },
    coldBurst: overhead.bursts,
    bundle,
    coldStart,
    external,
  }
} finally {
  await emu.close()
  cleanTemp()
}

const markdown = toMarkdown(results)
mkdirSync(RESULTS_DIR, { recursive: true })
// Written as *.tmp (git-ignored) and renamed, so an interrupted run never leaves half a file.
for (const [name, text] of [
  ['latest.md', `${markdown}\n`],
  ['latest.json', `${JSON.stringify(results, null, 2)}\n`],
] as const) {
  writeFileSync(join(RESULTS_DIR, `${name}.tmp`), text)
  renameSync(join(RESULTS_DIR, `${name}.tmp`), join(RESULTS_DIR, name))
}
process.stdout.write(`\n${markdown}\n`)
log(`written to bench/results/latest.md and latest.json (${results.meta.seconds}s)`)
// Keep-alive sockets of finished clients must not hold the run open.
process.exit(0)

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== ''
    return dirty ? `${sha} (uncommitted changes)` : sha
  } catch {
    return 'unknown'
  }
}

/** node-easywechat's file token cache, one temporary directory per client made. */
function cleanTemp(): void {
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith('wxmp-bench-easywechat-')) rmSync(join(tmpdir(), name), { recursive: true, force: true })
  }
}
