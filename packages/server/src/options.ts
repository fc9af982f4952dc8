// createMessageServer's options: their types (with the why of each default) and the one check that
// turns them into a config, table-driven like @wxmp/core's client options (internal/check-options.ts).
// Secrets (token, keys) are described by size and offending character, never echoed.
import { assertFunction, assertInteger, assertObject, assertOneOf, assertOptions } from '@wxmp/core/validate'
import { createMemoryDedupStore, type DedupStore } from './dedup'
import { decodeEncodingAESKey, type CryptoProvider } from './internal/crypto'
import { fastestCrypto } from './internal/native-crypto'
import type { Push } from './push-types'
import type { Reply } from './replies'

/** What `handle` returns: a reply, or nothing (answered `success`). */
export type HandleResult = Reply | undefined | null | void

/** A runtime's way to keep work alive after the response (Workers' `ctx`, Vercel, Netlify). */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void
}

/** Why a push was refused (answered 4xx, `handle` not called) or failed. No secrets, no body. */
export interface RejectedPush {
  readonly status: 400 | 403 | 405 | 408 | 413 | 500
  /** e.g. `signature does not match`, `timestamp is 900 s old (limit 300 s)`. */
  readonly reason: string
}

export interface MessageServerOptions {
  /** The account's AppID: checked against the one inside every encrypted push. */
  readonly appId: string
  /** The Token set in 基本配置 / 消息推送 (3-32 letters or digits). Never logged or reported. */
  readonly token: string
  /** The 43-character EncodingAESKey, for compatible and safe mode. Never logged or reported. */
  readonly encodingAESKey?: string
  /**
   * The 消息加解密方式 chosen in WeChat's console: `'safe'` accepts only encrypted pushes,
   * `'compatible'` both (only as strong as plaintext: for switching), `'plaintext'` no encrypted ones.
   * README "mode" says why safe is the default with a key.
   * @default 'safe' with an `encodingAESKey`, else 'plaintext'
   * @see https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
   */
  readonly mode?: 'plaintext' | 'compatible' | 'safe'
  /**
   * The EncodingAESKey before the last change: tried when the current one fails to decrypt, as
   * WeChat advises, and the reply is encrypted with whichever key worked.
   */
  readonly previousEncodingAESKey?: string
  /**
   * Called once per push (retries are deduplicated), after every check passed. Return a passive
   * reply, or nothing to answer `success`. A throw is reported to `onError` and answered `success`.
   */
  readonly handle: (push: Push) => HandleResult | Promise<HandleResult>
  /**
   * How long a push may wait for `handle` before it is answered `success` (WeChat gives up at 5 s
   * and retries); the handler keeps running and its result is kept for the retry.
   * @default 4000
   */
  readonly replyTimeoutMs?: number
  /**
   * Largest accepted difference between a push's `timestamp` and this server's clock, in seconds:
   * a captured push replayed later is refused. `0` turns the check off (not advised).
   * @default 300
   */
  readonly maxTimestampSkewSeconds?: number
  /**
   * Largest body accepted, in bytes (413 above). A compatible-mode push, the largest, is about
   * three times its message.
   * @default 65536
   */
  readonly maxBodyBytes?: number
  /** Where seen pushes are remembered. @default createMemoryDedupStore() */
  readonly dedupStore?: DedupStore
  /**
   * How long a push is remembered, in ms: at least the whole window in which its timestamp is
   * accepted (2 × maxTimestampSkewSeconds + 60 s), or a replay after expiry would run `handle` again.
   * @default (2 × maxTimestampSkewSeconds + 60) × 1000, 660000 with the default skew
   */
  readonly dedupTtlMs?: number
  /**
   * A handler that threw or returned an invalid reply (`kind` 'handler'), or a dedup store that
   * failed or timed out (`kind` 'dedup-store': the push was still handled, once in this process;
   * README "Retries, deadlines and failures"). A throw from `onError` or `onRejected` itself is
   * swallowed: the push still gets its answer.
   */
  readonly onError?: (error: unknown, info: { readonly push: Push; readonly kind: 'handler' | 'dedup-store' }) => void
  /**
   * A request refused before `handle` (forged, stale, oversized, malformed: 4xx), or one the server
   * could not read at all (500: its body was already consumed by a framework's body parser).
   */
  readonly onRejected?: (rejected: RejectedPush) => void
  /**
   * The crypto primitives (SHA-1, AES-256-CBC). By default the fastest the runtime has: node:crypto's
   * synchronous ones where `process.getBuiltinModule` hands them out (Node 20.16+, Bun, Deno), else
   * Web Crypto. Pass `nodeCrypto` (`@wxmp/server/node`) or your own provider to choose.
   * @default node:crypto when available, else Web Crypto
   */
  readonly crypto?: CryptoProvider
  /** Clock in ms, for tests. @default Date.now */
  readonly now?: () => number
}

