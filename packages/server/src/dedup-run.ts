// Runs `handle` once per push across WeChat's retries: in this process (a retry arriving meanwhile
// joins the running one), across instances (the dedup store), and under the reply deadline. A store
// that fails or hangs loses nothing: the push falls back to a process-local store for that push and
// is reported (README "Retries, deadlines and failures").
import { createMemoryDedupStore, isInProcessStore, type DedupStore } from './dedup'
import type { ServerConfig, WaitUntilContext } from './options'
import type { Push } from './push-types'
import { assertReply, type Reply } from './replies'

export interface Outcome {
  readonly reply: Reply | null
}

export type StoreErrorReporter = (error: unknown, push: Push) => void

/** `outcomeOf(push, key, deadline, ctx)`: the push's outcome, running `run` at most once per key. */
export function createDedupRun(config: ServerConfig, run: (push: Push) => Promise<Outcome>, reportStore: StoreErrorReporter) {
  const { store, dedupTtlMs, replyTimeoutMs } = config
  // Used only for a push whose shared-store claim failed: it is then still handled once per process.
  const fallback = createMemoryDedupStore()
  // Pushes being handled in this process: a retry that arrives meanwhile waits for the same run.
  const inflight = new Map<string, Promise<Outcome>>()
  // Only a store outside this process can hang: ours is called without a timeout race.
  const call = <T>(from: DedupStore, start: () => Promise<T>, ms: number, what: string) =>
    isInProcessStore(from) ? start() : bounded(start, ms, what)

  /** Another instance (or an earlier run) has the push: its settled reply, polled until the deadline. */
  async function settledElsewhere(from: DedupStore, key: string, push: Push, deadline: number): Promise<Outcome> {
    for (;;) {
      let value: string | null | undefined
      try {
        value = await call(from, () => from.read(key), deadline - Date.now(), 'read')
      } catch (error) {
        reportStore(error, push)
        return { reply: null }
      }
      if (typeof value === 'string') {
        try {
          // Written by a server like this one, but a shared store is outside this process: checked again.
          const outcome = JSON.parse(value) as Outcome
          if (outcome.reply !== null) assertReply(outcome.reply)
          return outcome
        } catch {
          return { reply: null }
        }
      }
      if (value === undefined || Date.now() + 50 >= deadline) return { reply: null }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  return async function outcomeOf(
    push: Push,
    key: string | undefined,
    deadline: number,
    ctx: WaitUntilContext | undefined,
  ): Promise<Outcome> {
    // No usable id (a message without MsgId): not deduplicated rather than merged with others.
    if (key === undefined) return within(run(push), deadline, ctx, true)
    const running = inflight.get(key)
    if (running) return within(running, deadline, ctx, false)
    // Registered before the first await, so a retry racing in meanwhile joins this run.
    let settling: Promise<void> = Promise.resolve()
    const work = (async (): Promise<Outcome> => {
      let used = store
      let claimed: boolean
      try {
        // Half the time left at most: a store that never answers must leave time to handle the push.
        claimed = await call(store, () => store.claim(key, dedupTtlMs), (deadline - Date.now()) / 2, 'claim')
      } catch (error) {
        reportStore(error, push)
        used = fallback
        claimed = await fallback.claim(key, dedupTtlMs)
      }
      if (!claimed) return settledElsewhere(used, key, push, deadline)
      const outcome = await run(push)
      const value = JSON.stringify(outcome)
      // Stored while the reply goes out: a slow or hung store never holds the reply back.
      settling = call(used, () => used.settle(key, value, dedupTtlMs), replyTimeoutMs, 'settle').catch((error: unknown) => {
        reportStore(error, push)
        return fallback.settle(key, value, dedupTtlMs)
      })
      return outcome
    })()
    inflight.set(key, work)
    // `work` and `settling` never reject (every failure is caught above); a retry in this process
    // joins the run until its outcome is stored.
    const done = () => {
      void settling.then(() => inflight.delete(key))
    }
    work.then(done, done)
    return within(work, deadline, ctx, true)
  }
}

/** The outcome, or `{ reply: null }` at the deadline; the owner hands late work to `waitUntil`. */
function within(work: Promise<Outcome>, deadline: number, ctx: WaitUntilContext | undefined, owner: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      // Too slow for WeChat: answer `success` now; the handler finishes in the background.
      if (owner) quietly(() => ctx?.waitUntil(work))
      resolve({ reply: null })
    }, deadline - Date.now())
    // `work` never rejects (every failure is caught where it runs).
    void work.then((outcome) => {
      clearTimeout(timer)
      resolve(outcome)
    })
  })
}

/** A dedup store call (a synchronous throw included), refused with an Error when it has not settled within `ms`. */
async function bounded<T>(start: () => Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const call = (async () => start())()
  // A store that rejects after the timeout must not leave an unhandled rejection.
  call.catch(() => undefined)
  try {
    return await Promise.race([
      call,
      new Promise<never>((_, reject) => (timer = setTimeout(reject, ms, new Error(`dedup store ${what} timed out`)))),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** Calls a user callback: a throw, or a rejection of a promise (or thenable) it returns, is swallowed. */
export function quietly(call: () => unknown): void {
  try {
    Promise.resolve(call()).catch(() => undefined)
  } catch {}
}
