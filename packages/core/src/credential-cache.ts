// One live credential (the access token, a JS-SDK ticket) served from a TokenStore: fresh values
// from the store, refreshed ahead of expiry, fetched once however many callers ask at once
// (single-flight in this process, the store's lock across processes), and renewed after a
// rejection without ever handing the rejected value out again.
import type { StoredToken, TokenStore } from './token-store'
import { onAbort } from './internal/abort'

export interface FetchedCredential {
  /** The credential itself (`access_token`, `ticket`). */
  readonly value: string
  /** Seconds, as WeChat returned it; missing, NaN or not above 0 counts as WeChat's documented 7200. */
  readonly expiresIn: number
}

export interface CredentialCacheOptions {
  /** Where the credential lives; share one store (memory or @wxmp/redis) to share the credential. */
  readonly store: TokenStore
  /** Store key, e.g. `wx123:stable` or `wx123:ticket:jsapi`. */
  readonly key: string
  /** Asks WeChat. `forceRefresh`: the source's forced mode (stable token); others ignore it. */
  readonly fetch: (forceRefresh: boolean) => Promise<FetchedCredential>
  /** Refresh this long before expiry (capped at half the credential's life). */
  readonly refreshMarginMs: number
  /** Epoch ms. */
  readonly now: () => number
  /** Named in errors, e.g. `access token`, `jsapi ticket`. @default 'credential' */
  readonly label?: string
}

/** The source handed back the very value WeChat had just rejected, even after a forced refresh. */
export class CredentialRejectedError extends Error {
  override readonly name = 'CredentialRejectedError'
}

export class CredentialCache {
  // ECMAScript private members (not TypeScript's `private`): minifiers shorten their names.
  readonly #options: CredentialCacheOptions
  #refreshing: Promise<StoredToken> | undefined
  #renewing: Promise<StoredToken> | undefined
  /** The value this process last handed out: what a forced refresh means to replace. */
  #lastServed: string | undefined

  constructor(options: CredentialCacheOptions) {
    this.#options = options
  }

  /**
   * A value that is fresh now, fetching one if needed. `forceRefresh` replaces the value this
   * process last used, unless another process (sharing the store) already replaced it.
   */
  async get(options: { readonly signal?: AbortSignal | undefined; readonly forceRefresh?: boolean } = {}): Promise<string> {
    const { store, key } = this.#options
    if (options.forceRefresh) {
      const failed = this.#lastServed ?? (await store.get(key))?.accessToken
      return this.renew(failed, options.signal, true)
    }
    const cached = await store.get(key)
    if (cached && this.#isFresh(cached)) return this.#serve(cached)
    this.#refreshing ??= this.#replace(undefined, false).finally(() => {
      this.#refreshing = undefined
    })
    return this.#serve(await abortable(this.#refreshing, options.signal))
  }

  /**
   * A value other than `failed` (which WeChat just rejected): someone else's newer value from the
   * store, else a normal fetch, else (when the source handed `failed` back) one forced refresh.
   * Throws {@link CredentialRejectedError} rather than resend `failed`.
   */
  async renew(failed: string | undefined, signal?: AbortSignal, force = false): Promise<string> {
    // Separate from the refresh flight, which may yet return `failed`; callers that all saw the
    // same rejection share one renewal.
    this.#renewing ??= this.#replace(failed, force).finally(() => {
      this.#renewing = undefined
    })
    return this.#serve(await abortable(this.#renewing, signal))
  }

  /** Drops `value` from the store if it is still the cached one (compare-and-invalidate). */
  invalidate(value: string): Promise<boolean> {
    return this.#options.store.invalidate(this.#options.key, value)
  }

  #serve(token: StoredToken): string {
    this.#lastServed = token.accessToken
    return token.accessToken
  }

  #isFresh(token: StoredToken): boolean {
    return token.expiresAt > this.#options.now()
  }

  /**
   * Under the store's lock: a fresh value from the store other than `failed`, else a fetch, else
   * (when the fetch handed `failed` back) one forced refresh. With `failed` undefined this is the
   * plain refresh: another process (or client on the same store) may have stored a fresh value
   * meanwhile, else one normal fetch (a fetched value, a non-empty string, is never `undefined`).
   */
  #replace(failed: string | undefined, force: boolean): Promise<StoredToken> {
    const { store, key, label = 'credential' } = this.#options
    const task = async (): Promise<StoredToken> => {
      const current = await store.get(key)
      // Someone already renewed past the failed value: use theirs, ask WeChat nothing.
      if (current && this.#isFresh(current) && current.accessToken !== failed) return current
      if (current && failed !== undefined) await store.invalidate(key, failed)
      if (!force) {
        const fetched = await this.#fetchAndStore(false)
        if (fetched.accessToken !== failed) return fetched
      }
      // WeChat allows 20 forced refreshes a day: one per rejected value, never a loop.
      const forced = await this.#fetchAndStore(true)
      if (forced.accessToken === failed) {
        await store.invalidate(key, failed)
        throw new CredentialRejectedError(
          `the ${label} source returned the ${label} WeChat had just rejected, even after a forced refresh; not sending it again`,
        )
      }
      return forced
    }
    return store.lock ? store.lock(key, task) : task()
  }

  async #fetchAndStore(forceRefresh: boolean): Promise<StoredToken> {
    const { now, refreshMarginMs, store, key } = this.#options
    const fetched = await this.#options.fetch(forceRefresh)
    const fetchedAt = now()
    // A missing or unusable expires_in (NaN would make the value stale at once and refetch it on
    // every call, burning the daily quota) means WeChat's documented life: 7200 s for the access
    // token (https://developers.weixin.qq.com/doc/service/api/base/api_getaccesstoken.html) and
    // the JS-SDK ticket (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html).
    const life = fetched.expiresIn > 0 && fetched.expiresIn < Infinity ? fetched.expiresIn : DEFAULT_LIFE_S
    const lifeMs = life * 1000
    const margin = Math.min(refreshMarginMs, lifeMs / 2)
    // Stored with the margin already taken off, so every reader of a shared store agrees on "fresh".
    const token: StoredToken = { accessToken: fetched.value, expiresAt: fetchedAt + lifeMs - margin, fetchedAt }
    await store.set(key, token)
    return token
  }
}

