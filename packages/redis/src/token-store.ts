// createRedisTokenStore: core's TokenStore on Redis, so every process on one appid shares one
// token and one refresh. Core decides when to fetch; this store keeps the token, takes the
// cross-process lock while core fetches, and drops a token only if it is still the failed one.
import { assertInteger, assertString, createMemoryTokenStore, type StoredToken, type TokenStore } from '@wxmp/core'
import { isRedisTokenStoreError } from './errors'
import { adaptClient, type RedisClientLike } from './internal/client'
import { guard } from './internal/guard'
import { acquireLock } from './internal/lock'
import { INVALIDATE, SET_IF_NEWER } from './internal/scripts'

export interface RedisTokenStoreOptions {
  /**
   * A connected Redis client: ioredis (`new Redis(url)`, `new Cluster(...)`) or node-redis v4/v5
   * (`await createClient({ url }).connect()`, `createCluster`). The store never connects, quits or
   * listens to it: give the client an `error` listener yourself (node-redis exits without one).
   */
  readonly redis: RedisClientLike
  /**
   * Prepended to every key (`<prefix>token:<appId>:<mode>`, `<prefix>lock:<appId>:<mode>`), to
   * share one Redis between apps or environments.
   * @default 'wxmp:'
   */
  readonly prefix?: string
  /**
   * How long the refresh lock lives without its owner renewing it: what a process that dies while
   * refreshing costs the others. The owner renews it while its fetch runs, so it may be short.
   * @default 5000
   */
  readonly lockTtlMs?: number
  /**
   * How long a process waits for another's refresh before giving up (a `lock-timeout` error, or
   * the fallback). Keep it above `lockTtlMs`, so a dead holder's lock can lapse first.
   * @default 15000
   */
  readonly waitTimeoutMs?: number
  /**
   * When Redis fails or the lock wait times out: `'error'` throws {@link RedisTokenStoreError};
   * `'memory'` keeps a copy of the token in this process and serves it (or refreshes on its own,
   * one fetch per process) until Redis answers again; or pass another TokenStore to fall back to.
   * @default 'error'
   */
  readonly fallback?: 'error' | 'memory' | TokenStore
  /**
   * Longest wait for one Redis command. After a failure the store does not try Redis again for
   * this long: calls fail (or fall back) at once instead of queueing on a dead connection.
   * @default 1000
   */
  readonly commandTimeoutMs?: number
}

/** A TokenStore whose `lock` is always there: pass it as core's `tokenStore`. */
export interface RedisTokenStore extends TokenStore {
  lock<T>(key: string, task: () => Promise<T>, options?: { readonly signal?: AbortSignal }): Promise<T>
}

/**
 * A token store on Redis, shared by every process (and server) that uses the same Redis and
 * prefix: on a cold or stale cache one process takes the refresh lock and fetches, the others wait
 * for its token, so a fleet makes one token request where it used to make one per process and
 * knock each other out with 40001.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis'
 * import { createClient } from '@wxmp/core'
 * import { createRedisTokenStore } from '@wxmp/redis'
 *
 * const redis = new Redis(process.env.REDIS_URL!)
 * const wx = createClient({ appId, appSecret, tokenStore: createRedisTokenStore({ redis }) })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken
 * @see https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html
 */
