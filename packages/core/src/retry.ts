// Which failures may be retried, and how long to wait. Only idempotent calls are ever retried
// here; token errors are handled separately (one refresh, one retry) for every call.
import { onAbort } from './internal/abort'
import { isWeChatApiError, isWeChatTransportError } from './errors'
import type { RetryOptions } from './options'

export interface RetryPolicy {
  readonly limit: number
  readonly backoffMs: number
  readonly maxBackoffMs: number
}

export function retryPolicy(option: number | false | RetryOptions | undefined): RetryPolicy {
  // false is a limit of 0 (the backoff of a policy that never retries is never used).
  const o: RetryOptions = typeof option === 'number' ? { limit: option } : option === false ? { limit: 0 } : (option ?? {})
  return { limit: o.limit ?? 2, backoffMs: o.backoffMs ?? 200, maxBackoffMs: o.maxBackoffMs ?? 3000 }
}

/** Token errors: WeChat rejected the token before doing anything, so any call may be retried once. */
export const TOKEN_ERRCODES: readonly number[] = [40001, 40014, 42001]

/** A transient fault whose effect on WeChat is unknown: retry only idempotent calls. */
export function isTransient(error: unknown): boolean {
  if (isWeChatApiError(error)) return error.errcode === -1
  if (isWeChatTransportError(error)) return error.kind !== 'http' || (error.status ?? 0) >= 500
  return false
}

/** Full jitter: a random wait up to the exponential bound. */
export function backoff(policy: RetryPolicy, retry: number): number {
  const bound = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (retry - 1))
  return Math.round(Math.random() * bound)
}

export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      stop?.()
      resolve()
    }, ms)
    const stop =
      signal &&
      onAbort(signal, () => {
        clearTimeout(timer)
        reject(signal.reason)
      })
  })
}