/** The checked options, defaults filled in. */
export interface ServerConfig {
  readonly appId: string
  readonly token: string
  /** The current EncodingAESKey first, then the previous one. */
  readonly keys: readonly string[]
  readonly mode: 'plaintext' | 'compatible' | 'safe'
  readonly handle: MessageServerOptions['handle']
  readonly replyTimeoutMs: number
  readonly skew: number
  readonly maxBodyBytes: number
  readonly store: DedupStore
  readonly dedupTtlMs: number
  readonly crypto: CryptoProvider
  readonly now: () => number
  readonly onError: MessageServerOptions['onError']
  readonly onRejected: MessageServerOptions['onRejected']
}

/** Each option once: `[min, max]` an integer, a list one of those strings, 'fn' a function, 0 checked below. */
const OPTIONS = {
  appId: 0,
  token: 0,
  encodingAESKey: 0,
  previousEncodingAESKey: 0,
  mode: ['plaintext', 'compatible', 'safe'],
  handle: 'fn',
  replyTimeoutMs: [1, 60_000],
  maxTimestampSkewSeconds: [0, 86_400],
  maxBodyBytes: [256, 16_777_216],
  dedupStore: 0,
  dedupTtlMs: [1_000, 2 * 86_400_000 + 60_000],
  onError: 'fn',
  onRejected: 'fn',
  crypto: 0,
  now: 'fn',
} as const satisfies { readonly [K in keyof MessageServerOptions]-?: 0 | 'fn' | readonly string[] | readonly [number, number] }

// Extra time a dedup entry outlives the timestamp window by.
const DEDUP_MARGIN_SECONDS = 60