/* @__NO_SIDE_EFFECTS__ */
export function createRedisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  if (typeof options !== 'object' || options === null) throw new TypeError('createRedisTokenStore: options must be an object with a redis client')
  const client = adaptClient(options.redis)
  if (!client) {
    throw new TypeError('createRedisTokenStore: redis must be an ioredis or node-redis client (something with call() or sendCommand()), got ' + describe(options.redis))
  }
  const prefix = options.prefix ?? 'wxmp:'
  assertString('prefix', prefix, { min: 0, max: 200 })
  const lockTtlMs = options.lockTtlMs ?? 5_000
  assertInteger('lockTtlMs', lockTtlMs, { min: 100, max: 600_000 })
  const waitTimeoutMs = options.waitTimeoutMs ?? 15_000
  assertInteger('waitTimeoutMs', waitTimeoutMs, { min: 0, max: 600_000 })
  const commandTimeoutMs = options.commandTimeoutMs ?? 1_000
  assertInteger('commandTimeoutMs', commandTimeoutMs, { min: 1, max: 60_000 })
  const backup = fallbackStore(options.fallback)

  const redis = guard(client.send, commandTimeoutMs)
  const tokenKey = (key: string) => `${prefix}token:${key}`
  const lockKey = (key: string) => `${prefix}lock:${key}`

  /** Runs `viaRedis`; when Redis fails and a fallback was chosen, answers from the fallback. */
  async function orBackup<T>(viaRedis: () => Promise<T>, viaBackup: (store: TokenStore) => Promise<T>): Promise<T> {
    try {
      return await viaRedis()
    } catch (error) {
      if (backup && isRedisTokenStoreError(error)) return viaBackup(backup)
      throw error
    }
  }

  return {
    get: (key) =>
      orBackup(
        async () => {
          const token = parse(await redis(['GET', tokenKey(key)], tokenKey(key)))
          // Kept in memory too, so a Redis outage costs no token fetch while this token lives.
          if (token && backup) await backup.set(key, token)
          return token
        },
        (store) => store.get(key),
      ),

    async set(key, token) {
      if (backup) await backup.set(key, token)
      // `expiresAt` already has core's refresh margin taken off: the key vanishes when no process
      // would use the token any more.
      const ttlMs = Math.ceil(token.expiresAt - Date.now())
      if (ttlMs <= 0) return
      const fetchedAt = token.fetchedAt
      const value = JSON.stringify({ accessToken: token.accessToken, expiresAt: token.expiresAt, ...(fetchedAt === undefined ? {} : { fetchedAt }) })
      await orBackup(
        () => redis(['EVAL', SET_IF_NEWER, '1', tokenKey(key), value, String(ttlMs), fetchedAt === undefined ? '' : String(fetchedAt)], tokenKey(key)),
        async () => undefined,
      )
    },

    async invalidate(key, accessToken) {
      const local = backup ? await backup.invalidate(key, accessToken) : false
      return orBackup(
        async () => Number(await redis(['EVAL', INVALIDATE, '1', tokenKey(key), accessToken], tokenKey(key))) === 1 || local,
        async () => local,
      )
    },

    async lock(key, task, lockOptions = {}) {
      let held
      try {
        held = await acquireLock({ redis, ttlMs: lockTtlMs, waitTimeoutMs }, lockKey(key), lockOptions.signal)
      } catch (error) {
        if (!backup || !isRedisTokenStoreError(error)) throw error
        // Redis is down or the holder is stuck: this process refreshes on its own rather than fail.
        return backup.lock ? backup.lock(key, task, lockOptions) : task()
      }
      try {
        return await task()
      } finally {
        await held.release()
      }
    },
  }
}

function fallbackStore(fallback: RedisTokenStoreOptions['fallback']): TokenStore | undefined {
  if (fallback === undefined || fallback === 'error') return undefined
  if (fallback === 'memory') return createMemoryTokenStore()
  const f = fallback as Partial<TokenStore> | null
  if (typeof f === 'object' && f !== null && typeof f.get === 'function' && typeof f.set === 'function' && typeof f.invalidate === 'function') return fallback
  throw new TypeError(`createRedisTokenStore: fallback must be 'error', 'memory' or a TokenStore, got ${describe(fallback)}`)
}

/** A stored token, or undefined for a missing or unreadable value (never trusted blindly). */
function parse(raw: unknown): StoredToken | undefined {
  if (typeof raw !== 'string') return undefined
  try {
    const value = JSON.parse(raw) as Partial<StoredToken> | null
    if (typeof value?.accessToken === 'string' && value.accessToken !== '' && typeof value.expiresAt === 'number') {
      return typeof value.fetchedAt === 'number' ? { accessToken: value.accessToken, expiresAt: value.expiresAt, fetchedAt: value.fetchedAt } : { accessToken: value.accessToken, expiresAt: value.expiresAt }
    }
  } catch {
    // Someone else's value under our key: treated as no token, and overwritten by the next refresh.
  }
  return undefined
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 20))}`
  return typeof value === 'object' ? 'an object without call() or sendCommand()' : typeof value
}
