// createClient: configuration, the access token's CredentialCache and `request`, the one path every API call takes.
import { isWeChatApiError, isWeChatError, type WeChatError } from './errors'
import type { Hooks } from './hooks'
import type { AccessTokenResult, ClientOptions, QueryValue, RequestOptions } from './options'
import { redactUrl } from './redact'
import { backoff, isTransient, retryPolicy, sleep, TOKEN_ERRCODES } from './retry'
import { createMemoryTokenStore } from './token-store'
import { attachCredentialContext, CredentialCache, CredentialRejectedError, type FetchedCredential } from './credential-cache'
import { createHttp, isReadableStream, send, type Attempt } from './transport'
import { checkClientOptions, checkRequestOptions } from './internal/check-options'

export const DEFAULT_BASE_URL = 'https://api.weixin.qq.com'

export interface WeChatClient {
  readonly appId: string
  readonly baseUrl: string
  readonly tokenMode: 'stable' | 'classic' | 'custom'
  /** Calls any WeChat endpoint: the escape hatch for endpoints wxmp does not wrap yet. */
  request<T = unknown>(path: string, options?: RequestOptions & { readonly responseType?: 'json' }): Promise<T>
  request(path: string, options: RequestOptions & { readonly responseType: 'response' }): Promise<Response>
  /** A valid platform access token, for your own calls. `forceRefresh` asks WeChat for a new one. */
  getAccessToken(options?: { readonly signal?: AbortSignal; readonly forceRefresh?: boolean }): Promise<string>
  /** Tell the client a token was rejected (40001 on your own call): dropped only if still cached. */
  invalidateAccessToken(accessToken: string): Promise<boolean>
}

interface TokenAnswer {
  access_token: string
  expires_in: number
}

/* @__NO_SIDE_EFFECTS__ */
export function createClient(options: ClientOptions): WeChatClient {
  // Every option's type and range, appId present, and appSecret unless getAccessToken is given.
  checkClientOptions(options)
  const appId = options.appId
  const appSecret = options.appSecret ?? ''
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
  const tokenMode = options.getAccessToken ? 'custom' : (options.tokenMode ?? 'stable')
  const now = options.now ?? Date.now
  // One ky instance per client, configured once: no per-call option merging of wxmp's own.
  const http = createHttp(options.fetch)
  const policy = retryPolicy(options.retry)
  const timeout = options.timeout ?? 10_000
  const hooks = options.hooks ?? {}
  const hasHooks = Boolean(hooks.beforeRequest || hooks.afterResponse || hooks.onError)
  // Every secret value this client knows, scrubbed from errors (tokens join as they are sent).
  const secrets = new Set<string>(appSecret ? [appSecret] : [])

  const fetchToken = async (forceRefresh: boolean): Promise<FetchedCredential> => {
    let token: FetchedCredential
    if (options.getAccessToken) {
      const result: AccessTokenResult = await options.getAccessToken({ forceRefresh })
      // A token of unknown life is re-asked for after 5 minutes, or at once after a token error.
      token =
        typeof result === 'string' ? { value: result, expiresIn: 600 } : { value: result.accessToken, expiresIn: result.expiresIn ?? 600 }
    } else {
      const grant = { grant_type: 'client_credential', appid: appId, secret: appSecret }
      const answer = await (tokenMode === 'classic'
        ? call<TokenAnswer>('/cgi-bin/token', { accessToken: false, query: grant })
        : call<TokenAnswer>('/cgi-bin/stable_token', {
            accessToken: false,
            idempotent: !forceRefresh,
            json: { ...grant, force_refresh: forceRefresh },
          }))
      token = { value: answer.access_token, expiresIn: Number(answer.expires_in) }
    }
    if (typeof token.value !== 'string' || token.value === '') throw new TypeError('access token source returned no token')
    return token
  }

  // Shared with packages that cache other credentials (JS-SDK tickets) beside the token.
  const credentialContext = {
    store: options.tokenStore ?? createMemoryTokenStore(),
    refreshMarginMs: options.refreshMarginMs ?? 300_000,
    now,
  }
  const tokens = new CredentialCache({ ...credentialContext, key: `${appId}:${tokenMode}`, fetch: fetchToken, label: 'access token' })

  async function call<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    checkPath(path)
    checkRequestOptions(opts)
    const hasBody = opts.json !== undefined || opts.body !== undefined
    const method = opts.method ?? (hasBody ? 'POST' : 'GET')
    const idempotent = opts.idempotent ?? method === 'GET'
    const useToken = opts.accessToken !== false
    // The common case (no headers of the caller's) shares one frozen object: no garbage per call.
    let headers: Record<string, string> | undefined = opts.headers === undefined ? undefined : { ...opts.headers }
    let body: BodyInit | undefined = opts.body
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json)
      if (headers === undefined) headers = JSON_HEADERS
      else headers['content-type'] ??= JSON_CONTENT_TYPE
    }
    const base = opts.baseUrl?.replace(/\/+$/, '') ?? baseUrl
    // The query without the token is the same for every attempt: built once.
    // App credentials are query entries the client adds itself (they win over a caller's appid / secret).
    const sep = path.includes('?') ? '&' : '?'
    const fixedQuery = buildQuery(sep, opts.appCredentials ? { ...opts.query, appid: appId, secret: appSecret } : opts.query, useToken)
    const prefix = base + path + fixedQuery
    const tokenSep = fixedQuery ? '&' : sep

    let tokenRetried = false
    let renewed: string | undefined
    let retries = 0
    for (let attemptNo = 1; ; attemptNo++) {
      const token = useToken ? (renewed ?? (await tokens.get({ signal: opts.signal }))) : undefined
      const url = token === undefined ? prefix : `${prefix}${tokenSep}access_token=${encodeURIComponent(token)}`
      // Every token sent is scrubbed, a shared store's too (not fetched here); the last few suffice.
      if (token && secrets.add(token).size > 8) secrets.delete([...secrets][appSecret ? 1 : 0]!)
      const attempt: Attempt = {
        method,
        url,
        path,
        body,
        headers,
        signal: opts.signal,
        timeout: opts.timeout ?? timeout,
        raw: opts.responseType === 'response',
        maxBytes: opts.maxBytes,
        secrets,
        sent: opts,
      }
      // Hook payloads (with a redacted URL) are built only for clients that have hooks.
      const event = hasHooks ? { method, path, url: redactUrl(url), attempt: attemptNo, idempotent } : undefined
      if (event) safely(hooks.beforeRequest, event)
      const started = now()
      try {
        const result = await send(http, attempt)
        if (event) safely(hooks.afterResponse, { ...event, status: result.status, durationMs: now() - started })
        return result.value as T
      } catch (error) {
        // A stream body is spent after one attempt, so it is never sent again.
        const resendable = !isReadableStream(body)
        const rejected = token !== undefined && !tokenRetried && isWeChatApiError(error) && TOKEN_ERRCODES.includes(error.errcode)
        const tokenError = resendable && rejected
        const retry = resendable && !tokenError && idempotent && retries < policy.limit && isTransient(error)
        if (event && isWeChatError(error))
          safely(hooks.onError, { ...event, error: error as WeChatError, durationMs: now() - started, willRetry: tokenError || retry })
        if (rejected && !resendable) {
          // The stream is spent, so this call fails; the token is still renewed, or every later
          // call (another stream upload) would be sent with the rejected one again.
          await tokens.renew(token, opts.signal).catch(() => {})
          throw error
        }
        if (tokenError) {
          tokenRetried = true
          // Never the rejected token again: a newer one from the store, a fetch, or one forced refresh.
          renewed = await tokens.renew(token, opts.signal).catch((renewError: unknown) => {
            throw renewError instanceof CredentialRejectedError ? error : renewError
          })
          continue
        }
        if (retry) {
          retries++
          await sleep(backoff(policy, retries), opts.signal)
          continue
        }
        throw error
      }
    }
  }

  const client: WeChatClient = {
    appId,
    baseUrl,
    tokenMode,
    request: call as WeChatClient['request'],
    getAccessToken: (o) => tokens.get(o),
    invalidateAccessToken: (accessToken) => tokens.invalidate(accessToken),
  }
  return attachCredentialContext(client, credentialContext)
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'
const JSON_HEADERS: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({ 'content-type': JSON_CONTENT_TYPE })

