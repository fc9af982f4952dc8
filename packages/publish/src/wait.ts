// Waiting for a publish job's outcome: from the PUBLISHJOBFINISH push when the app receives pushes,
// by polling freepublish/get with backoff when it does not (and as a safety net when a push is lost
// or lands on another process).
import { assertFunction, assertInteger, assertObject, assertOptions, toIdOrThrow, type CallOptions, type WeChatClient } from '@wxmp/core'
import { getPublishStatus } from './publish'
import { statusFromPush } from './internal/wire'
import type { FinishedPublishStatus, PublishJobFinishPush, PublishStatus } from './types'

/** The longest delay setTimeout takes (2^31-1 ms, ~24.8 days); anything longer fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** Outcomes kept for jobs nobody waits for yet (a push can beat the `waitForPublish` call). */
const KEEP = 1_000

/** Where pushes meet waiters: hand it every push your server receives. See {@link createPublishOutcomes}. */
export interface PublishOutcomes {
  /**
   * Takes a push: a `PUBLISHJOBFINISH` (or `FREEPUBLISHJOBFINISH`) event in @wxmp/server's shape
   * settles the wait for its `publishId`; anything else is ignored. Returns whether it was one.
   */
  deliver(push: object): boolean
  /** The outcome a push reported for `publishId`, if one came (the last 1,000 are kept). */
  get(publishId: string): FinishedPublishStatus | undefined
  /** Calls `listener` once when the outcome of `publishId` arrives; returns the unsubscribe. */
  on(publishId: string, listener: (status: FinishedPublishStatus) => void): () => void
}

function isFinishPush(p: object): p is PublishJobFinishPush {
  const v = p as Partial<Record<keyof PublishJobFinishPush, unknown>>
  return (
    (v.event === 'PUBLISHJOBFINISH' || v.event === 'FREEPUBLISHJOBFINISH') &&
    typeof v.publishId === 'string' &&
    typeof v.publishStatus === 'number'
  )
}

/**
 * Connects pushes to {@link waitForPublish}: create one per process, `deliver` every push in your
 * @wxmp/server handler, pass it as `outcomes`. A push that never comes (server down, another
 * process got it) costs only time: the wait keeps polling at its backoff.
 *
 * @example
 * ```ts
 * const outcomes = createPublishOutcomes()
 * const server = createMessageServer({ appId, token, handle(push) { outcomes.deliver(push) } })
 * const { publishId } = await publishDraft(wx, mediaId)
 * const outcome = await waitForPublish(wx, publishId, { outcomes })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Publish/Callback_on_finish.html
 */
/* @__NO_SIDE_EFFECTS__ */
export function createPublishOutcomes(): PublishOutcomes {
  const done = new Map<string, FinishedPublishStatus>()
  const listeners = new Map<string, Set<(s: FinishedPublishStatus) => void>>()
  return {
    deliver(push) {
      assertObject('push', push)
      if (!isFinishPush(push)) return false
      const status = statusFromPush(push)
      if (status.state === 'publishing') return true
      done.set(status.publishId, status)
      if (done.size > KEEP) done.delete(done.keys().next().value as string)
      const waiting = listeners.get(status.publishId)
      listeners.delete(status.publishId)
      for (const listener of waiting ?? []) listener(status)
      return true
    },
    get: (publishId) => done.get(publishId),
    on(publishId, listener) {
      assertFunction('listener', listener)
      const set = listeners.get(publishId) ?? new Set()
      set.add(listener)
      listeners.set(publishId, set)
      return () => {
        set.delete(listener)
        if (set.size === 0 && listeners.get(publishId) === set) listeners.delete(publishId)
      }
    },
  }
}

export interface WaitForPublishOptions extends CallOptions {
  /** Pushes from your server (see {@link createPublishOutcomes}): the outcome arrives as soon as WeChat pushes it. */
  readonly outcomes?: PublishOutcomes
  /** First wait between polls, ms; each wait doubles up to `maxIntervalMs`. @default 2000 */
  readonly intervalMs?: number
  /** Longest wait between polls, ms (at most 2^31-1, setTimeout's limit). @default 60000 */
  readonly maxIntervalMs?: number
}

