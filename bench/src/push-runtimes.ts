// The same receiving server on Node, Bun and Deno (the runtime matrix's own binaries, from
// runtimes/node_modules), on the BUILT @wxmp/server: sides/push-runtime.mjs in each, rounds
// alternated with the order rotated, medians. Figures, never pass/fail.
// Alone: `pnpm exec tsx bench/src/push-runtimes.ts [--quick]` (after `pnpm build`).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const bin = (...p: string[]) => fileURLToPath(new URL(`../../runtimes/node_modules/${p.join('/')}`, import.meta.url))
const RUNTIMES = [
  { name: 'Node', cmd: process.execPath, args: [] as string[] },
  // The maintained Node lines beside this machine's Node 20 (the matrix installs them from npm).
  { name: 'Node 22', cmd: bin('node22/bin/node'), args: [] },
  { name: 'Node 24', cmd: bin('node24/bin/node'), args: [] },
  { name: 'Bun', cmd: bin('bun/bin/bun.exe'), args: [] },
  { name: 'Deno', cmd: bin('.bin/deno'), args: ['run', '--no-prompt', '--allow-read', '--allow-env'] },
]

export interface RuntimeRow {
  readonly runtime: string
  readonly crypto: string
  readonly fetch1: number
  readonly fetch32: number
  readonly floor1: number
  readonly floor32: number
}

export async function run(options: { quick?: boolean } = {}): Promise<RuntimeRow[]> {
  const rounds = options.quick ? 3 : 5
  const count = options.quick ? 1000 : 2000
  const available = RUNTIMES.filter((r) => existsSync(r.cmd))
  const results = new Map<string, Record<string, number | string>[]>()
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < available.length; k++) {
      const rt = available[(k + round) % available.length]!
      const res = spawnSync(rt.cmd, [...rt.args, 'sides/push-runtime.mjs', String(count), String(round)], {
        cwd: here,
        encoding: 'utf8',
        timeout: 300_000,
      })
      const line = res.stdout.trim().split('\n').pop() ?? ''
      if (!line.startsWith('{')) throw new Error(`${rt.name}: ${res.stderr.slice(0, 300)}`)
      results.set(rt.name, [...(results.get(rt.name) ?? []), JSON.parse(line) as Record<string, number | string>])
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  return [...results].map(([, runs]) => ({
    runtime: String(runs[0]!.runtime),
    crypto: String(runs[0]!.crypto),
    ...(Object.fromEntries(['fetch1', 'fetch32', 'floor1', 'floor32'].map((f) => [f, median(runs.map((r) => Number(r[f])))])) as Pick<
      RuntimeRow,
      'fetch1' | 'fetch32' | 'floor1' | 'floor32'
    >),
  }))
}

export function toMarkdown(rows: readonly RuntimeRow[]): string {
  const node = rows.find((r) => r.runtime.startsWith('Node'))
  const x = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : '-')
  return [
    '`server.fetch(Request)` with default options, safe-mode text pushes in process, each runtime in its own process (rounds alternated, order rotated, medians). "vs Node" compares with Node\'s fetch row in the same run; "vs floor" with that runtime\'s own hand-written node:crypto loop (three SHA-1s, one AES decrypt and encrypt).',
    '',
    '| runtime | crypto picked | pushes/s, 1 at a time | 32 at a time | vs Node (1 / 32) | vs floor (1 / 32) |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.runtime} | ${r.crypto} | ${r.fetch1.toLocaleString('en')} | ${r.fetch32.toLocaleString('en')} | ${x(r.fetch1, node?.fetch1)} / ${x(r.fetch32, node?.fetch32)} | ${x(r.fetch1, r.floor1)} / ${x(r.fetch32, r.floor32)} |`,
    ),
  ].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(toMarkdown(await run({ quick: process.argv.includes('--quick') })))
}
