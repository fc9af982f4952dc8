// createClient's options, checked once when the client is made, so a typo or a bad value fails at
// start-up with a clear message instead of shaping every later request (`timeout: 'abc'` would
// otherwise disable the timeout, `tokenMode: 'clasic'` would silently use stable tokens).
//
// One table per options object (name -> kind of value) and one loop: the table's keys are also the
// names `assertOptions` accepts, so an option is listed once, and `satisfies` below fails to compile
// when ClientOptions, RetryOptions, Hooks or RequestOptions gain a name the table lacks (or lose one).
import type { Hooks } from '../hooks'
import type { ClientOptions, RequestOptions, RetryOptions } from '../options'
import { assertFunction, assertHttpUrl, assertInteger, assertObject, assertOneOf, assertOptions, assertPositiveNumber, assertString, describe } from '../validate'

/**
 * What an option may be: `0` anything (free-form, or checked where it is used), `'fn'` a function,
 * `'id'` a non-empty string without control characters, `'appid'` an AppID, `'url'` a base URL, `'ms'` a timeout,
 * `'store'` a TokenStore, `'retry'` a retry option, `'query'` a request query, a list of strings
 * (one of them), `[min, max]` (an integer within), or a nested table (an options object).
 */
type Kind = 0 | 'fn' | 'id' | 'appid' | 'url' | 'ms' | 'store' | 'retry' | 'query' | readonly string[] | readonly [number, number] | Table
interface Table {
  readonly [name: string]: Kind
}
type TableOf<T> = { readonly [K in keyof T]-?: Kind }

/** Retries beyond 10 would hold a read for minutes; a "small whole number" is what retry means here. */
const RETRY = { limit: [0, 10], backoffMs: [0, 60_000], maxBackoffMs: [0, 600_000] } as const satisfies TableOf<RetryOptions>
const HOOKS = { beforeRequest: 'fn', afterResponse: 'fn', onError: 'fn' } as const satisfies TableOf<Hooks>
const CLIENT = {
  appId: 'appid',
  appSecret: 'id',
  baseUrl: 'url',
  tokenMode: ['stable', 'classic'],
  getAccessToken: 'fn',
  tokenStore: 'store',
  refreshMarginMs: [0, 7_200_000],
  fetch: 'fn',
  timeout: 'ms',
  retry: 'retry',
  hooks: HOOKS,
  now: 'fn',
} as const satisfies TableOf<ClientOptions>
const REQUEST = {
  signal: 0, // assertOptions checks it is an AbortSignal
  method: ['GET', 'POST'],
  query: 'query',
  json: 0,
  body: 0,
  headers: 0,
  responseType: ['json', 'response'],
  maxBytes: [1, Number.MAX_SAFE_INTEGER],
  accessToken: 0,
  appCredentials: 0,
  idempotent: 0,
  timeout: 'ms',
  baseUrl: 'url',
} as const satisfies TableOf<RequestOptions>

/** Node's timers hold at most 2^31-1 ms: a longer delay fires after 1 ms and fails every call at once. */
const MAX_TIMEOUT = 2_147_483_647
const QUERY_TYPES = ['string', 'number', 'boolean', 'bigint']

/** Throws TypeError / RangeError naming the option; never shows the secret's text. */
export function checkClientOptions(options: unknown): asserts options is ClientOptions {
  assertObject('createClient options', options)
  checkTable('createClient options', options, CLIENT, 'createClient ')
  if (options.appId === undefined) check('createClient appId', undefined, 'appid')
  if (options.appSecret === undefined && options.getAccessToken === undefined) {
    throw new TypeError('createClient appSecret must be a string (or pass getAccessToken), got undefined')
  }
}

/** `client.request`'s options: known names, GET/POST, a query of strings, numbers, booleans or bigints. */
export function checkRequestOptions(options: RequestOptions): void {
  checkTable('request options', options, REQUEST, 'request ')
  // One body: a JSON body and a raw one together would silently drop one of them.
  if (options.json !== undefined && options.body !== undefined) throw new TypeError('request options take json or body, not both')
  if (options.method === 'GET' && (options.json !== undefined || options.body !== undefined)) throw new TypeError('request method GET takes no json or body')
}

/** Known names only (with a "did you mean"), then each value given. */
function checkTable(name: string, value: unknown, table: Table, prefix: string): asserts value is Readonly<Record<string, unknown>> {
  assertOptions(name, value, Object.keys(table))
  // Every key is the table's now; free-form ones (kind 0) and undefined values need no check.
  for (const key in value) if (table[key] && value[key] !== undefined) check(prefix + key, value[key], table[key])
}

function check(name: string, value: unknown, kind: Kind): void {
  if (kind === 'fn') assertFunction(name, value)
  else if (kind === 'id') assertString(name, value, { controls: 'none' })
  else if (kind === 'appid') {
    // WeChat's AppIDs are wx + 16 hex digits (the emulator's too): one of that shape with a digit
    // missing, or a space left over, fails here instead of after a round trip to WeChat. Other
    // letters-and-digits ids (the docs' `APPID`, a test's `wxfixture`) are let through.
    assertString(name, value, { controls: 'none', max: 32, pattern: /^(?:wx[\da-f]{16}|(?!wx[\da-f]*$)[\da-z]+)$/i, patternText: 'an AppID: wx and 16 hex digits' })
  }
  else if (kind === 'url') {
    // An http(s) base with no `user:pass@`, `?query` or `#fragment`: the path is appended to it, so
    // any of these would send every call (stable_token with the secret in its body included)
    // somewhere else. The value is never echoed: it may hold a password.
    assertHttpUrl(name, value)
    if (/[?#@]/.test(value)) throw new RangeError(`${name} must not contain user:pass@, a ?query or a #fragment, got ${describe(value)}`)
  } else if (kind === 'ms') {
    // `false` (no timeout) or 1..2^31-1 ms.
    if (value === false) return
    assertPositiveNumber(name, value)
    if (value < 1 || value > MAX_TIMEOUT) throw new RangeError(`${name} must be 1 to ${MAX_TIMEOUT} ms (or false for none), got ${value}`)
  } else if (kind === 'store') {
    assertObject(name, value)
    for (const m of ['get', 'set', 'invalidate']) assertFunction(`${name}.${m}`, value[m])
  } else if (kind === 'retry') {
    if (typeof value === 'number') check(name, value, RETRY.limit)
    else if (value !== false) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new TypeError(`${name} must be a number, false or { ${Object.keys(RETRY).join(', ')} }, got ${describe(value)}`)
      }
      checkTable(name, value, RETRY, `${name}.`)
    }
  } else if (kind === 'query') {
    assertObject(name, value)
    for (const k in value) {
      const v = value[k]
      const at = `${name}.${k.slice(0, 40)}`
      // undefined means "leave this parameter out".
      if (v !== undefined && !QUERY_TYPES.includes(typeof v)) throw new TypeError(`${at} must be a string, number, boolean or bigint, got ${describe(v)}`)
      if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`${at} must be a finite number, got ${v}`)
    }
  } else if (Array.isArray(kind)) {
    if (typeof kind[0] === 'number') assertInteger(name, value, { min: kind[0], max: kind[1] as number })
    else assertOneOf(name, value, kind as readonly string[])
  } else if (kind) checkTable(name, value, kind as Table, `${name}.`)
}
