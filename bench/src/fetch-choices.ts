// Which `fetch` to hand wxmp on Node: client CPU per call of the same GET through wxmp with the
// global fetch, undici's own fetch on a tuned Agent, and a fetch-shaped adapter over undici's
// `request`, against a hand-written global fetch in the same process, rounds alternated (first
// discarded, median of the rest). Figures only. A package benchmark of `pnpm bench`; alone:
//   pnpm --filter @wxmp/bench exec tsx src/fetch-choices.ts
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { createClient } from '@wxmp/core'
import { Agent, fetch as undiciFetch, request } from 'undici'
import { startEmulatorProcess } from './emulator'

export interface FetchChoiceRow {
  readonly fetch: string
  readonly concurrency: number
  readonly cpuUsPerCall: number
  readonly cpuVsHandWrittenFetch: number
  readonly note: string
}

const NOTES: Record<string, string> = {
  'hand-written global fetch': 'the baseline: the same GET by hand, one token',
  'wxmp, global fetch': 'the default',
  'wxmp, undici fetch + Agent': "npm undici 7's fetch, Agent({ keepAliveTimeout: 60_000, connections: 128 })",
  'wxmp, undici request as fetch': "undici's request() wrapped as fetch (string bodies only: not for uploads)",
}

export async function run(options: { quick?: boolean } = {}): Promise<FetchChoiceRow[]> {
  const emu = await startEmulatorProcess(10)
  const dispatcher = new Agent({ keepAliveTimeout: 60_000, connections: 128 })
  /** undici's `request` (no WHATWG Request/Response machinery on the way out) shaped as fetch. */
  const rawFetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const { statusCode, headers, body } = await request(String(input), {
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      dispatcher,
      ...(init.headers ? { headers: Object.fromEntries(new Headers(init.headers)) } : {}),
      ...(init.body != null ? { body: init.body as string } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    })
    const h = new Headers()
    for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') h.set(k, v)
    return new Response(Readable.toWeb(body) as ReadableStream, { status: statusCode, headers: h })
  }) as typeof fetch
  const variants: Record<string, typeof fetch | undefined> = {
    'wxmp, global fetch': undefined,
    // wxmp calls fetch(url, init): npm undici's fetch takes them as they are, with its dispatcher.
    'wxmp, undici fetch + Agent': ((input, init) => undiciFetch(input as string, { ...(init as object), dispatcher })) as typeof fetch,
    'wxmp, undici request as fetch': rawFetch,
  }
  try {
    const clients = Object.entries(variants).map(
      ([name, f]) =>
        [name, createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, ...(f ? { fetch: f } : {}) })] as const,
    )
    const token = await clients[0]![1].getAccessToken()
    const byHand = async () => void (await (await fetch(`${emu.url}/cgi-bin/getcallbackip?access_token=${token}`)).json())
    const rows: FetchChoiceRow[] = []
    for (const conc of [1, 64]) {
      const acc: Record<string, number[]> = {}
      const measure = async (name: string, call: () => Promise<unknown>, n: number) => {
        let next = 0
        const cpu0 = process.cpuUsage()
        await Promise.all(
          Array.from({ length: conc }, async () => {
            while (next++ < n) await call()
          }),
        )
        const cpu = process.cpuUsage(cpu0)
        ;(acc[name] ??= []).push((cpu.user + cpu.system) / n)
      }
      const n = conc === 1 ? 150 : 600
      for (let round = 0; round < (options.quick ? 4 : 8); round++) {
        // Order rotated each round, so no side always runs first (warm or cold).
        const order = [
          ['hand-written global fetch', byHand] as const,
          ...clients.map(([name, wx]) => [name, () => wx.request('/cgi-bin/getcallbackip')] as const),
        ]
        for (let i = 0; i < order.length; i++) {
          const [name, call] = order[(i + round) % order.length]!
          await measure(name, call, n)
        }
      }
      const median = (a: number[]) => a.slice(1).sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)]!
      const base = median(acc['hand-written global fetch']!)
      for (const [name, v] of Object.entries(acc)) {
        rows.push({
          fetch: name,
          concurrency: conc,
          cpuUsPerCall: Math.round(median(v)),
          cpuVsHandWrittenFetch: Math.round((median(v) / base) * 100) / 100,
          note: NOTES[name] ?? '',
        })
      }
    }
    return rows
  } finally {
    await emu.close()
  }
}

export function toMarkdown(rows: FetchChoiceRow[]): string {
  return [
    'GET /cgi-bin/getcallbackip through wxmp with each `fetch`, client CPU per call in one process, rounds alternated (first discarded, median of the rest):',
    '',
    '| fetch | concurrency | client CPU µs/call | vs hand-written fetch | note |',
    '|---|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.fetch} | ${r.concurrency} | ${r.cpuUsPerCall} | ${r.cpuVsHandWrittenFetch.toFixed(2)}× | ${r.note} |`),
  ].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(toMarkdown(await run({ quick: process.argv.includes('--quick') })))
}
