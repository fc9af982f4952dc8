// createClient's options, checked once when the client is made, so a typo or a bad value fails at
// start-up with a clear message instead of shaping every later request (`timeout: 'abc'` would
// otherwise disable the timeout, `tokenMode: 'clasic'` would silently use stable tokens).
import type { Hooks } from '../hooks'
import type { ClientOptions, RequestOptions, RetryOptions } from '../options'
import { assertFunction, assertHttpUrl, assertInteger, assertObject, assertOneOf, assertOptions, assertPositiveNumber, assertString, describe } from '../validate'

const CLIENT_OPTIONS = ['appId', 'appSecret', 'baseUrl', 'tokenMode', 'getAccessToken', 'tokenStore', 'refreshMarginMs', 'fetch', 'timeout', 'retry', 'hooks', 'now'] as const
const RETRY_OPTIONS = ['limit', 'backoffMs', 'maxBackoffMs'] as const
const HOOKS = ['beforeRequest', 'afterResponse', 'onError'] as const
const REQUEST_OPTIONS = ['signal', 'method', 'query', 'json', 'body', 'headers', 'responseType', 'accessToken', 'appCredentials', 'idempotent', 'timeout', 'baseUrl'] as const

// The lists must name every option: one missing would be refused as unknown. These fail to compile
// when ClientOptions, RetryOptions or Hooks gain a name the lists lack (the error names it).
type AllListed<T, L extends readonly PropertyKey[]> = [Exclude<keyof T, L[number]>] extends [never] ? true : Exclude<keyof T, L[number]>
export const LISTS_COMPLETE: [AllListed<ClientOptions, typeof CLIENT_OPTIONS>, AllListed<RetryOptions, typeof RETRY_OPTIONS>, AllListed<Hooks, typeof HOOKS>, AllListed<RequestOptions, typeof REQUEST_OPTIONS>] = [true, true, true, true]
/** Retries beyond this would hold a read for minutes; a "small whole number" is what retry means here. */
const MAX_RETRY_LIMIT = 10

/** Throws TypeError / RangeError naming the option; never shows the secret's text. */
export function checkClientOptions(options: unknown): asserts options is ClientOptions {
  if (options === undefined) throw new TypeError('createClient options must be an object with appId and appSecret, got undefined')
  assertOptions('createClient options', options, CLIENT_OPTIONS)
  const o = options as { readonly [K in (typeof CLIENT_OPTIONS)[number]]?: unknown }
  assertString('createClient appId', o.appId, { controls: 'none' })
  if (o.appSecret !== undefined) assertString('createClient appSecret', o.appSecret, { controls: 'none' })
  if (o.baseUrl !== undefined) checkBaseUrl('createClient baseUrl', o.baseUrl)
  if (o.tokenMode !== undefined) assertOneOf('createClient tokenMode', o.tokenMode, ['stable', 'classic'])
  for (const key of ['getAccessToken', 'fetch', 'now'] as const) if (o[key] !== undefined) assertFunction(`createClient ${key}`, o[key])
  if (o.tokenStore !== undefined) {
    assertObject('createClient tokenStore', o.tokenStore)
    for (const m of ['get', 'set', 'invalidate'] as const) assertFunction(`createClient tokenStore.${m}`, o.tokenStore[m])
  }
  if (o.refreshMarginMs !== undefined) {
    assertInteger('createClient refreshMarginMs', o.refreshMarginMs, { min: 0, max: 7_200_000 })
  }
  if (o.timeout !== undefined) checkTimeout('createClient timeout', o.timeout)
  if (o.retry !== undefined && o.retry !== false) {
    if (typeof o.retry === 'number') assertInteger('createClient retry', o.retry, { min: 0, max: MAX_RETRY_LIMIT })
    else if (o.retry !== null && typeof o.retry === 'object' && !Array.isArray(o.retry)) {
      assertOptions('createClient retry', o.retry, RETRY_OPTIONS)
      const r = o.retry as { readonly [K in (typeof RETRY_OPTIONS)[number]]?: unknown }
      if (r.limit !== undefined) assertInteger('createClient retry.limit', r.limit, { min: 0, max: MAX_RETRY_LIMIT })
      if (r.backoffMs !== undefined) assertInteger('createClient retry.backoffMs', r.backoffMs, { min: 0, max: 60_000 })
      if (r.maxBackoffMs !== undefined) assertInteger('createClient retry.maxBackoffMs', r.maxBackoffMs, { min: 0, max: 600_000 })
    } else throw new TypeError(`createClient retry must be a number, false or { limit, backoffMs, maxBackoffMs }, got ${describe(o.retry)}`)
  }
  if (o.hooks !== undefined) {
    assertOptions('createClient hooks', o.hooks, HOOKS)
    const hooks = o.hooks as { readonly [K in (typeof HOOKS)[number]]?: unknown }
    for (const h of HOOKS) if (hooks[h] !== undefined) assertFunction(`createClient hooks.${h}`, hooks[h])
  }
}

/** Node's timers hold at most 2^31-1 ms: a longer delay fires after 1 ms and fails every call at once. */
const MAX_TIMEOUT = 2_147_483_647

/** `false` (no timeout) or 1..2^31-1 ms. */
function checkTimeout(name: string, value: unknown): void {
  if (value === false) return
  assertPositiveNumber(name, value)
  if (value < 1 || value > MAX_TIMEOUT) throw new RangeError(`${name} must be 1 to ${MAX_TIMEOUT} ms (or false for none), got ${value}`)
}

/**
 * An http(s) base with no `user:pass@`, `?query` or `#fragment`: the path is appended to it, so any of
 * these would send every call (stable_token with the secret in its body included) somewhere else.
 * The value is never echoed: it may hold a password.
 */
function checkBaseUrl(name: string, value: unknown): void {
  assertHttpUrl(name, value)
  if (/[?#@]/.test(value)) throw new RangeError(`${name} must not contain user:pass@, a ?query or a #fragment, got ${describe(value)}`)
}

/** `client.request`'s options: known names, GET/POST, a query of strings, numbers, booleans or bigints. */
export function checkRequestOptions(options: RequestOptions): void {
  assertOptions('request options', options, REQUEST_OPTIONS)
  const o = options as { readonly [K in (typeof REQUEST_OPTIONS)[number]]?: unknown }
  if (o.method !== undefined) assertOneOf('request method', o.method, ['GET', 'POST'])
  if (o.responseType !== undefined) assertOneOf('request responseType', o.responseType, ['json', 'response'])
  if (o.timeout !== undefined) checkTimeout('request timeout', o.timeout)
  if (o.baseUrl !== undefined) checkBaseUrl('request baseUrl', o.baseUrl)
  if (o.query !== undefined) {
    assertObject('request query', o.query)
    for (const k in o.query) {
      const v = o.query[k]
      // undefined means "leave this parameter out".
      if (v !== undefined && !QUERY_TYPES.includes(typeof v)) throw new TypeError(`request query.${k.slice(0, 40)} must be a string, number, boolean or bigint, got ${describe(v)}`)
      if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`request query.${k.slice(0, 40)} must be a finite number, got ${v}`)
    }
  }
  // One body: a JSON body and a raw one together would silently drop one of them.
  if (o.json !== undefined && o.body !== undefined) throw new TypeError('request options take json or body, not both')
  if (o.method === 'GET' && (o.json !== undefined || o.body !== undefined)) throw new TypeError('request method GET takes no json or body')
}
const QUERY_TYPES = ['string', 'number', 'boolean', 'bigint']
