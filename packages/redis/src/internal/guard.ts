// Every Redis command goes through here: bounded by a timeout, so nothing waits on a dead Redis,
// and a breaker that fails commands at once while Redis is known to be down, so an outage does not
// pile commands up in the client's offline queue while every call waits out its own timeout.
//
// Only a real failure counts: a client error (connection refused, reset, closed), or TRIP timeouts
// in a row, each measured in time this process was free to read the answer (patient-timeout.ts).
// One late answer is not an outage, and any answer, even one that comes after its command gave
// up, closes the breaker again.
import { RedisTokenStoreError } from '../errors'
import type { SendCommand } from './client'
import { patientTimeout } from './patient-timeout'

/** Sends a command; rejects with RedisTokenStoreError('unavailable') on error or timeout. */
export type GuardedCommand = (args: string[], key: string, options?: { readonly evenIfDown?: boolean }) => Promise<unknown>

export interface GuardOptions {
  /** Longest wait for one answer, in time this process was responsive. */
  readonly timeoutMs: number
  /** Longest wait in wall time, however busy the process was. */
  readonly maxWallMs: number
}

/** Timeouts in a row that open the breaker: one could be a hiccup, three at the same moment are not. */
const TRIP = 3

export function guard(send: SendCommand, { timeoutMs, maxWallMs }: GuardOptions): GuardedCommand {
  let openUntil = 0
  let timeoutsInARow = 0
  const healthy = () => {
    timeoutsInARow = 0
    openUntil = 0
  }
  const open = () => {
    openUntil = Date.now() + timeoutMs
  }

  return async (args, key, options = {}) => {
    const command = args[0] as string
    if (!options.evenIfDown && Date.now() < openUntil) {
      throw new RedisTokenStoreError(
        'unavailable',
        `Redis is failing; ${command} ${key} not sent (trying again within ${timeoutMs} ms)`,
        key,
      )
    }
    // A client that throws instead of rejecting (closed, not connected) fails the same way.
    const sent = (async () => send(args, key))()
    let cancel: (() => void) | undefined
    const timeout = new Promise<never>((_, reject) => {
      cancel = patientTimeout(
        timeoutMs,
        () => reject(new RedisTokenStoreError('unavailable', `Redis did not answer ${command} ${key} within ${timeoutMs} ms`, key)),
        { maxWallMs },
      )
    })
    // An answer that comes after its command gave up still proves Redis is there.
    sent.then(healthy, () => {})
    try {
      const answer = await Promise.race([sent, timeout])
      healthy()
      return answer
    } catch (error) {
      if (error instanceof RedisTokenStoreError) {
        if (++timeoutsInARow >= TRIP) open()
        throw error
      }
      open()
      // Only the message travels, scrubbed: a client's error object may carry the command's
      // arguments (ioredis keeps them on `.command`), and the message itself may quote them (Redis's
      // "unknown command 'SET', with args beginning with: ..." repeats 128 bytes of a token).
      const reason = scrub(error instanceof Error ? `${error.name}: ${error.message}` : String(error), args, key).slice(0, 200)
      throw new RedisTokenStoreError('unavailable', `Redis failed on ${command} ${key}: ${reason}`, key, { cause: new Error(reason) })
    } finally {
      cancel?.()
    }
  }
}

/**
 * `text` with every run of 8+ token characters that occurs in an argument (other than the command
 * and the key) replaced by [REDACTED]: SET's value holds a token, an EVAL's ARGV a token, and an
 * error may quote either whole or cut short.
 */
export function scrub(text: string, args: readonly string[], key: string): string {
  const secrets = args.slice(1).filter((arg) => arg !== key && arg.length >= 8)
  if (secrets.length === 0) return text
  return text.replace(/[\w-]{8,}/g, (run) => (secrets.some((arg) => arg.includes(run)) ? '[REDACTED]' : run))
}
