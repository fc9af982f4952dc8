// Every Redis command goes through here: bounded by a timeout, so nothing waits on a dead Redis,
// and failing fast for a moment after a failure, so an outage does not pile commands up in the
// client's offline queue while every call waits out its own timeout.
import { RedisTokenStoreError } from '../errors'
import type { SendCommand } from './client'

/** Sends a command; rejects with RedisTokenStoreError('unavailable') on error or timeout. */
export type GuardedCommand = (args: string[], key: string, options?: { readonly evenIfDown?: boolean }) => Promise<unknown>

export function guard(send: SendCommand, timeoutMs: number): GuardedCommand {
  let downUntil = 0
  return async (args, key, options = {}) => {
    const command = args[0] as string
    if (!options.evenIfDown && Date.now() < downUntil) {
      throw new RedisTokenStoreError('unavailable', `Redis failed moments ago; ${command} ${key} not sent (retrying after ${timeoutMs} ms)`, key)
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisTokenStoreError('unavailable', `Redis did not answer ${command} ${key} within ${timeoutMs} ms`, key)), timeoutMs)
    })
    try {
      return await Promise.race([send(args, key), timeout])
    } catch (error) {
      downUntil = Date.now() + timeoutMs
      if (error instanceof RedisTokenStoreError) throw error
      // Only the message travels, scrubbed: a client's error object may carry the command's
      // arguments (ioredis keeps them on `.command`), and the message itself may quote them (Redis's
      // "unknown command 'SET', with args beginning with: ..." repeats 128 bytes of a token).
      const reason = scrub(error instanceof Error ? `${error.name}: ${error.message}` : String(error), args, key).slice(0, 200)
      throw new RedisTokenStoreError('unavailable', `Redis failed on ${command} ${key}: ${reason}`, key, { cause: new Error(reason) })
    } finally {
      clearTimeout(timer)
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
