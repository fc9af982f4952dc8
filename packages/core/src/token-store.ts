// Where access tokens are cached. The default lives in memory; @wxmp/redis shares one token
// between processes. A store never fetches: the client decides when to, and holds `lock` (if the
// store has one) while it does.

export interface StoredToken {
  readonly accessToken: string
  /** Epoch ms after which the token is no longer used: WeChat's expiry less the refresh margin. */
  readonly expiresAt: number
}

export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>
  set(key: string, token: StoredToken): Promise<void>
  /**
   * Compare-and-invalidate: drop the cached token only if it is still `accessToken`, so a caller
   * holding an old token cannot evict a newer one. Resolves `true` when something was dropped.
   */
  invalidate(key: string, accessToken: string): Promise<boolean>
  /**
   * Optional: run `task` (re-read, fetch, store) while holding a lock shared by every process using
   * this store, so a fleet makes one token request. Processes that find the lock taken wait for it.
   */
  lock?<T>(key: string, task: () => Promise<T>, options?: { readonly signal?: AbortSignal }): Promise<T>
}

/** The in-memory store: one cache per client, or pass one store to several clients. */
/* @__NO_SIDE_EFFECTS__ */
export function createMemoryTokenStore(): TokenStore {
  const tokens = new Map<string, StoredToken>()
  return {
    get: async (key) => tokens.get(key),
    set: async (key, token) => {
      tokens.set(key, token)
    },
    invalidate: async (key, accessToken) => {
      if (tokens.get(key)?.accessToken !== accessToken) return false
      tokens.delete(key)
      return true
    },
  }
}