/**
 * Waits until a publish job ends and returns how: `published` (article id and URLs), or
 * `original-check-failed`, `failed`, `review-failed` (with `failIdx`), `deleted`, `banned`. It takes
 * the outcome from the `PUBLISHJOBFINISH` push when `outcomes` is given, and polls
 * {@link getPublishStatus} with exponential backoff (2 s doubling to 60 s by default) until then,
 * or throughout when pushes do not reach this process. Review can take minutes: bound the wait
 * with `signal` (`AbortSignal.timeout(ms)`); an abort rejects with the signal's reason.
 *
 * @example
 * ```ts
 * const outcome = await waitForPublish(wx, publishId, { signal: AbortSignal.timeout(10 * 60_000) })
 * if (outcome.state !== 'published') throw new Error(`publish ${outcome.state}`)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_get
 */
export async function waitForPublish(
  client: WeChatClient,
  publishId: string,
  options: WaitForPublishOptions = {},
): Promise<FinishedPublishStatus> {
  const id = toIdOrThrow('publishId', publishId)
  assertOptions('waitForPublish options', options, ['outcomes', 'intervalMs', 'maxIntervalMs', 'signal'])
  const { outcomes, signal } = options
  if (outcomes !== undefined) {
    assertObject('options.outcomes', outcomes)
    for (const method of ['get', 'on', 'deliver'] as const) {
      if (typeof outcomes[method] !== 'function')
        throw new TypeError(`options.outcomes must be what createPublishOutcomes() returns, got an object without its ${method} method`)
    }
  }
  const first = options.intervalMs ?? 2_000
  const max = options.maxIntervalMs ?? 60_000
  // setTimeout fires after 1 ms for delays past 2^31-1 ms (~24.8 days): a larger value would busy-poll.
  assertInteger('options.intervalMs', first, { min: 1, max: MAX_TIMER_MS })
  assertInteger('options.maxIntervalMs', max, { min: first, max: MAX_TIMER_MS })

  // Subscribed before the first poll and for the whole wait: a push that lands while a poll is in
  // flight ends the wait at once, not one interval (up to a minute) later.
  let off: (() => void) | undefined
  const pushed = new Promise<FinishedPublishStatus>((resolve) => {
    off = outcomes?.on(id, resolve)
  })
  try {
    let interval = first
    for (;;) {
      signal?.throwIfAborted()
      const already = outcomes?.get(id)
      if (already) return already
      const status = await poll(client, id, pushed, signal)
      if (!isPublishing(status)) return status
      const early = await pause(interval, pushed, signal)
      if (early) return early
      interval = Math.min(interval * 2, max)
    }
  } finally {
    off?.()
  }
}

const isPublishing = (s: PublishStatus): s is Extract<PublishStatus, { state: 'publishing' }> => s.state === 'publishing'

/** One freepublish/get, ended early (and its request aborted) when the push comes first. */
async function poll(
  client: WeChatClient,
  id: string,
  pushed: Promise<FinishedPublishStatus>,
  signal: AbortSignal | undefined,
): Promise<PublishStatus> {
  const request = new AbortController()
  const onAbort = () => request.abort(signal?.reason)
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    return await Promise.race([getPublishStatus(client, id, { signal: request.signal }), pushed])
  } finally {
    signal?.removeEventListener('abort', onAbort)
    request.abort()
  }
}

/** Sleeps `ms`, ending early with the pushed outcome; rejects on abort. */
function pause(
  ms: number,
  pushed: Promise<FinishedPublishStatus>,
  signal: AbortSignal | undefined,
): Promise<FinishedPublishStatus | undefined> {
  return new Promise((resolve, reject) => {
    let done = false
    const stop = () => {
      done = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      stop()
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      stop()
      resolve(undefined)
    }, ms)
    void pushed.then((s) => {
      if (done) return
      stop()
      resolve(s)
    })
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