/** `?k=v&...` (or `&...` after a path that has a query), empty when there is nothing to add. */
function buildQuery(sep: '?' | '&', query: Readonly<Record<string, QueryValue>> | undefined, addsToken: boolean): string {
  let out = ''
  for (const k in query) {
    const v = query[k]
    // The token the client adds itself wins over a caller's access_token.
    if (v !== undefined && !(addsToken && k === 'access_token'))
      out += `${out ? '&' : sep}${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`
  }
  return out
}

/**
 * Refuses a request path that could leave the base URL (and take the token with it): it must be
 * one absolute path on the base's host, with no `.`/`..` segments (raw or percent-encoded), no
 * encoded slash or backslash, no `//host`, no fragment, no whitespace or control characters.
 */
function checkPath(path: string): void {
  const refuse = (why: string): never => {
    throw new TypeError(`request path ${why}, got ${typeof path === 'string' ? JSON.stringify(redactUrl(path)) : typeof path}`)
  }
  if (typeof path !== 'string' || !path.startsWith('/')) refuse('must start with "/" (a path on the base URL, not a URL)')
  if (path.startsWith('//')) refuse('must not start with "//" (that names another host)')
  if (/[\\#\x00-\x20\x7f]/.test(path)) refuse('must not contain a backslash, "#", whitespace or control characters')
  const pathname = path.split('?')[0]!
  if (/%(?:2f|5c)/i.test(pathname)) refuse('must not contain an encoded "/" or "\\"')
  // A segment of dots, raw or percent-encoded (`..`, `.%2E`, `%2e`); most paths have neither `.` nor `%`.
  if (/[.%]/.test(pathname) && pathname.split('/').some((seg) => DOTS.test(seg))) refuse('must not contain "." or ".." segments')
}
const DOTS = /^(?:\.|%2e){1,2}$/i

function safely<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return
  try {
    // An async hook's rejection is swallowed too: left unhandled, it would end the process.
    const result: unknown = hook(event)
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') (result as PromiseLike<unknown>).then(undefined, () => {})
  } catch {
    // A logging hook must never change what a call does.
  }
}

export type { Hooks }
