// Where access tokens (and other credentials, such as JS-SDK tickets) are cached. The default lives
// in memory; @wxmp/redis shares one value between processes. A store never fetches: the client
// decides when to, and holds `lock` (if the store has one) while it does.

export interface StoredToken {
  /** The credential: an access token, or a ticket under a ticket key. */
  readonly accessToken: string
  /** Epoch ms after which the token is no longer used: WeChat's expiry less the refresh margin. */
  readonly expiresAt: number
  /** Epoch ms it was received from WeChat: a store keeps the newest of two. */
  readonly fetchedAt?: number
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
   * Optional: run `task` (re-read, fetch, store) while holding a lock shared by every client using
   * this store, so they make one token request. Clients that find the lock taken wait for it.
   */
  lock?<T>(key: string, task: () => Promise<T>, options?: { readonly signal?: AbortSignal }): Promise<T>
}

/**
 * The in-memory store: one cache per client, or pass one store to several clients in a process.
 * Clients sharing it share one fetch (its `lock` queues them per key), and `set` never replaces a
 * newer token with an older one, so a slow classic fetch cannot put back a token WeChat replaced.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createMemoryTokenStore(): TokenStore {
  const tokens = new Map<string, StoredToken>()
  const tails = new Map<string, Promise<unknown>>()
  return {
    get: async (key) => tokens.get(key),
    set: async (key, token) => {
      const current = tokens.get(key)
      if (current?.fetchedAt !== undefined && token.fetchedAt !== undefined && current.fetchedAt > token.fetchedAt) return
      tokens.set(key, token)
    },
    invalidate: async (key, accessToken) => {
      if (tokens.get(key)?.accessToken !== accessToken) return false
      tokens.delete(key)
      return true
    },
    lock: (key, task) => {
      // A queue per key: each task starts when the previous one settles, whatever its outcome.
      const previous = tails.get(key) ?? Promise.resolve()
      const run = previous.then(task, task)
      const tail = run.catch(() => undefined)
      tails.set(key, tail)
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key)
      })
      return run
    },
  }
}
