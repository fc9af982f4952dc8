// createRedisTokenStore: core's TokenStore on Redis, so every process on one appid shares one
// token and one refresh. Core decides when to fetch; this store keeps the token, takes the
// cross-process lock while core fetches, and drops a token only if it is still the failed one.
import { createMemoryTokenStore, type StoredToken, type TokenStore } from '@wxmp/core'
import { isRedisTokenStoreError } from './errors'
import { adaptClient, type RedisClientLike } from './internal/client'
import { guard } from './internal/guard'
import { acquireLock } from './internal/lock'
import { checkOptions, type OptionTable } from './internal/options'
import { INVALIDATE, SET_IF_NEWER } from './internal/scripts'

const OPTIONS = {
  redis: 0,
  prefix: 'prefix',
  lockTtlMs: [100, 600_000],
  waitTimeoutMs: [0, 600_000],
  fallback: 0,
  commandTimeoutMs: [1, 60_000],
} as const satisfies OptionTable & { readonly [K in keyof RedisTokenStoreOptions]-?: unknown }

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
   * When Redis fails or the lock wait times out:
   * - `'auto'`: stable tokens (`tokenMode: 'stable'`, core's default) fall back to `'memory'`,
   *   since a `stable_token` fetch without `force_refresh` returns the current token and
   *   invalidates nothing: one request per process, the fleet's token untouched. Classic tokens
   *   and JS-SDK tickets, where a fetch replaces the others' value, are never fetched without the
   *   lock: the last token this process saw is still served, and a refresh fails with
   *   {@link RedisTokenStoreError}.
   * - `'error'`: every call that needs Redis throws {@link RedisTokenStoreError}.
   * - `'memory'`: every key as `'auto'` does stable ones (classic included: each process may
   *   then fetch its own and knock the others' token out).
   * - another TokenStore: as `'memory'`, on that store.
   * @default 'auto'
   */
  readonly fallback?: 'auto' | 'error' | 'memory' | TokenStore
  /**
   * Longest wait for one Redis command, counted in time this process was free to read the answer
   * (a blocked event loop does not count against Redis), and at most 10 times as long in wall time.
   * After a connection error, or 3 timeouts in a row, the store does not try Redis again for this
   * long: calls fail (or fall back) at once instead of queueing on a dead connection.
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
  checkOptions('createRedisTokenStore', options, OPTIONS)
  const client = adaptClient(options.redis)
  if (!client) {
    throw new TypeError(
      'createRedisTokenStore: redis must be an ioredis or node-redis client (something with call() or sendCommand()), got ' +
        describe(options.redis),
    )
  }
  const { prefix = 'wxmp:', lockTtlMs = 5_000, waitTimeoutMs = 15_000, commandTimeoutMs = 1_000 } = options
  const fallback = options.fallback ?? 'auto'
  const backup = fallbackStore(fallback)
  // Keys this process may fetch on its own while Redis is down (see the `fallback` option).
  const mayFetchAlone = (key: string) => backup !== undefined && (fallback !== 'auto' || key.endsWith(':stable'))

  const redis = guard(client.send, { timeoutMs: commandTimeoutMs, maxWallMs: 10 * commandTimeoutMs })
  const tokenKey = (key: string) => `${prefix}token:${key}`
  const lockKey = (key: string) => `${prefix}lock:${key}`

  /** Runs `viaRedis`; when Redis fails and `allowed`, answers from the fallback instead. */
  async function orBackup<T>(allowed: boolean, viaRedis: () => Promise<T>, viaBackup: (store: TokenStore) => Promise<T>): Promise<T> {
    try {
      return await viaRedis()
    } catch (error) {
      if (allowed && backup && isRedisTokenStoreError(error)) return viaBackup(backup)
      throw error
    }
  }

  return {
    get: (key) =>
      // Reading this process's last copy fetches nothing, so it is safe in every mode.
      orBackup(
        backup !== undefined,
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
      const value = JSON.stringify({
        accessToken: token.accessToken,
        expiresAt: token.expiresAt,
        ...(fetchedAt === undefined ? {} : { fetchedAt }),
      })
      await orBackup(
        mayFetchAlone(key),
        () =>
          redis(
            ['EVAL', SET_IF_NEWER, '1', tokenKey(key), value, String(ttlMs), fetchedAt === undefined ? '' : String(fetchedAt)],
            tokenKey(key),
          ),
        async () => undefined,
      )
    },

    async invalidate(key, accessToken) {
      const local = backup ? await backup.invalidate(key, accessToken) : false
      return orBackup(
        mayFetchAlone(key),
        async () => Number(await redis(['EVAL', INVALIDATE, '1', tokenKey(key), accessToken], tokenKey(key))) === 1 || local,
        async () => local,
      )
    },

    async lock(key, task, lockOptions = {}) {
      let held
      try {
        held = await acquireLock({ redis, ttlMs: lockTtlMs, waitTimeoutMs }, lockKey(key), lockOptions.signal)
      } catch (error) {
        if (!backup || !mayFetchAlone(key) || !isRedisTokenStoreError(error)) throw error
        // Redis is down or the holder is stuck, and a fetch of this key harms no one: this process
        // refreshes on its own (once: the backup's lock queues its callers) rather than fail.
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
  if (fallback === 'error') return undefined
  if (fallback === 'memory' || fallback === 'auto') return createMemoryTokenStore()
  const f = fallback as Partial<TokenStore> | null
  if (
    typeof f === 'object' &&
    f !== null &&
    typeof f.get === 'function' &&
    typeof f.set === 'function' &&
    typeof f.invalidate === 'function'
  )
    return fallback
  throw new TypeError(`createRedisTokenStore: fallback must be 'auto', 'error', 'memory' or a TokenStore, got ${describe(fallback)}`)
}

/** A stored token, or undefined for a missing or unreadable value (never trusted blindly). */
function parse(raw: unknown): StoredToken | undefined {
  if (typeof raw !== 'string') return undefined
  try {
    const value = JSON.parse(raw) as Partial<StoredToken> | null
    if (typeof value?.accessToken === 'string' && value.accessToken !== '' && typeof value.expiresAt === 'number') {
      return typeof value.fetchedAt === 'number'
        ? { accessToken: value.accessToken, expiresAt: value.expiresAt, fetchedAt: value.fetchedAt }
        : { accessToken: value.accessToken, expiresAt: value.expiresAt }
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
