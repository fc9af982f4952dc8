// WeChat retries a push it got no answer to within 5 s (3 tries in all), so the same push can
// arrive up to three times, possibly on different instances. The store remembers each push by
// its dedup key: first "claimed" (the handler is running), then "settled" with the reply.

/**
 * Where the server remembers pushes it has seen. Values are short strings the server writes;
 * a store keeps them as they are. In memory by default; `createRedisDedupStore` in @wxmp/redis
 * shares them across a fleet, so a retry that lands on another instance still runs `handle` once.
 */
export interface DedupStore {
  /** Records `key` as being handled unless it is already known. True when this caller got it. */
  claim(key: string, ttlMs: number): Promise<boolean>
  /** Stores the outcome for `key` (overwriting the claim), kept for `ttlMs`. */
  settle(key: string, value: string, ttlMs: number): Promise<void>
  /** The outcome for `key`: a string once settled, `null` while claimed, `undefined` when unknown. */
  read(key: string): Promise<string | null | undefined>
}

export interface MemoryDedupStoreOptions {
  /**
   * How many keys pile up before expired ones are swept. A live key is never dropped (a replay
   * inside its window would run again), so memory follows the push rate: README "Retries, deadlines and failures".
   * @default 10000
   */
  readonly maxEntries?: number
  /** Clock in ms, for tests. @default Date.now */
  readonly now?: () => number
}

// Stores made below: they answer within the call, so the server skips the timeout race it puts
// around every other store's calls (a timer and a race per push, measurable at thousands a second).
const inProcess = new WeakSet<DedupStore>()

/** True for a store made by createMemoryDedupStore: it cannot hang. */
export const isInProcessStore = (store: DedupStore): boolean => inProcess.has(store)

/**
 * An in-process dedup store: right for one instance. It never forgets a key before its TTL. For several instances behind one
 * URL use `createRedisDedupStore` from @wxmp/redis.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createMemoryDedupStore(options: MemoryDedupStoreOptions = {}): DedupStore {
  const maxEntries = options.maxEntries ?? 10_000
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError(`maxEntries must be an integer of at least 1, got ${String(maxEntries)}`)
  const now = options.now ?? Date.now
  // Map keeps insertion order: the first key is the oldest, evicted first.
  const entries = new Map<string, { value: string | null; expiresAt: number }>()

  const live = (key: string) => {
    const entry = entries.get(key)
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }
  // Past `limit` entries, expired ones are swept; live ones are kept, whatever their number.
  let limit = maxEntries
  const put = (key: string, value: string | null, ttlMs: number) => {
    entries.delete(key)
    entries.set(key, { value, expiresAt: now() + ttlMs })
    if (entries.size <= limit) return
    const t = now()
    for (const [k, entry] of entries) if (entry.expiresAt <= t) entries.delete(k)
    // Still full of live entries: sweep again only once the store has doubled (amortised O(1)).
    limit = Math.max(maxEntries, entries.size * 2)
  }

  const store: DedupStore = {
    async claim(key, ttlMs) {
      if (live(key)) return false
      put(key, null, ttlMs)
      return true
    },
    async settle(key, value, ttlMs) {
      put(key, value, ttlMs)
    },
    async read(key) {
      return live(key)?.value
    },
  }
  inProcess.add(store)
  return store
}
