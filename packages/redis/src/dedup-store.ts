// createRedisDedupStore: @wxmp/server's push dedup on Redis. WeChat retries a push it got no
// answer to within 5 s, and behind a load balancer the retry often lands on another instance:
// with the dedup keys in one Redis, `handle` still runs once per push fleet-wide, and the retry
// gets the first instance's reply.
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html (消息排重)
import { assertInteger } from '@wxmp/core'
import { adaptClient, type RedisClientLike } from './internal/client'
import { guard } from './internal/guard'
import { checkOptions, type OptionTable } from './internal/options'

const OPTIONS = { redis: 0, prefix: 'prefix', commandTimeoutMs: [1, 60_000] } as const satisfies OptionTable & {
  readonly [K in keyof RedisDedupStoreOptions]-?: unknown
}

export interface RedisDedupStoreOptions {
  /**
   * A connected Redis client: ioredis (`Redis`, `Cluster`) or node-redis v4/v5 (client, cluster).
   * The store never connects, quits or listens to it.
   */
  readonly redis: RedisClientLike
  /**
   * Prepended to every key (`<prefix>push:<dedup key>`), to share one Redis between apps.
   * @default 'wxmp:'
   */
  readonly prefix?: string
  /**
   * Longest wait for one Redis command, counted in time this process was free to read the answer,
   * and never more than twice this in wall time: WeChat gives a push 5 s. When Redis is slow or
   * gone, every operation rejects with a `RedisTokenStoreError` ('unavailable') within that bound
   * (at once after 3 timeouts in a row, or a connection error); it never answers `false` for a claim it could not make
   * (that would tell the server another instance has the push, and nobody would handle it).
   * @wxmp/server then handles the push in this process without fleet-wide dedup (reported to
   * `onError`): no push is lost; a retry landing on another instance during the outage may run twice.
   * @default 1000
   */
  readonly commandTimeoutMs?: number
}

/**
 * @wxmp/server's `DedupStore` (same shape, declared here so @wxmp/redis does not depend on
 * @wxmp/server): claim a key once, settle it with a value, read it back.
 */
export interface RedisDedupStore {
  claim(key: string, ttlMs: number): Promise<boolean>
  settle(key: string, value: string, ttlMs: number): Promise<void>
  read(key: string): Promise<string | null | undefined>
}

// A claimed-but-unsettled key holds this value; settled values are the server's JSON, never empty.
const CLAIMED = ''

/**
 * A push dedup store on Redis, for `createMessageServer({ dedupStore })` on several instances.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis'
 * import { createMessageServer } from '@wxmp/server'
 * import { createRedisDedupStore } from '@wxmp/redis'
 *
 * const server = createMessageServer({ appId, token, handle, dedupStore: createRedisDedupStore({ redis: new Redis(url) }) })
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function createRedisDedupStore(options: RedisDedupStoreOptions): RedisDedupStore {
  checkOptions('createRedisDedupStore', options, OPTIONS)
  const client = adaptClient(options.redis)
  if (!client)
    throw new TypeError(
      `createRedisDedupStore: redis must be an ioredis or node-redis client (something with call() or sendCommand()), got ${options.redis === null ? 'null' : typeof options.redis}`,
    )
  const { prefix = 'wxmp:', commandTimeoutMs = 1_000 } = options
  // At most twice the timeout in wall time, however busy the process: WeChat gives a push 5 s.
  const redis = guard(client.send, { timeoutMs: commandTimeoutMs, maxWallMs: 2 * commandTimeoutMs })
  const keyOf = (key: string) => `${prefix}push:${key}`
  const ttl = (ttlMs: number) => {
    assertInteger('ttlMs', ttlMs, { min: 1, max: 2_592_000_000 })
    return String(ttlMs)
  }

  return {
    async claim(key, ttlMs) {
      const k = keyOf(key)
      // SET NX: exactly one instance gets OK for a key, however many retries race. A failure
      // rejects (never `false`): the server then handles the push itself rather than lose it.
      return (await redis(['SET', k, CLAIMED, 'NX', 'PX', ttl(ttlMs)], k)) === 'OK'
    },
    async settle(key, value, ttlMs) {
      if (typeof value !== 'string' || value === CLAIMED) throw new TypeError('settle: value must be a non-empty string')
      const k = keyOf(key)
      await redis(['SET', k, value, 'PX', ttl(ttlMs)], k)
    },
    async read(key) {
      const k = keyOf(key)
      const value = await redis(['GET', k], k)
      if (value === null || value === undefined) return undefined
      const text = typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : String(value)
      return text === CLAIMED ? null : text
    },
  }
}
