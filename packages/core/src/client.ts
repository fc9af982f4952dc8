// createClient: configuration, the token manager and `request`, the one path every API call takes.
import { isWeChatApiError, isWeChatError, type WeChatError } from './errors'
import type { Hooks } from './hooks'
import type { AccessTokenResult, ClientOptions, QueryValue, RequestOptions } from './options'
import { redactUrl } from './redact'
import { backoff, isTransient, retryPolicy, sleep, TOKEN_ERRCODES } from './retry'
import { createMemoryTokenStore } from './token-store'
import { TokenManager, type FetchedToken } from './token-manager'
import { createHttp, send, type Attempt } from './transport'
import { checkClientOptions } from './internal/check-options'

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
  checkClientOptions(options)
  if (typeof options?.appId !== 'string' || options.appId === '') throw new TypeError('createClient: appId must be a non-empty string')
  if (options.getAccessToken === undefined && (typeof options.appSecret !== 'string' || options.appSecret === '')) {
    throw new TypeError('createClient: appSecret must be a non-empty string (or pass getAccessToken)')
  }
  const appId = options.appId
  const appSecret = options.appSecret ?? ''
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
  const tokenMode = options.getAccessToken ? 'custom' : (options.tokenMode ?? 'stable')
  const now = options.now ?? Date.now
  const http = createHttp(options.fetch)
  const policy = retryPolicy(options.retry)
  const timeout = options.timeout ?? 10_000
  const hooks = options.hooks ?? {}
  const hasHooks = Boolean(hooks.beforeRequest || hooks.afterResponse || hooks.onError)
  // Every secret value this client knows, scrubbed from errors (tokens join as they arrive).
  const secrets = new Set<string>(appSecret ? [appSecret] : [])

  const fetchToken = async (forceRefresh: boolean): Promise<FetchedToken> => {
    let token: FetchedToken
    if (options.getAccessToken) {
      const result: AccessTokenResult = await options.getAccessToken({ forceRefresh })
      // A token of unknown life is re-asked for after 5 minutes, or at once after a token error.
      token = typeof result === 'string' ? { accessToken: result, expiresIn: 600 } : { accessToken: result.accessToken, expiresIn: result.expiresIn ?? 600 }
    } else {
      const answer =
        tokenMode === 'classic'
          ? await call<TokenAnswer>('/cgi-bin/token', { accessToken: false, query: { grant_type: 'client_credential', appid: appId, secret: appSecret } })
          : await call<TokenAnswer>('/cgi-bin/stable_token', {
              accessToken: false,
              idempotent: !forceRefresh,
              json: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh },
            })
      token = { accessToken: answer.access_token, expiresIn: Number(answer.expires_in) }
    }
    if (typeof token.accessToken !== 'string' || token.accessToken === '') throw new TypeError('access token source returned no token')
    secrets.add(token.accessToken)
    // The last few tokens are enough to scrub: older ones are long dead.
    if (secrets.size > 8) secrets.delete([...secrets][appSecret ? 1 : 0] as string)
    return token
  }

  const tokens = new TokenManager({
    store: options.tokenStore ?? createMemoryTokenStore(),
    key: `${appId}:${tokenMode}`,
    fetchToken,
    refreshMarginMs: options.refreshMarginMs ?? 300_000,
    now,
  })

  async function call<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`request path must start with "/", got ${JSON.stringify(path)}`)
    const hasBody = opts.json !== undefined || opts.body !== undefined
    const method = opts.method ?? (hasBody ? 'POST' : 'GET')
    const idempotent = opts.idempotent ?? method === 'GET'
    const useToken = opts.accessToken !== false
    const headers: Record<string, string> = { ...opts.headers }
    let body: BodyInit | undefined = opts.body
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json)
      headers['content-type'] ??= 'application/json; charset=utf-8'
    }

    let tokenRetried = false
    let retries = 0
    for (let attemptNo = 1; ; attemptNo++) {
      const token = useToken ? await tokens.get(opts.signal) : undefined
      const url = buildUrl(opts.baseUrl ?? baseUrl, path, opts.query, {
        ...(token ? { access_token: token } : {}),
        ...(opts.appCredentials ? { appid: appId, secret: appSecret } : {}),
      })
      const attempt: Attempt = {
        method,
        url,
        path,
        body,
        headers,
        signal: opts.signal,
        timeout: opts.timeout ?? timeout,
        raw: opts.responseType === 'response',
        secrets,
      }
      // Hook payloads (with a redacted URL) are built only for clients that have hooks.
      const event = hasHooks ? { method, path, url: redactUrl(url.toString()), attempt: attemptNo, idempotent } : undefined
      if (event) safely(hooks.beforeRequest, event)
      const started = now()
      try {
        const result = await send(http, attempt)
        if (event) safely(hooks.afterResponse, { ...event, status: result.status, durationMs: now() - started })
        return result.value as T
      } catch (error) {
        // A stream body is spent after one attempt, so it is never sent again.
        const resendable = !isReadableStream(body)
        const tokenError = resendable && token !== undefined && !tokenRetried && isWeChatApiError(error) && TOKEN_ERRCODES.has(error.errcode)
        const retry = resendable && !tokenError && idempotent && retries < policy.limit && isTransient(error)
        if (event && isWeChatError(error)) safely(hooks.onError, { ...event, error: error as WeChatError, durationMs: now() - started, willRetry: tokenError || retry })
        if (tokenError) {
          tokenRetried = true
          await tokens.invalidate(token)
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

  return {
    appId,
    baseUrl,
    tokenMode,
    request: call as WeChatClient['request'],
    getAccessToken: (o = {}) => tokens.get(o.signal, o.forceRefresh ?? false),
    invalidateAccessToken: (accessToken) => tokens.invalidate(accessToken),
  }
}

function buildUrl(base: string, path: string, query: Readonly<Record<string, QueryValue>> | undefined, extra: Record<string, string>): URL {
  const url = new URL(base.replace(/\/+$/, '') + path)
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v)
  return url
}

function isReadableStream(body: unknown): body is ReadableStream {
  return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream
}

function safely<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return
  try {
    hook(event)
  } catch {
    // A logging hook must never change what a call does.
  }
}

export type { Hooks }
