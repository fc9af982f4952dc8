// No secret text in any error of @wxmp/redis, with either client, when Redis quotes the command
// back ("ERR unknown command 'SET', with args beginning with: 'key' '{"accessToken":"86_…'"):
// a managed Redis that renames or disables commands does exactly that (the store used to send the
// token as a plain SET argument, and 100+ characters of it reached the error message).
// And a shared store keeps the newest of two tokens.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createRedisTokenStore, isRedisTokenStoreError } from './index'
import { connectRedis, DRIVERS, type TestClient } from '../test/clients'
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../test/redis-server'

const enabled = redisTestsEnabled()
const HOUR = 3_600_000
// The shape of a WeChat token: digits, underscore, 130+ base64url characters.
const TOKEN = `86_${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_'.repeat(4)}`

let crippled: RedisServer
let healthy: RedisServer

beforeAll(async () => {
  if (!enabled) return
  crippled = await startRedisServer(['--rename-command', 'SET', '', '--rename-command', 'EVAL', ''])
  healthy = await startRedisServer()
})
afterAll(async () => {
  await crippled?.stop()
  await healthy?.stop()
})

/** Every 8-character slice of `secret` that appears in `text`. */
function leaks(text: string, secret: string): string[] {
  const found: string[] = []
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) found.push(secret.slice(i, i + 8))
  return found
}

describe.skipIf(!enabled).each(DRIVERS)('with %s', (driver) => {
  let client: TestClient
  let good: TestClient
  beforeAll(async () => {
    client = await connectRedis(driver, crippled.url)
    good = await connectRedis(driver, healthy.url)
  })
  afterAll(async () => {
    await client?.close()
    await good?.close()
  })

  for (const operation of ['set', 'invalidate'] as const) {
    test(`keeps the token out of the error when Redis quotes the ${operation} command back`, async () => {
      // A fresh store per test: a failure makes a store fail fast for commandTimeoutMs.
      const store = createRedisTokenStore({ redis: client.redis, commandTimeoutMs: 10_000, fallback: 'error' })
      const attempt =
        operation === 'set'
          ? store.set('wx1:stable', { accessToken: TOKEN, expiresAt: Date.now() + HOUR })
          : store.invalidate('wx1:stable', TOKEN)
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(isRedisTokenStoreError(error)).toBe(true)
      const e = error as Error
      // The error says what failed...
      expect(e.message).toMatch(/unknown command/i)
      // ...and no piece of the token, in any form a log could take.
      for (const text of [e.message, e.stack ?? '', JSON.stringify(e), String((e.cause as Error | undefined)?.message)])
        expect(leaks(text, TOKEN)).toEqual([])
    })
  }

  test('scrubs the token from an error that quotes every argument of the command', async () => {
    // The client passes commands to Redis under a name it does not know and, like a chatty proxy,
    // appends the command's arguments to Redis's error.
    const raw = client.redis as unknown as { call?: (...a: string[]) => Promise<unknown>; sendCommand?: (a: string[]) => Promise<unknown> }
    const quoting = async (args: string[]) => {
      try {
        return await (raw.call ? raw.call(`NO${args[0]}`) : raw.sendCommand?.([`NO${args[0]}`]))
      } catch (error) {
        // Quoted from the key on (a script's text would fill the 200 characters the store keeps).
        const from = args.indexOf('wxmp:token:wx1:stable')
        throw new Error(
          `${(error as Error).message.replace(/\s+$/, '')} ${args
            .slice(from)
            .map((a) => `'${a}'`)
            .join(' ')}`,
        )
      }
    }
    const redis = raw.call
      ? { call: (command: string, ...args: (string | number)[]) => quoting([command, ...args.map(String)]) }
      : { sendCommand: quoting }
    const store = createRedisTokenStore({ redis, commandTimeoutMs: 10_000, fallback: 'error' })
    const error = (await store.invalidate('wx1:stable', TOKEN).catch((e: unknown) => e)) as Error
    expect(error.message).toMatch(/unknown command 'NOEVAL'/)
    expect(error.message).toContain('[REDACTED]')
    expect(leaks(`${error.message} ${String((error.cause as Error).message)}`, TOKEN)).toEqual([])
  })

  test('keeps the newest of two tokens, whatever order they are stored in', async () => {
    const store = createRedisTokenStore({ redis: good.redis, prefix: `newest-${driver}:`, commandTimeoutMs: 10_000 })
    const now = Date.now()
    await store.set('wx1:classic', { accessToken: 'token-newer-aaaaaaa', expiresAt: now + HOUR, fetchedAt: now })
    await store.set('wx1:classic', { accessToken: 'token-older-bbbbbbb', expiresAt: now + HOUR - 1_000, fetchedAt: now - 1_000 })
    expect(await store.get('wx1:classic')).toEqual({ accessToken: 'token-newer-aaaaaaa', expiresAt: now + HOUR, fetchedAt: now })
  })
})
