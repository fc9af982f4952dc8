// A burst of safe-mode pushes at real server processes on loopback, with WeChat's retry rule: a push
// not answered within 5 s is sent again (3 tries in all), the same bytes, in a fleet to another
// instance. The handler is slow (50-200 ms) and throws for one push in 16. Every 25th push's answer
// is dropped as if the network lost it and the push is retried at once: its retry must get the
// first answer. Counts are the result (`handle` runs per MsgId, lost pushes, differing retries);
// times are figures only. Used by `pnpm bench` (20,000 pushes) and push-burst.test.ts (a few thousand).
// Alone: `pnpm exec tsx bench/src/push-burst.ts [--quick]`.
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import {
  computeSignature,
  createMemoryDedupStore,
  createMessageServer,
  decryptMessage,
  encryptMessage,
  type DedupStore,
} from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'

const APP = { appId: 'wxburst000000001', token: 'burstToken1', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
const SERVER_ENV = 'WXMP_BURST_SERVER'
const self = fileURLToPath(import.meta.url)
const requireFromRedis = createRequire(createRequire(import.meta.url).resolve('@wxmp/redis/package.json'))
const FIRST_ID = 8_000_000_000_000_000_000n
const slowMs = (i: number) => 50 + ((i * 37) % 151)
const throws = (i: number) => i % 16 === 7
const lostAnswer = (i: number) => i % 25 === 3

export interface BurstOptions {
  readonly pushes: number
  readonly concurrency: number
  readonly store: 'memory' | 'redis'
  /** Server processes; more than one needs `store: 'redis'`. */
  readonly servers: number
  readonly redisUrl?: string
  /** WeChat's: 5 s. */
  readonly retryAfterMs?: number
}

export interface BurstFigures {
  readonly scenario: string
  readonly pushes: number
  readonly concurrency: number
  readonly servers: number
  /** Requests sent, retries and lost-answer repeats included. */
  readonly requests: number
  readonly timeoutRetries: number
  /** Pushes never answered 200 within 3 tries. */
  readonly lost: number
  /** MsgIds whose `handle` ran other than exactly once, fleet-wide. */
  readonly notOnce: number
  readonly handled: number
  /** Repeats of a push whose answer differed from the first one's. */
  readonly retryAnswersDiffering: number
  readonly repeats: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  readonly wallMs: number
  /** Most `handle` calls running at once in one process (the pending work). */
  readonly peakPending: number
  /** Dedup keys held at the end: memory = distinct pushes claimed; Redis = keys under the prefix. */
  readonly storeKeys: number
  readonly peakHeapMb: number
}

interface Push {
  readonly i: number
  readonly query: string
  readonly body: string
  readonly content: string
}

async function makePush(i: number): Promise<Push> {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = String(1_000_000 + i)
  const content = `burst ${i}`
  const inner = `<xml><ToUserName><![CDATA[gh_burst]]></ToUserName><FromUserName><![CDATA[oBurst${i % 500}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${FIRST_ID + BigInt(i)}</MsgId></xml>`
  const encrypt = await encryptMessage(inner, APP)
  const query = new URLSearchParams({
    signature: await computeSignature(APP.token, timestamp, nonce),
    timestamp,
    nonce,
    openid: `oBurst${i % 500}`,
    encrypt_type: 'aes',
    msg_signature: await computeSignature(APP.token, timestamp, nonce, encrypt),
  }).toString()
  return { i, query, body: `<xml><ToUserName><![CDATA[gh_burst]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`, content }
}

/** What an answer says, decrypted: the reply text, or 'success' (no reply). */
async function readAnswer(body: string): Promise<string> {
  const cipher = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(body)?.[1]
  if (!cipher) return body
  return /<Content><!\[CDATA\[(.*?)\]\]><\/Content>/.exec(await decryptMessage(cipher, APP))?.[1] ?? 'no content'
}

export async function runBurst(options: BurstOptions): Promise<BurstFigures> {
  const { pushes, concurrency, servers: count, store } = options
  const retryAfterMs = options.retryAfterMs ?? 5_000
  const prefix = `burst${process.pid}-${Date.now()}:`
  const servers = await Promise.all(Array.from({ length: count }, () => startServer({ store, redisUrl: options.redisUrl, prefix })))
  const times: number[] = []
  let requests = 0
  let timeoutRetries = 0
  let lost = 0
  let repeats = 0
  let differing = 0
  const send = async (push: Push, attempt: number): Promise<string | undefined> => {
    const server = servers[(push.i + attempt) % servers.length]!
    requests++
    const started = performance.now()
    try {
      const res = await fetch(`${server.url}/wechat?${push.query}`, {
        method: 'POST',
        body: push.body,
        headers: { 'content-type': 'text/xml' },
        signal: AbortSignal.timeout(retryAfterMs),
      })
      const text = await res.text()
      if (res.status !== 200) return undefined
      times.push(performance.now() - started)
      return text
    } catch {
      return undefined
    }
  }
  const started = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pushes) {
        const push = await makePush(next++)
        let answer: string | undefined
        let attempt = 0
        for (; attempt < 3 && answer === undefined; attempt++) {
          if (attempt > 0) timeoutRetries++
          answer = await send(push, attempt)
        }
        if (answer === undefined) {
          lost++
          continue
        }
        const first = await readAnswer(answer)
        const expected = throws(push.i) ? 'success' : `echo: ${push.content}`
        if (first !== expected) differing++
        if (lostAnswer(push.i)) {
          // WeChat never saw that answer: the same push again, on the next instance in a fleet.
          repeats++
          const again = await send(push, attempt)
          if (again === undefined || (await readAnswer(again)) !== first) differing++
        }
      }
    }),
  )
  const wallMs = performance.now() - started
  const stats = await Promise.all(servers.map((s) => s.stats()))
  const handledBy = new Map<string, number>()
  for (const s of stats) for (const [id, n] of s.counts) handledBy.set(id, (handledBy.get(id) ?? 0) + n)
  let notOnce = 0
  for (let i = 0; i < pushes; i++) if (handledBy.get(String(FIRST_ID + BigInt(i))) !== 1) notOnce++
  let storeKeys = Math.max(...stats.map((s) => s.claimed))
  if (store === 'redis') storeKeys = await redisKeys(options.redisUrl!, prefix)
  await Promise.all(servers.map((s) => s.stop()))
  times.sort((a, b) => a - b)
  const at = (q: number) => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 10) / 10
  return {
    scenario: count > 1 ? `${count} processes, one Redis` : store === 'redis' ? '1 process, Redis' : '1 process, memory',
    pushes,
    concurrency,
    servers: count,
    requests,
    timeoutRetries,
    lost,
    notOnce,
    handled: [...handledBy.values()].reduce((a, b) => a + b, 0),
    retryAnswersDiffering: differing,
    repeats,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: at(1),
    wallMs: Math.round(wallMs),
    peakPending: Math.max(...stats.map((s) => s.peakPending)),
    storeKeys,
    peakHeapMb: Math.max(...stats.map((s) => s.peakHeapMb)),
  }
}

