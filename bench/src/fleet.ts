// Benchmark: a fleet of processes on one appid, each with its own client, with and without the
// shared Redis token store (@wxmp/redis), against the emulator. Reports token fetches and call
// latency; figures, never pass/fail. Run alone: `pnpm exec tsx bench/src/fleet.ts`.
//
// The file is also its own worker: forked with WXMP_BENCH_FLEET_WORKER set, it makes the calls.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createClient, createMemoryTokenStore, type TokenStore } from '@wxmp/core'
import { startEmulator } from '@wxmp/emulator'
import { createRedisTokenStore } from '@wxmp/redis'

export interface FleetOptions {
  /** @default 8 */
  readonly processes?: number
  /** Concurrent calls per process. @default 200 */
  readonly callsPerProcess?: number
  /** Added to every token request, as WeChat's own answer time. @default 100 */
  readonly tokenLatencyMs?: number
  /** A smaller run (4 processes × 50 calls) for a quick look. */
  readonly quick?: boolean
}

export interface FleetRow {
  readonly store: 'memory (one per process)' | 'redis (shared)'
  readonly tokenMode: 'stable' | 'classic'
  readonly processes: number
  readonly calls: number
  readonly failedCalls: number
  /** Token requests the emulator received for the whole fleet. */
  readonly tokenRequests: number
  readonly p50Ms: number
  readonly p95Ms: number
  readonly maxMs: number
  readonly wallMs: number
}

export interface FleetFigures {
  readonly name: 'fleet'
  readonly rows: FleetRow[]
  /** Why the Redis rows are missing, when they are. */
  readonly skipped?: string
}

interface Job {
  readonly store: 'memory' | 'redis'
  readonly tokenMode: 'stable' | 'classic'
  readonly calls: number
  readonly prefix: string
}
interface WorkerEnv {
  readonly emuUrl: string
  readonly appId: string
  readonly appSecret: string
  readonly redisUrl?: string
}
type Answer = { readonly latencies: number[]; readonly failed: number }

const WORKER_ENV = 'WXMP_BENCH_FLEET_WORKER'
const self = fileURLToPath(import.meta.url)
// ioredis is a devDependency of @wxmp/redis; load it from there rather than adding it to the bench.
const requireFromRedis = createRequire(createRequire(import.meta.url).resolve('@wxmp/redis/package.json'))

/** Runs every scenario and returns the figures. */
export async function run(options: FleetOptions = {}): Promise<FleetFigures> {
  const processes = options.processes ?? (options.quick ? 4 : 8)
  const calls = options.callsPerProcess ?? (options.quick ? 50 : 200)
  const tokenLatencyMs = options.tokenLatencyMs ?? 100
  const emu = await startEmulator({ port: 0 })
  const redis = hasRedisServer() ? await startRedisServer() : undefined
  const workers = await Promise.all(
    Array.from({ length: processes }, () =>
      startWorker({ emuUrl: emu.url, appId: emu.appId, appSecret: emu.appSecret, ...(redis ? { redisUrl: redis.url } : {}) }),
    ),
  )
  const rows: FleetRow[] = []
  try {
    // Warm-up (module loading, JIT, connections), not measured: the first row would pay it all.
    await Promise.all(workers.map((w) => w.run({ store: 'memory', tokenMode: 'stable', calls: 5, prefix: 'warmup:' })))
    for (const tokenMode of ['stable', 'classic'] as const) {
      for (const store of redis ? (['memory', 'redis'] as const) : (['memory'] as const)) {
        await emu.control.reset()
        for (const path of ['/cgi-bin/token', '/cgi-bin/stable_token']) {
          await emu.control.fault({ path, kind: 'latency', ms: tokenLatencyMs, times: 100_000 })
        }
        const job: Job = { store, tokenMode, calls, prefix: `bench${rows.length}:` }
        const started = performance.now()
        const answers = await Promise.all(workers.map((w) => w.run(job)))
        const wallMs = performance.now() - started
        const latencies = answers.flatMap((a) => a.latencies).sort((a, b) => a - b)
        rows.push({
          store: store === 'redis' ? 'redis (shared)' : 'memory (one per process)',
          tokenMode,
          processes,
          calls: processes * calls,
          failedCalls: answers.reduce((n, a) => n + a.failed, 0),
          tokenRequests: (await emu.control.counters()).token_requests ?? 0,
          p50Ms: round(percentile(latencies, 0.5)),
          p95Ms: round(percentile(latencies, 0.95)),
          maxMs: round(latencies.at(-1) ?? 0),
          wallMs: round(wallMs),
        })
      }
    }
  } finally {
    for (const w of workers) w.child.kill()
    await redis?.stop()
    await emu.close()
  }
  return {
    name: 'fleet',
    rows,
    ...(redis ? {} : { skipped: 'redis-server not on PATH: no shared-store rows (apt-get install -y redis-server)' }),
  }
}

