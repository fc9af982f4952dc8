// The benchmarks other packages contribute (bench/src/followers-1m.ts, media-memory.ts, fleet.ts),
// each run in its own tsx process (see run-module.ts) with a time limit. A missing file, a failed
// import or a missing `run` export reads "not available yet"; whatever `run()` returns is kept as
// its figures and shown as a table.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { RESULT_MARK } from './run-module-mark'

export const EXTERNAL = [
  { name: 'followers-1m', title: '1M-follower iteration (@wxmp/user): time and peak RSS' },
  { name: 'media-memory', title: '10 MB video upload and download (@wxmp/media): peak memory' },
  { name: 'fetch-choices', title: 'Which fetch to give wxmp on Node: client CPU per call' },
  { name: 'fleet', title: 'Fleet on a shared Redis token store (@wxmp/redis): token fetches and latency' },
  {
    name: 'redis-drills',
    title: 'Fault drills of the Redis token and dedup stores (@wxmp/redis): calls ok / failed, token requests, p50/p99',
  },
  { name: 'server-push', title: 'Receiving pushes (@wxmp/server) vs the wechat package: pushes per second, safe mode' },
  { name: 'push-loopback', title: 'Receiving pushes over loopback HTTP (node:http, @hono/node-server) vs the wechat package' },
  { name: 'push-runtimes', title: 'Receiving pushes on Node, Bun and Deno (@wxmp/server fetch(Request), default options)' },
  // 20,000 pushes three times over, at a handler that sleeps: minutes on a loaded machine.
  { name: 'push-burst', title: 'A burst of pushes (@wxmp/server): handled once, nothing lost, memory / Redis / fleet', timeoutMs: 900_000 },
] as const

export type ExternalResult =
  | {
      readonly name: string
      readonly title: string
      readonly status: 'ok'
      readonly figures: unknown
      readonly markdown?: string
      readonly seconds: number
    }
  | {
      readonly name: string
      readonly title: string
      readonly status: 'unavailable' | 'failed'
      readonly reason: string
      readonly seconds: number
    }

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))

export async function runExternal(quick: boolean, timeoutMs: number, log: (line: string) => void): Promise<ExternalResult[]> {
  const out: ExternalResult[] = []
  for (const entry of EXTERNAL) {
    const { name, title } = entry
    const started = Date.now()
    const result = await runOne(name, quick, 'timeoutMs' in entry ? entry.timeoutMs : timeoutMs, log)
    const seconds = Math.round((Date.now() - started) / 100) / 10
    out.push({ name, title, seconds, ...result } as ExternalResult)
    log(
      `  ${name}: ${result.status === 'ok' ? 'done' : `${result.status === 'unavailable' ? 'not available yet' : 'failed'} (${result.reason})`} in ${seconds}s`,
    )
  }
  return out
}

type Outcome = { status: 'ok'; figures: unknown; markdown?: string } | { status: 'unavailable' | 'failed'; reason: string }

function runOne(name: string, quick: boolean, timeoutMs: number, log: (line: string) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/run-module.ts', name, ...(quick ? ['--quick'] : [])], {
      cwd: BENCH_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let outcome: Outcome | undefined
    let buffer = ''
    let stderr = ''
    const onLine = (line: string): void => {
      if (line.startsWith(RESULT_MARK)) outcome = JSON.parse(line.slice(RESULT_MARK.length)) as Outcome
      else if (line.trim() !== '') log(`    [${name}] ${line}`)
    }
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      lines.forEach(onLine)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (stderr.length > 20_000) stderr = stderr.slice(-10_000)
    })
    const timer = setTimeout(() => {
      outcome ??= { status: 'failed', reason: `no result within ${timeoutMs / 1000}s` }
      child.kill('SIGKILL')
    }, timeoutMs)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (buffer) onLine(buffer)
      const lastErr = stderr
        .trim()
        .split('\n')
        .filter((l) => /error/i.test(l))
        .at(0)
      resolve(outcome ?? { status: 'failed', reason: `exited with ${signal ?? code}${lastErr ? `: ${lastErr.slice(0, 200)}` : ''}` })
    })
  })
}
