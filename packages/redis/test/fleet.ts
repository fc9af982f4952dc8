// Starts fleet workers (separate Node processes running fleet-worker.ts with tsx) and talks to them.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { CallKind, FromWorker, Setup, Tally, ToWorker, WorkerConfig } from './fleet-worker'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const workerFile = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url))

export interface FleetWorker {
  readonly pid: number
  /**
   * `calls` concurrent calls (API calls unless `kind` says otherwise), all at once or started
   * evenly over `spreadMs`; resolves with how they went.
   */
  burst(setup: Setup, calls: number, kind?: CallKind, spreadMs?: number): Promise<Tally>
  /** Calls in `concurrency` back-to-back loops until `stopLoop()`. */
  startLoop(setup: Setup, concurrency: number): void
  /** Successful calls of the running loop or burst so far. */
  readonly loopOk: number
  stopLoop(): Promise<Tally>
  /** SIGKILL: the process dies mid-flight, holding whatever it held. */
  kill(): Promise<void>
  exit(): Promise<void>
}

export async function startWorker(config: WorkerConfig): Promise<FleetWorker> {
  // cwd is this package, so tsx maps @wxmp/* to their sources through tsconfig paths (as vitest does).
  const child = fork(workerFile, [], {
    cwd: packageDir,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, WXMP_FLEET_WORKER: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let loopOk = 0
  const waiting: ((tally: Tally) => void)[] = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`fleet worker exited with ${code} before it was ready`)))
    child.on('message', (message: FromWorker) => {
      if (message.type === 'ready') resolve()
      else if (message.type === 'progress') loopOk = message.ok
      else if (message.type === 'result') waiting.shift()?.(message.tally)
    })
  })
  const post = (message: ToWorker) => child.send(message)
  const result = () => new Promise<Tally>((resolve) => waiting.push(resolve))
  return {
    pid: child.pid as number,
    burst(setup, calls, kind, spreadMs) {
      const answer = result()
      loopOk = 0
      post({ type: 'burst', setup, calls, ...(kind === undefined ? {} : { kind }), ...(spreadMs === undefined ? {} : { spreadMs }) })
      return answer
    },
    startLoop(setup, concurrency) {
      loopOk = 0
      post({ type: 'loop', setup, concurrency })
    },
    get loopOk() {
      return loopOk
    },
    stopLoop() {
      const answer = result()
      post({ type: 'stop' })
      return answer
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
    async exit() {
      if (child.exitCode === null && child.signalCode === null && child.connected) post({ type: 'exit' })
      await exited
    },
  }
}

export function startFleet(count: number, config: WorkerConfig): Promise<FleetWorker[]> {
  return Promise.all(Array.from({ length: count }, () => startWorker(config)))
}

/** Sums the tallies of a fleet. */
export function total(tallies: readonly Tally[]): Tally {
  const sum: Tally = { ok: 0, failed: 0, failures: {}, messages: {}, latencies: [] }
  for (const t of tallies) {
    sum.latencies.push(...t.latencies)
    sum.ok += t.ok
    sum.failed += t.failed
    for (const [k, n] of Object.entries(t.failures)) sum.failures[k] = (sum.failures[k] ?? 0) + n
    Object.assign(sum.messages, t.messages)
  }
  return sum
}

/** Resolves once `check()` is true, polling; the test's own timeout bounds it. */
export async function until(check: () => boolean | Promise<boolean>, everyMs = 20): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, everyMs))
}
