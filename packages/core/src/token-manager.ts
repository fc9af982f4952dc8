// Keeps one valid access token: served from the store while fresh, refreshed ahead of expiry,
// fetched once however many callers ask at the same moment (single-flight, plus the store's lock
// across processes), and dropped only if it is still the token that failed.
import type { StoredToken, TokenStore } from './token-store'

export interface FetchedToken {
  readonly accessToken: string
  /** Seconds, as WeChat returned it. */
  readonly expiresIn: number
}

export interface TokenManagerOptions {
  readonly store: TokenStore
  readonly key: string
  readonly fetchToken: (forceRefresh: boolean) => Promise<FetchedToken>
  /** Refresh this long before expiry (capped at half the token's life). */
  readonly refreshMarginMs: number
  readonly now: () => number
}

export class TokenManager {
  private inflight: Promise<StoredToken> | undefined
  private readonly options: TokenManagerOptions

  constructor(options: TokenManagerOptions) {
    this.options = options
  }

  /** A token that is fresh now, fetching one if needed. */
  async get(signal?: AbortSignal, forceRefresh = false): Promise<string> {
    if (!forceRefresh) {
      const cached = await this.options.store.get(this.options.key)
      if (cached && this.isFresh(cached)) return cached.accessToken
    }
    return (await abortable(this.refresh(forceRefresh), signal)).accessToken
  }

  /** Drops `accessToken` from the store if it is still the cached one. */
  async invalidate(accessToken: string): Promise<boolean> {
    return this.options.store.invalidate(this.options.key, accessToken)
  }

  private isFresh(token: StoredToken): boolean {
    return token.expiresAt > this.options.now()
  }

  private refresh(forceRefresh: boolean): Promise<StoredToken> {
    // Not tied to one caller's signal: others may be waiting on the same fetch.
    this.inflight ??= this.refreshOnce(forceRefresh).finally(() => {
      this.inflight = undefined
    })
    return this.inflight
  }

  private async refreshOnce(forceRefresh: boolean): Promise<StoredToken> {
    const { store, key } = this.options
    const task = async (): Promise<StoredToken> => {
      // Another process (or an earlier flight) may have stored a fresh token meanwhile.
      const again = forceRefresh ? undefined : await store.get(key)
      if (again && this.isFresh(again)) return again
      const fetched = await this.options.fetchToken(forceRefresh)
      const lifeMs = Math.max(0, fetched.expiresIn * 1000)
      const margin = Math.min(this.options.refreshMarginMs, lifeMs / 2)
      // Stored with the margin already taken off, so every reader of a shared store agrees on "fresh".
      const token: StoredToken = { accessToken: fetched.accessToken, expiresAt: this.options.now() + lifeMs - margin }
      await store.set(key, token)
      return token
    }
    return store.lock ? store.lock(key, task) : task()
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  // Only this caller stops waiting; the shared fetch goes on for the others.
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason)
      signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    }),
  ])
}
