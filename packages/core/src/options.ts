// Client options and the per-call options every API function accepts.
import type { TokenStore } from './token-store'
import type { Hooks } from './hooks'

export type TokenMode = 'stable' | 'classic'

/** What a user-supplied `getAccessToken` returns: a token, or a token with its lifetime. */
export type AccessTokenResult = string | { readonly accessToken: string; readonly expiresIn?: number }

export interface RetryOptions {
  /** Retries after the first attempt, for idempotent calls only. @default 2 */
  readonly limit?: number
  /** First backoff; doubles each retry, with full jitter. @default 200 */
  readonly backoffMs?: number
  /** @default 3000 */
  readonly maxBackoffMs?: number
}

export interface ClientOptions {
  /** The Official Account's AppID (`wx...`). */
  readonly appId: string
  /** The AppSecret. Never logged, never put in an error. Not needed with `getAccessToken`. */
  readonly appSecret?: string
  /**
   * API host. Point it at the emulator, a proxy or a regional host (`https://sh.api.weixin.qq.com`).
   * @default 'https://api.weixin.qq.com'
   */
  readonly baseUrl?: string
  /**
   * `stable` uses `/cgi-bin/stable_token` (the same token for every caller: safe for fleets);
   * `classic` uses `/cgi-bin/token` (each fetch replaces the previous token after 5 minutes).
   * @default 'stable'
   */
  readonly tokenMode?: TokenMode
  /** Your own token source (a central token service). Replaces `tokenMode` fetching. */
  readonly getAccessToken?: (options: { readonly signal?: AbortSignal; readonly forceRefresh: boolean }) => Promise<AccessTokenResult>
  /** Where tokens are cached. Share one store (e.g. @wxmp/redis) across processes. @default in-memory */
  readonly tokenStore?: TokenStore
  /** Refresh the token this long before it expires. @default 300000 (5 minutes) */
  readonly refreshMarginMs?: number
  /** `fetch` to use (a proxy agent, a test server's). @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch
  /** Per-attempt timeout in ms; `false` for none. @default 10000 */
  readonly timeout?: number | false
  /** Retry policy for idempotent calls (reads); `0` or `false` disables. Sends are never retried blindly. */
  readonly retry?: number | false | RetryOptions
  /** Logging and metrics hooks; their payloads are redacted. */
  readonly hooks?: Hooks
  /** Clock for token expiry, epoch ms. @default Date.now */
  readonly now?: () => number
}

/** Options every API function accepts last. */
export interface CallOptions {
  /** Cancels the call (and its retries). */
  readonly signal?: AbortSignal | undefined
}

export type QueryValue = string | number | boolean | undefined

export interface RequestOptions extends CallOptions {
  /** @default 'POST' when `json` or `body` is given, else 'GET' */
  readonly method?: 'GET' | 'POST'
  readonly query?: Readonly<Record<string, QueryValue>>
  /** A JSON body (sent as raw UTF-8, never `\uXXXX`-escaped). */
  readonly json?: unknown
  /** A raw body: `FormData` for uploads. */
  readonly body?: BodyInit
  readonly headers?: Readonly<Record<string, string>>
  /**
   * `json` (default): the parsed answer. `response`: the fetch `Response` (binary endpoints); a
   * JSON/text body is checked for errcode first and thrown as WeChatApiError.
   */
  readonly responseType?: 'json' | 'response'
  /** Add `access_token` to the query. @default true */
  readonly accessToken?: boolean
  /** Add the app's `appid` and `secret` to the query (OAuth sns endpoints). @default false */
  readonly appCredentials?: boolean
  /**
   * May this call be retried after a fault that leaves its effect unknown (timeout, reset, 5xx, -1)?
   * @default true for GET, false for POST
   */
  readonly idempotent?: boolean
  /** Override the per-attempt timeout for this call. */
  readonly timeout?: number | false
  /** Another host for this call (e.g. `https://mp.weixin.qq.com`). */
  readonly baseUrl?: string
}
