// Which `fetch` to hand wxmp on Node: client CPU per call of the same GET through wxmp with the
// global fetch, undici's own fetch on a tuned Agent, and a fetch-shaped adapter over undici's
// `request`, against a hand-written global fetch in the same process, rounds alternated (first
// discarded, median of the rest). Figures only:
//   pnpm --filter @wxmp/bench exec tsx src/fetch-choices.ts [concurrency=64]
import { Readable } from 'node:stream'
import { createClient } from '@wxmp/core'
import { Agent, fetch as undiciFetch, request } from 'undici'
import { startEmulatorProcess } from './emulator'

const emu = await startEmulatorProcess(10)
const dispatcher = new Agent({ keepAliveTimeout: 60_000, connections: 128 })
/** undici's `request` (no WHATWG Request/Response machinery on the way out) shaped as fetch. */
const requestAsFetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
  const { statusCode, headers, body } = await request(String(input), {
    method: (init.method ?? 'GET') as 'GET' | 'POST',
    dispatcher,
    ...(init.headers ? { headers: init.headers as Record<string, string> } : {}),
    ...(init.body != null ? { body: init.body as string } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  })
  const h = new Headers()
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') h.set(k, v)
  return new Response(Readable.toWeb(body) as ReadableStream, { status: statusCode, headers: h })
}) as typeof fetch
const variants: Record<string, typeof fetch | undefined> = {
  'wxmp, global fetch': undefined,
  'wxmp, undici fetch + Agent': ((input, init) => undiciFetch(input as string, { ...(init as object), dispatcher })) as typeof fetch,
  'wxmp, undici request as fetch': requestAsFetch,
}
try {
  const clients = Object.entries(variants).map(([name, f]) => [name, createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, ...(f ? { fetch: f } : {}) })] as const)
  const token = await clients[0]![1].getAccessToken()
  const byHand = async () => void (await (await fetch(`${emu.url}/cgi-bin/getcallbackip?access_token=${token}`)).json())
  const acc: Record<string, number[]> = {}
  const run = async (name: string, call: () => Promise<unknown>, n: number, conc: number) => {
    let next = 0
    const cpu0 = process.cpuUsage()
    await Promise.all(Array.from({ length: conc }, async () => { while (next++ < n) await call() }))
    const cpu = process.cpuUsage(cpu0)
    ;(acc[name] ??= []).push((cpu.user + cpu.system) / n)
  }
  const conc = Number(process.argv[2] ?? 64)
  for (let round = 0; round < 7; round++) {
    await run('hand-written global fetch', byHand, 600, conc)
    for (const [name, wx] of clients) await run(name, () => wx.request('/cgi-bin/getcallbackip'), 600, conc)
  }
  const median = (a: number[]) => a.slice(1).sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)]!
  const base = median(acc['hand-written global fetch']!)
  console.log(`| fetch given to wxmp (concurrency ${conc}) | client CPU µs/call | vs hand-written fetch |\n|---|---:|---:|`)
  for (const [name, v] of Object.entries(acc)) console.log(`| ${name} | ${median(v).toFixed(0)} | ${(median(v) / base).toFixed(2)}× |`)
} finally {
  await emu.close()
}