async function redisKeys(url: string, prefix: string): Promise<number> {
  const { Redis } = requireFromRedis('ioredis') as {
    Redis: new (url: string) => { keys(p: string): Promise<string[]>; disconnect(): void }
  }
  const redis = new Redis(url)
  try {
    return (await redis.keys(`${prefix}*`)).length
  } finally {
    redis.disconnect()
  }
}

interface ServerStats {
  readonly counts: [string, number][]
  readonly peakPending: number
  readonly claimed: number
  readonly peakHeapMb: number
}

interface ServerEnv {
  readonly store: 'memory' | 'redis'
  readonly redisUrl: string | undefined
  readonly prefix: string
}

function startServer(env: ServerEnv): Promise<{ url: string; stats(): Promise<ServerStats>; stop(): Promise<void> }> {
  const child: ChildProcess = fork(self, [], {
    env: { ...process.env, [SERVER_ENV]: JSON.stringify(env) },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`burst server exited (${code})`)))
    child.once('message', (message: { port: number }) => {
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        stats: () =>
          new Promise((done) => {
            child.once('message', (stats: ServerStats) => done(stats))
            child.send('stats')
          }),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit')
            child.once('exit', () => done())
            child.kill()
          }),
      })
    })
  })
}

/** One server process: the /node adapter on node:http, default options but the store. */
async function serve(env: ServerEnv): Promise<void> {
  const counts = new Map<string, number>()
  let pending = 0
  let peakPending = 0
  let peakHeap = 0
  let claimed = 0
  const sample = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 100)
  let dedupStore: DedupStore = createMemoryDedupStore()
  if (env.store === 'redis') {
    const { Redis } = requireFromRedis('ioredis') as { Redis: new (url: string) => object }
    const { createRedisDedupStore } = (await import('@wxmp/redis')) as typeof import('@wxmp/redis')
    dedupStore = createRedisDedupStore({ redis: new Redis(env.redisUrl!) as never, prefix: env.prefix })
  }
  const server = createMessageServer({
    ...APP,
    dedupStore,
    async handle(push) {
      if (push.msgType !== 'text') return undefined
      const id = String(push.msgId)
      counts.set(id, (counts.get(id) ?? 0) + 1)
      claimed++
      pending++
      peakPending = Math.max(peakPending, pending)
      try {
        const i = Number(BigInt(id) - FIRST_ID)
        await new Promise((r) => setTimeout(r, slowMs(i)))
        if (throws(i)) throw new Error(`handler failed for push ${i}`)
        return { type: 'text', content: `echo: ${push.content}` }
      } finally {
        pending--
      }
    },
  })
  const http = createServer(toNodeHandler(server)).listen(0, '127.0.0.1', () => {
    const address = http.address()
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
  })
  process.on('message', (message) => {
    if (message !== 'stats') return
    clearInterval(sample)
    process.send?.({
      counts: [...counts],
      peakPending,
      claimed,
      peakHeapMb: Math.round((peakHeap / 1048576) * 10) / 10,
    } satisfies ServerStats)
  })
}