/** Throws a TypeError / RangeError naming the option; returns the config with defaults. */
export function checkServerOptions(options: MessageServerOptions): ServerConfig {
  assertObject('createMessageServer options', options)
  assertOptions('createMessageServer options', options, Object.keys(OPTIONS))
  for (const [name, kind] of Object.entries(OPTIONS)) {
    const value: unknown = (options as unknown as Record<string, unknown>)[name]
    if (value === undefined) continue
    if (kind === 'fn') assertFunction(name, value)
    else if (Array.isArray(kind) && typeof kind[0] === 'number') assertInteger(name, value, { min: kind[0], max: kind[1] as number })
    else if (Array.isArray(kind)) assertOneOf(name, value, kind as readonly string[])
  }
  checkChars('appId', options.appId, /^[\w-]{1,64}$/, /[^\w-]/, '1-64 letters, digits, _ or -')
  checkChars('token', options.token, /^[A-Za-z0-9]{3,32}$/, /[^A-Za-z0-9]/, "3-32 letters or digits (WeChat's rule)")
  const keys = [options.encodingAESKey, options.previousEncodingAESKey].filter((k): k is string => k !== undefined)
  for (const name of ['encodingAESKey', 'previousEncodingAESKey'] as const) checkAesKey(name, options[name])
  if (options.previousEncodingAESKey !== undefined && options.encodingAESKey === undefined) {
    throw new TypeError('previousEncodingAESKey needs encodingAESKey (the current key) as well')
  }
  const mode = options.mode ?? (keys.length ? 'safe' : 'plaintext')
  if (mode !== 'plaintext' && !keys.length) throw new TypeError(`mode '${mode}' needs encodingAESKey`)
  if (mode === 'plaintext' && keys.length) {
    throw new TypeError("mode 'plaintext' takes no encodingAESKey (mode 'compatible' while the console switches to safe mode)")
  }
  if (options.handle === undefined) assertFunction('handle', options.handle)
  const skew = options.maxTimestampSkewSeconds ?? 300
  // A push is accepted while |now - timestamp| <= skew: a window 2 × skew wide. Off (0): WeChat's retries.
  const minDedupTtlMs = skew === 0 ? 60_000 : (2 * skew + DEDUP_MARGIN_SECONDS) * 1000
  const dedupTtlMs = options.dedupTtlMs ?? Math.max(minDedupTtlMs, 300_000)
  if (dedupTtlMs < minDedupTtlMs) {
    throw new RangeError(
      `dedupTtlMs must be at least ${minDedupTtlMs} (2 × maxTimestampSkewSeconds + ${DEDUP_MARGIN_SECONDS} s: no replay outlives its dedup entry), got ${dedupTtlMs}`,
    )
  }
  const store = options.dedupStore
  if (
    store !== undefined &&
    (typeof store !== 'object' ||
      store === null ||
      ['claim', 'settle', 'read'].some((m) => typeof (store as unknown as Record<string, unknown>)[m] !== 'function'))
  ) {
    throw new TypeError(
      `dedupStore must have claim, settle and read functions (as createRedisDedupStore() makes), got ${store === null ? 'null' : typeof store}`,
    )
  }
  const crypto = options.crypto ?? fastestCrypto()
  if (typeof crypto?.sha1Hex !== 'function' || typeof crypto.importKey !== 'function')
    throw new TypeError(`crypto must be a crypto provider (sha1Hex, importKey), got ${typeof crypto}`)
  return {
    appId: options.appId,
    token: options.token,
    keys,
    mode,
    handle: options.handle,
    replyTimeoutMs: options.replyTimeoutMs ?? 4_000,
    skew,
    maxBodyBytes: options.maxBodyBytes ?? 65_536,
    store: store ?? createMemoryDedupStore(),
    dedupTtlMs,
    crypto,
    now: options.now ?? Date.now,
    onError: options.onError,
    onRejected: options.onRejected,
  }
}

/** A string that must match `rule`: the error gives its length and the first offending character, never the value (a secret). */
function checkChars(name: string, value: unknown, rule: RegExp, bad: RegExp, what: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be ${what}, got ${value === null ? 'null' : typeof value}`)
  if (rule.test(value)) return
  const offending = bad.exec(value)
  const where = offending
    ? `, got ${JSON.stringify(offending[0])} at index ${offending.index} (${value.length} characters)`
    : `, got ${value.length} characters`
  throw new TypeError(`${name} must be ${what}${where}`)
}

function checkAesKey(name: string, key: unknown): void {
  if (key === undefined) return
  const what = "exactly 43 characters of base64 (letters, digits, + and /), as the console's EncodingAESKey shows it"
  if (typeof key === 'string' && key.length === 44 && key.endsWith('='))
    throw new TypeError(`${name} must be ${what}: drop the trailing '=' (got 44 characters)`)
  checkChars(name, key, /^[A-Za-z0-9+/]{43}$/, /[^A-Za-z0-9+/]/, what)
  if (!decodeEncodingAESKey(key)) throw new TypeError(`${name} must be ${what}; it does not decode to a 32-byte AES key`)
}
