// The refresh lock: SET NX PX with a random owner value. Only the owner releases it (a script
// compares first), the owner keeps it alive while its task runs, and a process that dies holding it
// costs the others at most `ttlMs`. Waiters poll with short jittered sleeps.
import { RedisTokenStoreError } from '../errors'
import type { GuardedCommand } from './guard'
import { RELEASE, RENEW } from './scripts'

export interface LockSettings {
  readonly redis: GuardedCommand
  readonly ttlMs: number
  readonly waitTimeoutMs: number
}

export interface HeldLock {
  release(): Promise<void>
}

/** Takes the lock at `key`, waiting for another owner up to `waitTimeoutMs`. */
export async function acquireLock(settings: LockSettings, key: string, signal: AbortSignal | undefined): Promise<HeldLock> {
  const { redis, ttlMs, waitTimeoutMs } = settings
  const owner = randomOwner()
  // Waited time counts each pause at most as planned: a process too busy to poll on time has not
  // been kept waiting by the holder (and giving up would cost a fetch, or a failed call).
  let waited = 0
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted()
    let answer: unknown
    try {
      answer = await redis(['SET', key, owner, 'NX', 'PX', String(ttlMs)], key)
    } catch (error) {
      // The SET may still run late (a client's offline queue); a release queued behind it on the
      // same connection undoes it, so a lock nobody holds does not block the fleet for ttlMs.
      redis(['EVAL', RELEASE, '1', key, owner], key, { evenIfDown: true }).catch(() => {})
      throw error
    }
    if (answer === 'OK') return hold(settings, key, owner)
    const left = waitTimeoutMs - waited
    if (left <= 0) {
      throw new RedisTokenStoreError(
        'lock-timeout',
        `another process held the token refresh lock ${key} for more than ${waitTimeoutMs} ms`,
        key,
      )
    }
    const delay = Math.min(left, pollDelay(attempt))
    const before = Date.now()
    await sleep(delay, signal)
    waited += Math.min(Date.now() - before, delay + 20)
  }
}

function hold({ redis, ttlMs }: LockSettings, key: string, owner: string): HeldLock {
  // Renewed well before it lapses, so a slow token fetch does not let a second process in.
  const renew = setInterval(
    () => {
      redis(['EVAL', RENEW, '1', key, owner, String(ttlMs)], key).catch(() => {})
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  )
  renew.unref?.()
  return {
    async release() {
      clearInterval(renew)
      // A failed release is harmless: the lock expires by itself after ttlMs.
      await redis(['EVAL', RELEASE, '1', key, owner], key).catch(() => {})
    },
  }
}

/** 5-10 ms at first, doubling to 50-100 ms: quick when the holder is quick, light on Redis when not. */
function pollDelay(attempt: number): number {
  const base = Math.min(100, 10 * 2 ** attempt)
  return base / 2 + Math.random() * (base / 2)
}

function randomOwner(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