/** A redis-server on a free loopback port, or undefined when none is installed. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> } | undefined> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address()
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  })
  const failed = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(true))
    setTimeout(() => resolve(false), 300)
  })
  if (failed) return undefined
  const { Redis } = requireFromRedis('ioredis') as { Redis: new (url: string) => { ping(): Promise<string>; disconnect(): void } }
  const probe = new Redis(`redis://127.0.0.1:${port}`)
  await probe.ping()
  probe.disconnect()
  return { url: `redis://127.0.0.1:${port}`, stop: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.kill())) }
}

/** The bench: memory, Redis, and two processes on one Redis. */
export async function run(options: { quick?: boolean } = {}): Promise<BurstFigures[]> {
  const pushes = options.quick ? 3_000 : 20_000
  const rows: BurstFigures[] = [await runBurst({ pushes, concurrency: 64, store: 'memory', servers: 1 })]
  const redis = await startRedis()
  if (redis) {
    try {
      rows.push(await runBurst({ pushes, concurrency: 64, store: 'redis', servers: 1, redisUrl: redis.url }))
      rows.push(await runBurst({ pushes, concurrency: 64, store: 'redis', servers: 2, redisUrl: redis.url }))
    } finally {
      await redis.stop()
    }
  }
  return rows
}

export function toMarkdown(rows: readonly BurstFigures[]): string {
  return [
    "Safe-mode pushes on loopback to `toNodeHandler` servers (default options but the store), 64 at a time, WeChat's retry rule (no answer in 5 s: the same push again, 3 tries in all, on the next process in a fleet); the handler awaits 50-200 ms and throws for 1 push in 16; every 25th answer is dropped and the push sent again at once. Answer times over every answered request.",
    '',
    '| scenario | pushes | requests | timeout retries | lost | `handle` not exactly once | repeats answered differently | p50 / p99 / max ms | wall s | peak pending `handle`s | dedup keys held | peak heap MB |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.pushes.toLocaleString('en')} | ${r.requests.toLocaleString('en')} | ${r.timeoutRetries} | ${r.lost} | ${r.notOnce} | ${r.retryAnswersDiffering} of ${r.repeats} | ${r.p50Ms} / ${r.p99Ms} / ${r.maxMs} | ${(r.wallMs / 1000).toFixed(1)} | ${r.peakPending} | ${r.storeKeys.toLocaleString('en')} | ${r.peakHeapMb} |`,
    ),
  ].join('\n')
}

if (process.env[SERVER_ENV]) {
  await serve(JSON.parse(process.env[SERVER_ENV]) as ServerEnv)
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await run({ quick: process.argv.includes('--quick') })
  console.log(toMarkdown(rows))
}