const DEFAULT_LIFE_S = 7200

// Flights are not tied to one caller's signal: others may be waiting on the same fetch.
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) {
    // The flight goes on without this caller, perhaps with no one waiting: its failure must not
    // be left unhandled (Node ends the process on an unhandled rejection).
    promise.catch(() => {})
    return Promise.reject(signal.reason)
  }
  // Only this caller stops waiting; the shared fetch goes on for the others. The watch ends with
  // the wait, so a long-lived signal keeps nothing of it.
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(signal.reason))
    promise.then(resolve, reject).finally(stop)
  })
}

/** What a client shares with packages that cache credentials beside its token (hidden from users). */
export interface CredentialContext {
  readonly store: TokenStore
  readonly refreshMarginMs: number
  readonly now: () => number
}

const CONTEXT_KEY = 'wxmp.credentials'
const caches = new WeakMap<object, Map<string, CredentialCache>>()

/** Attaches `context` to a client object (createClient does this). */
export function attachCredentialContext<T extends object>(client: T, context: CredentialContext): T {
  Object.defineProperty(client, Symbol.for(CONTEXT_KEY), { value: context }) // not enumerable, by default
  return client
}

/**
 * For packages: the cache of credential `name` (e.g. `ticket:jsapi`) of `client`, created on first
 * use and then shared by every caller in this process. It lives in the client's own TokenStore
 * under `<appId>:<name>`, so a fleet sharing the token through @wxmp/redis shares this too, under
 * the same lock.
 *
 * @example
 * ```ts
 * const tickets = credentialCacheOf(wx, 'ticket:jsapi', async () => {
 *   const { ticket, expires_in } = await wx.request<{ ticket: string; expires_in: number }>('/cgi-bin/ticket/getticket', { query: { type: 'jsapi' } })
 *   return { value: ticket, expiresIn: expires_in }
 * })
 * const ticket = await tickets.get()
 * ```
 */
export function credentialCacheOf(
  client: { readonly appId: string },
  name: string,
  fetch: (forceRefresh: boolean) => Promise<FetchedCredential>,
  label = name,
): CredentialCache {
  const context = (client as Record<symbol, unknown>)[Symbol.for(CONTEXT_KEY)] as CredentialContext | undefined
  if (!context) throw new TypeError('credentialCacheOf: client must be made by createClient from @wxmp/core')
  let byName = caches.get(client)
  if (!byName) caches.set(client, (byName = new Map()))
  let cache = byName.get(name)
  if (!cache) {
    cache = new CredentialCache({ ...context, key: `${client.appId}:${name}`, fetch, label })
    byName.set(name, cache)
  }
  return cache
}
