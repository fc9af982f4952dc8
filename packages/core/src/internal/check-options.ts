// createClient's and request's options, checked when given, so a typo or a bad value fails at once
// with a clear message instead of shaping every later request (`timeout: 'abc'` would otherwise
// disable the timeout, `tokenMode: 'clasic'` would silently use stable tokens).
//
// One table per options object (name -> its check, see `checkOptions` in validate.ts): the table's
// keys are also the names accepted, so an option is listed once, and `satisfies` below fails to
// compile when ClientOptions, RetryOptions, Hooks or RequestOptions gain a name the table lacks.
import type { Hooks } from '../hooks'
import type { ClientOptions, RequestOptions, RetryOptions } from '../options'
import {
  assertFunction,
  assertHttpUrl,
  assertObject,
  assertPositiveNumber,
  assertString,
  checkOptions,
  describe,
  integerIn,
  oneOf,
  type OptionCheck,
  type OptionsTable,
} from '../validate'

type TableOf<T> = { readonly [K in keyof T]-?: OptionCheck | OptionsTable | null }

/** Node's timers hold at most 2^31-1 ms: a longer delay fires after 1 ms and fails every call at once. */
const MAX_TIMEOUT = 2_147_483_647
const QUERY_TYPES = ['string', 'number', 'boolean', 'bigint']

/** A non-empty string without control characters (secrets: never echoed). */
const id: OptionCheck = (name, value) => assertString(name, value, { controls: 'none' })

// WeChat's AppIDs are wx + 16 hex digits (the emulator's too): one of that shape with a digit
// missing, or a space left over, fails here instead of after a round trip to WeChat. Other
// letters-and-digits ids (the docs' `APPID`, a test's `wxfixture`) are let through.
const appId: OptionCheck = (name, value) =>
  assertString(name, value, {
    controls: 'none',
    max: 32,
    pattern: /^(?:wx[\da-f]{16}|(?!wx[\da-f]*$)[\da-z]+)$/i,
    patternText: 'an AppID: wx and 16 hex digits',
  })

// An http(s) base with no `user:pass@`, `?query` or `#fragment`: the path is appended to it, so any
// of these would send every call (stable_token with the secret in its body included) somewhere
// else. The value is never echoed: it may hold a password.
const baseUrl: OptionCheck = (name, value) => {
  assertHttpUrl(name, value)
  if (/[?#@]/.test(value)) throw new RangeError(`${name} must not contain user:pass@, a ?query or a #fragment, got ${describe(value)}`)
}

/** `false` (no timeout) or 1..2^31-1 ms. */
const ms: OptionCheck = (name, value) => {
  if (value === false) return
  assertPositiveNumber(name, value)
  if (value < 1 || value > MAX_TIMEOUT) throw new RangeError(`${name} must be 1 to ${MAX_TIMEOUT} ms (or false for none), got ${value}`)
}

const store: OptionCheck = (name, value) => {
  assertObject(name, value)
  for (const m of ['get', 'set', 'invalidate']) assertFunction(`${name}.${m}`, value[m])
}

/** Retries beyond 10 would hold a read for minutes; a "small whole number" is what retry means here. */
const RETRY = {
  limit: /* @__PURE__ */ integerIn(0, 10),
  backoffMs: /* @__PURE__ */ integerIn(0, 60_000),
  maxBackoffMs: /* @__PURE__ */ integerIn(0, 600_000),
} satisfies TableOf<RetryOptions>

const retry: OptionCheck = (name, value) => {
  if (typeof value === 'number') RETRY.limit(name, value)
  else if (value !== false) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new TypeError(`${name} must be a number, false or { ${Object.keys(RETRY).join(', ')} }, got ${describe(value)}`)
    }
    checkOptions(name, value, RETRY)
  }
}

const query: OptionCheck = (name, value) => {
  assertObject(name, value)
  for (const k in value) {
    const v = value[k]
    const at = `${name}.${k.slice(0, 40)}`
    // undefined means "leave this parameter out".
    if (v !== undefined && !QUERY_TYPES.includes(typeof v))
      throw new TypeError(`${at} must be a string, number, boolean or bigint, got ${describe(v)}`)
    if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`${at} must be a finite number, got ${v}`)
  }
}

const HOOKS = { beforeRequest: assertFunction, afterResponse: assertFunction, onError: assertFunction } satisfies TableOf<Hooks>
const CLIENT = {
  appId,
  appSecret: id,
  baseUrl,
  tokenMode: /* @__PURE__ */ oneOf('stable', 'classic'),
  getAccessToken: assertFunction,
  tokenStore: store,
  refreshMarginMs: /* @__PURE__ */ integerIn(0, 7_200_000),
  fetch: assertFunction,
  timeout: ms,
  retry,
  hooks: HOOKS,
  now: assertFunction,
} satisfies TableOf<ClientOptions>
const REQUEST = {
  signal: null, // checkOptions checks it is an AbortSignal
  method: /* @__PURE__ */ oneOf('GET', 'POST'),
  query,
  json: null,
  body: null,
  headers: null,
  responseType: /* @__PURE__ */ oneOf('json', 'response'),
  maxBytes: /* @__PURE__ */ integerIn(1, Infinity),
  accessToken: null,
  appCredentials: null,
  idempotent: null,
  timeout: ms,
  baseUrl,
} satisfies TableOf<RequestOptions>

/** Throws TypeError / RangeError naming the option; never shows the secret's text. */
export function checkClientOptions(options: unknown): asserts options is ClientOptions {
  assertObject('createClient options', options)
  checkOptions('createClient options', options, CLIENT, 'createClient ')
  if (options.appId === undefined) appId('createClient appId', undefined)
  if (options.appSecret === undefined && options.getAccessToken === undefined) {
    throw new TypeError('createClient appSecret must be a string (or pass getAccessToken), got undefined')
  }
}

/** `client.request`'s options: known names, GET/POST, a query of strings, numbers, booleans or bigints. */
export function checkRequestOptions(options: RequestOptions): void {
  checkOptions('request options', options, REQUEST, 'request ')
  // One body: a JSON body and a raw one together would silently drop one of them.
  if (options.json !== undefined && options.body !== undefined) throw new TypeError('request options take json or body, not both')
  if (options.method === 'GET' && (options.json !== undefined || options.body !== undefined))
    throw new TypeError('request method GET takes no json or body')
}
