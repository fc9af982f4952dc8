// One instance of a receiving fleet: @wxmp/server on node:http with the Redis dedup store (default
// options), in its own process. Counts how often `handle` ran per push and tells the parent over IPC.
import { createServer } from 'node:http'
import { createMessageServer } from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'
import { createRedisDedupStore } from '@wxmp/redis'
import { connectRedis, type Driver } from './clients'

export interface PushWorkerConfig {
  readonly driver: Driver
  readonly redisUrl: string
  readonly prefix: string
  readonly appId: string
  readonly token: string
}

export type FromPushWorker =
  | { type: 'ready'; port: number }
  | { type: 'report'; runs: Record<string, number>; storeErrors: number; storeErrorSample?: string }

const config = JSON.parse(process.env.WXMP_PUSH_WORKER ?? '{}') as PushWorkerConfig
const { redis } = await connectRedis(config.driver, config.redisUrl)
const runs: Record<string, number> = {}
let storeErrors = 0
let storeErrorSample: string | undefined

const server = createMessageServer({
  appId: config.appId,
  token: config.token,
  dedupStore: createRedisDedupStore({ redis, prefix: config.prefix }),
  handle(push) {
    const id = 'msgId' in push && push.msgId ? String(push.msgId) : 'no-id'
    runs[id] = (runs[id] ?? 0) + 1
    return { type: 'text', content: `handled ${id}` }
  },
  onError(error) {
    storeErrors++
    storeErrorSample ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  },
})
const http = createServer(toNodeHandler(server))
http.listen(0, '127.0.0.1', () => {
  const address = http.address()
  process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 } satisfies FromPushWorker)
})
process.on('message', (message: { type: 'report' | 'exit' }) => {
  if (message.type === 'report')
    process.send?.({ type: 'report', runs, storeErrors, ...(storeErrorSample ? { storeErrorSample } : {}) } satisfies FromPushWorker)
  else process.exit(0)
})