/** The figures as a Markdown table, for the bench report. */
export function toMarkdown(figures: FleetFigures): string {
  const head =
    '| store | token mode | processes × calls | token requests | failed calls | p50 ms | p95 ms | max ms | wall ms |\n|---|---|---|---|---|---|---|---|---|'
  const lines = figures.rows.map(
    (r) =>
      `| ${r.store} | ${r.tokenMode} | ${r.processes} × ${r.calls / r.processes} | ${r.tokenRequests} | ${r.failedCalls} | ${r.p50Ms} | ${r.p95Ms} | ${r.maxMs} | ${r.wallMs} |`,
  )
  return [head, ...lines, ...(figures.skipped ? ['', figures.skipped] : [])].join('\n')
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

const round = (ms: number) => Math.round(ms * 10) / 10

function startWorker(env: WorkerEnv): Promise<{ child: ChildProcess; run(job: Job): Promise<Answer> }> {
  const child = fork(self, [], {
    env: { ...process.env, [WORKER_ENV]: JSON.stringify(env) },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending: ((answer: Answer) => void)[] = []
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.on('message', (message: 'ready' | Answer) => {
      if (message === 'ready') {
        resolve({
          child,
          run: (job) =>
            new Promise((done) => {
              pending.push(done)
              child.send(job)
            }),
        })
      } else pending.shift()?.(message)
    })
  })
}

/** The worker side: one client per job, `calls` concurrent authenticated calls, timed one by one. */
async function worker(env: WorkerEnv): Promise<void> {
  let redis: { call(...args: string[]): Promise<unknown>; disconnect(): void } | undefined
  if (env.redisUrl) {
    const { Redis } = requireFromRedis('ioredis') as { Redis: new (url: string) => NonNullable<typeof redis> }
    redis = new Redis(env.redisUrl)
  }
  process.on('message', async (job: Job) => {
    const tokenStore: TokenStore =
      job.store === 'redis' && redis ? createRedisTokenStore({ redis, prefix: job.prefix }) : createMemoryTokenStore()
    const wx = createClient({ appId: env.appId, appSecret: env.appSecret, baseUrl: env.emuUrl, tokenMode: job.tokenMode, tokenStore })
    const latencies: number[] = []
    let failed = 0
    await Promise.all(
      Array.from({ length: job.calls }, async () => {
        const started = performance.now()
        try {
          await wx.request('/cgi-bin/user/get')
        } catch {
          failed++
        }
        latencies.push(performance.now() - started)
      }),
    )
    process.send?.({ latencies, failed } satisfies Answer)
  })
  process.on('disconnect', () => {
    redis?.disconnect()
    process.exit(0)
  })
  process.send?.('ready')
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0
}

async function startRedisServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address()
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  })
  const { Redis } = requireFromRedis('ioredis') as { Redis: new (url: string) => { ping(): Promise<string>; disconnect(): void } }
  const probe = new Redis(`redis://127.0.0.1:${port}`)
  await probe.ping()
  probe.disconnect()
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill()
      }),
  }
}

if (process.env[WORKER_ENV]) {
  await worker(JSON.parse(process.env[WORKER_ENV]) as WorkerEnv)
} else if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const figures = await run({ quick: process.argv.includes('--quick') })
  console.log(toMarkdown(figures))
}
