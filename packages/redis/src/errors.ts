// The one error this package adds. A brand (not `instanceof`) makes the guard work across
// duplicated package copies, like core's guards.

const BRAND = Symbol.for('wxmp.redis.error')

/**
 * - `unavailable`: Redis did not answer in time, refused the connection or answered with an error.
 * - `lock-timeout`: another process held the refresh lock for longer than `waitTimeoutMs`.
 */
export type RedisTokenStoreErrorKind = 'unavailable' | 'lock-timeout'

/**
 * The shared token store could not serve a token: Redis is down (or slow), or another process held
 * the refresh lock too long. Thrown from any call that needed a token, without ever having reached
 * WeChat; with `fallback: 'memory'` the store answers from memory instead of throwing.
 *
 * @example
 * ```ts
 * try {
 *   await getUserInfo(wx, openid)
 * } catch (error) {
 *   if (isRedisTokenStoreError(error)) console.warn(`token store ${error.kind}: ${error.message}`)
 *   else throw error
 * }
 * ```
 */
export class RedisTokenStoreError extends Error {
  override readonly name = 'RedisTokenStoreError'
  readonly [BRAND] = true
  readonly kind: RedisTokenStoreErrorKind
  /** The Redis key involved (prefix included; keys hold no secrets). */
  readonly key: string

  constructor(kind: RedisTokenStoreErrorKind, message: string, key: string, options?: { cause?: unknown }) {
    super(message, options)
    this.kind = kind
    this.key = key
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, key: this.key, message: this.message }
  }
}

/**
 * True for a {@link RedisTokenStoreError}, even one from another copy of this package.
 *
 * @example
 * ```ts
 * if (isRedisTokenStoreError(error) && error.kind === 'unavailable') alertOps('Redis is down')
 * ```
 */
export function isRedisTokenStoreError(error: unknown): error is RedisTokenStoreError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true
}
