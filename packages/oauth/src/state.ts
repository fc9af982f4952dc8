// CSRF-safe `state`: signed (HMAC-SHA256, Web Crypto) and expiring, so the callback can tell a state
// this app issued from a forged or replayed one without storing anything. Works on Node, edge
// runtimes and browsers alike.
import { fromBase62, toBase62 } from './internal/base62'
import { checkLength, checkOptions, kind } from './internal/check'

const VERSION = 1
const HEADER = 14 // version (1) + expiry in epoch seconds (5) + nonce (8)
const MAC = 16 // HMAC-SHA256 truncated to 128 bits: plenty for a value that lives minutes
/** Bytes of `data` a state can carry: 128 base62 characters hold 94 bytes after the sentinel. */
export const STATE_DATA_MAX_BYTES = 94 - HEADER - MAC

const encoder = /* @__PURE__ */ new TextEncoder()
const decoder = /* @__PURE__ */ new TextDecoder()

export interface CreateStateOptions {
  /** HMAC key, at least 32 characters. Keep it server-side; rotate it like any secret. */
  readonly secret: string
  /** How long the state is accepted, in ms. @default 600000 (10 minutes) */
  readonly ttlMs?: number
  /**
   * Ties the state to this browser: a value from the user's session or a cookie (not sent in the
   * state, only signed). Pass the same value to {@link verifyState}. Without it a state issued to
   * one browser is accepted from another (login CSRF).
   */
  readonly binding?: string
  /** A short value to carry through the login (e.g. a return-path id), at most 64 bytes of UTF-8. */
  readonly data?: string
  /** Clock, epoch ms. @default Date.now */
  readonly now?: () => number
}

export interface VerifyStateOptions {
  /** The key {@link createState} signed with. */
  readonly secret: string
  /** The binding passed to {@link createState}, if any. */
  readonly binding?: string
  /** Clock, epoch ms. @default Date.now */
  readonly now?: () => number
}

/** Why a state was refused: absent, not one of ours in form, signed with another key / binding or altered, or too old. */
export type StateRefusal = 'missing' | 'malformed' | 'signature' | 'expired'

export type StateCheck =
  | {
      readonly ok: true
      /** The `data` it was created with ('' when none). */
      readonly data: string
      /** Epoch ms. */
      readonly expiresAt: number
      /** The state's random nonce (base62): the key for one-time use, kept until `expiresAt`. */
      readonly nonce: string
    }
  | { readonly ok: false; readonly reason: StateRefusal }

/**
 * Creates a signed, expiring `state` for {@link buildAuthorizeUrl}: base62, at most 128
 * characters, as WeChat requires.
 *
 * @example
 * ```ts
 * const state = await createState({ secret: process.env.STATE_SECRET!, binding: sessionId })
 * const url = buildAuthorizeUrl({ appId, redirectUri, scope: 'snsapi_userinfo', state })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
 */
export async function createState(options: CreateStateOptions): Promise<string> {
  checkOptions('createState options', options, ['secret', 'ttlMs', 'binding', 'data', 'now'])
  const { secret, ttlMs = 600_000, binding = '', data = '' } = options
  checkSecret(secret)
  if (typeof ttlMs !== 'number' || !Number.isInteger(ttlMs) || ttlMs < 1000 || ttlMs > 2_592_000_000) {
    throw new RangeError(`ttlMs must be an integer from 1000 to 2592000000 (30 days), got ${kind(ttlMs)}`)
  }
  if (typeof binding !== 'string') throw new TypeError(`binding must be a string, got ${kind(binding)}`)
  if (typeof data !== 'string') throw new TypeError(`data must be a string, got ${kind(data)}`)
  const dataBytes = encoder.encode(data)
  if (dataBytes.length > STATE_DATA_MAX_BYTES) {
    throw new RangeError(`data must be at most ${STATE_DATA_MAX_BYTES} bytes of UTF-8, got ${dataBytes.length}`)
  }
  const payload = new Uint8Array(HEADER + dataBytes.length)
  payload[0] = VERSION
  let expires = Math.floor(((options.now ?? Date.now)() + ttlMs) / 1000)
  for (let i = 5; i >= 1; i--) {
    payload[i] = expires % 256
    expires = Math.floor(expires / 256)
  }
  crypto.getRandomValues(payload.subarray(6, HEADER))
  payload.set(dataBytes, HEADER)
  const mac = await sign(secret, payload, binding)
  const out = new Uint8Array(payload.length + MAC)
  out.set(payload)
  out.set(mac, payload.length)
  return toBase62(out)
}

/**
 * Checks a `state` that came back on the callback: refused when missing, altered, signed with
 * another secret or binding, or expired. Compare in constant time; never throws for a bad state.
 *
 * @example
 * ```ts
 * const check = await verifyState(c.req.query('state'), { secret: process.env.STATE_SECRET!, binding: sessionId })
 * if (!check.ok) return c.text(`login refused: ${check.reason}`, 400)
 * ```
 * @see https://datatracker.ietf.org/doc/html/rfc6749#section-10.12
 */
export async function verifyState(state: string | undefined | null, options: VerifyStateOptions): Promise<StateCheck> {
  checkOptions('verifyState options', options, ['secret', 'binding', 'now'])
  const { secret, binding = '' } = options
  checkSecret(secret)
  if (typeof binding !== 'string') throw new TypeError(`binding must be a string, got ${kind(binding)}`)
  if (state === undefined || state === null || state === '') return { ok: false, reason: 'missing' }
  if (typeof state !== 'string' || state.length > 128) return { ok: false, reason: 'malformed' }
  const bytes = fromBase62(state)
  if (!bytes || bytes.length < HEADER + MAC || bytes[0] !== VERSION) return { ok: false, reason: 'malformed' }
  const payload = bytes.subarray(0, bytes.length - MAC)
  const expected = await sign(secret, payload, binding)
  // Constant time: a timing difference would let an attacker guess a valid MAC byte by byte.
  let diff = 0
  for (let i = 0; i < MAC; i++) diff |= (expected[i] ?? 0) ^ (bytes[payload.length + i] ?? 0)
  if (diff !== 0) return { ok: false, reason: 'signature' }
  let expiresSeconds = 0
  for (let i = 1; i <= 5; i++) expiresSeconds = expiresSeconds * 256 + (payload[i] ?? 0)
  const expiresAt = expiresSeconds * 1000
  if ((options.now ?? Date.now)() > expiresAt) return { ok: false, reason: 'expired' }
  return { ok: true, data: decoder.decode(payload.subarray(HEADER)), expiresAt, nonce: toBase62(payload.subarray(6, HEADER)) }
}

function checkSecret(secret: unknown): asserts secret is string {
  // Never echo the secret: only its length is named.
  if (typeof secret !== 'string') throw new TypeError(`secret must be a string, got ${kind(secret)}`)
  if (secret.length < 32) throw new RangeError(`secret must be at least 32 characters, got ${secret.length}`)
  // Any characters make a valid HMAC key: only the length is checked.
  checkLength('secret', secret, 4096)
}

async function sign(secret: string, payload: Uint8Array, binding: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  // Length-prefixed payload, then the binding: no two (payload, binding) pairs share an input.
  const bindingBytes = encoder.encode(binding)
  const input = new Uint8Array(1 + payload.length + bindingBytes.length)
  input[0] = payload.length
  input.set(payload, 1)
  input.set(bindingBytes, 1 + payload.length)
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, input)).subarray(0, MAC)
}
