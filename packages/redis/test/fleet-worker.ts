// One process of a fleet: its own Redis connections, its own core clients on the shared store.
// Driven by the parent over IPC (fleet.ts): a burst of concurrent calls, or a loop until stopped.
// Each message names the store and client to use, so one fleet serves several scenarios.
import { createClient, isWeChatApiError, type WeChatClient } from '@wxmp/core'
import { createJsApiConfig } from '@wxmp/jssdk'
import { createRedisTokenStore, isRedisTokenStoreError } from '@wxmp/redis'
import { connectRedis, type Driver, type TestClient } from './clients'

export interface WorkerConfig {
  readonly driver: Driver
  readonly emuUrl: string
  readonly appId: string
  readonly appSecret: string
}

/** The shared store and the client of one scenario. */
export interface Setup {
  readonly redisUrl: string
  readonly prefix: string
  readonly tokenMode: 'stable' | 'classic'
  readonly lockTtlMs?: number
  readonly waitTimeoutMs?: number
  readonly fallback?: 'auto' | 'error' | 'memory'
  readonly commandTimeoutMs?: number
}

/** What each call of a burst does: an API call, a wx.config (jsapi ticket), a forced token refresh. */
export type CallKind = 'api' | 'jssdk' | 'force'

export type ToWorker =
  | { type: 'burst'; setup: Setup; calls: number; kind?: CallKind; spreadMs?: number }
  | { type: 'loop'; setup: Setup; concurrency: number }
  | { type: 'stop' }
  | { type: 'exit' }

export interface Tally {
  ok: number
  failed: number
  /** Failure counts by `name[:kind]`, plus one message per name for the report. */
  failures: Record<string, number>
  messages: Record<string, string>
  /** Milliseconds each call took, ok or failed (for the benchmark's p50/p99, never asserted). */
  latencies: number[]
}

export type FromWorker = { type: 'ready' } | { type: 'result'; tally: Tally } | { type: 'progress'; ok: number; failed: number }

const TOKEN_ERRCODES = new Set([40001, 40014, 42001, 41001])
const config = JSON.parse(process.env.WXMP_FLEET_WORKER ?? '{}') as WorkerConfig
const send = (message: FromWorker) => process.send?.(message)

const connections = new Map<string, Promise<TestClient>>()
const clients = new Map<string, Promise<WeChatClient>>()

function clientFor(setup: Setup): Promise<WeChatClient> {
  const id = JSON.stringify(setup)
  let client = clients.get(id)
  if (!client) {
    client = (async () => {
      let connection = connections.get(setup.redisUrl)
      if (!connection) connections.set(setup.redisUrl, (connection = connectRedis(config.driver, setup.redisUrl)))
      const { redis } = await connection
      const tokenStore = createRedisTokenStore({
        redis,
        prefix: setup.prefix,
        ...(setup.lockTtlMs === undefined ? {} : { lockTtlMs: setup.lockTtlMs }),
        ...(setup.waitTimeoutMs === undefined ? {} : { waitTimeoutMs: setup.waitTimeoutMs }),
        ...(setup.fallback === undefined ? {} : { fallback: setup.fallback }),
        ...(setup.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: setup.commandTimeoutMs }),
      })
      return createClient({
        appId: config.appId,
        appSecret: config.appSecret,
        baseUrl: config.emuUrl,
        tokenMode: setup.tokenMode,
        tokenStore,
        // Generous: 1,600 connections at once to one emulator on a busy machine may be refused or
        // slow; core retries reads on network errors, as it would for a user. These tests count
        // token requests and failed calls, they do not time anything.
        retry: { limit: 5 },
        timeout: 60_000,
      })
    })()
    clients.set(id, client)
  }
  return client
}

const tally = (): Tally => ({ ok: 0, failed: 0, failures: {}, messages: {}, latencies: [] })
let looping = false

/** One authenticated call; an errcode other than a token error still means WeChat took the token. */
async function call(wx: WeChatClient, into: Tally, kind: CallKind = 'api'): Promise<void> {
  const started = performance.now()
  try {
    await callOnce(wx, into, kind)
  } finally {
    into.latencies.push(performance.now() - started)
  }
}

async function callOnce(wx: WeChatClient, into: Tally, kind: CallKind): Promise<void> {
  try {
    if (kind === 'jssdk') await createJsApiConfig(wx, { url: 'https://example.com/page#/route', jsApiList: ['chooseImage'] })
    else if (kind === 'force') await wx.getAccessToken({ forceRefresh: true })
    else await wx.request('/cgi-bin/user/get')
    into.ok++
  } catch (error) {
    if (isWeChatApiError(error) && !TOKEN_ERRCODES.has(error.errcode)) {
      into.ok++
      return
    }
    into.failed++
    const name = isRedisTokenStoreError(error)
      ? `${error.name}:${error.kind}`
      : isWeChatApiError(error)
        ? `WeChatApiError:${error.errcode}`
        : (error as Error).name
    into.failures[name] = (into.failures[name] ?? 0) + 1
    const cause = (error as Error).cause as (Error & { code?: string; cause?: { code?: string } }) | undefined
    into.messages[name] ??=
      `${(error as Error).message}${cause ? ` (cause: ${cause.message} ${cause.code ?? cause.cause?.code ?? ''})` : ''}`
  }
}

async function loop(wx: WeChatClient, into: Tally): Promise<void> {
  while (looping) {
    await call(wx, into)
    await new Promise((r) => setTimeout(r, 5))
  }
}

process.on('message', async (message: ToWorker) => {
  if (message.type === 'burst') {
    const wx = await clientFor(message.setup)
    const into = tally()
    const progress = setInterval(() => send({ type: 'progress', ok: into.ok, failed: into.failed }), 50)
    // Spread over `spreadMs` (call i starts at i/calls of it), or all at once.
    const spread = message.spreadMs ?? 0
    const start = (i: number) =>
      spread === 0
        ? call(wx, into, message.kind)
        : new Promise<void>((r) => setTimeout(r, (i * spread) / message.calls)).then(() => call(wx, into, message.kind))
    await Promise.all(Array.from({ length: message.calls }, (_, i) => start(i)))
    clearInterval(progress)
    send({ type: 'result', tally: into })
  } else if (message.type === 'loop') {
    const wx = await clientFor(message.setup)
    const into = tally()
    looping = true
    const progress = setInterval(() => send({ type: 'progress', ok: into.ok, failed: into.failed }), 50)
    await Promise.all(Array.from({ length: message.concurrency }, () => loop(wx, into)))
    clearInterval(progress)
    send({ type: 'result', tally: into })
  } else if (message.type === 'stop') {
    looping = false
  } else if (message.type === 'exit') {
    await Promise.all([...connections.values()].map(async (c) => (await c).close()))
    process.exit(0)
  }
})
// Load the driver before saying ready, so the parent's timing excludes module loading.
await import(config.driver === 'ioredis' ? 'ioredis' : 'redis')
send({ type: 'ready' })
