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
  /**
   * `fetch` to send every call through (a proxy's, an undici Agent's), called once per attempt as
   * `fetch(url, init)`. What `init` holds: README "Your own fetch". @default globalThis.fetch
   */
  readonly fetch?: typeof globalThis.fetch
  /**
   * Per-attempt timeout, 1 to 2147483647 ms (Node's timer limit), `false` for none: covers waiting for the answer and reading a JSON
   * body; a binary download read later by the caller is bounded by its signal instead. Calls without
   * a signal of their own share one timer per 10 ms slot, so one may fire up to a slot late.
   * @default 10000
   */
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

/** `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | bigint | undefined

/**
 * Per-call options of `client.request`. The path must be one absolute path on the base URL: paths
 * with `.`/`..` segments (raw or percent-encoded), encoded `/` or `\`, `//host`, a scheme, `#`,
 * whitespace or control characters are refused with a TypeError before any request, as are unknown
 * option names, a method other than GET/POST, a query value of another type, a timeout outside
 * 1..2^31-1 ms, and a baseUrl with `user:pass@`, `?query` or `#fragment`.
 */
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
   * `json` (default): the parsed answer. `response`: the `Response` of a binary endpoint, judged by
   * its first bytes, never by its Content-Type (WeChat has labelled images `text/plain` and errcode
   * JSON `application/octet-stream` or not at all): a JSON object with `errcode != 0` throws
   * WeChatApiError (a token error refreshes and retries); any other JSON object (e.g. `{video_url}`)
   * comes back as a Response labelled `application/json`; a file comes back streamed, its bytes
   * untouched. See https://developers.weixin.qq.com/doc/service/api/material/temporary/api_getmedia
   */
  readonly responseType?: 'json' | 'response'
  /**
   * With `responseType: 'response'`: read at most about this many bytes while telling JSON from a
   * file; a larger body starting with `{` is handed on as a file, for your own size check to refuse.
   * @default 16777216 (16 MiB, the largest JSON a binary endpoint answers)
   */
  readonly maxBytes?: number | undefined
  /** Add `access_token` to the query. @default true */
  readonly accessToken?: boolean
  /** Add the app's `appid` and `secret` to the query (OAuth sns endpoints). @default false */
  readonly appCredentials?: boolean
  /**
   * May this call be retried after a fault that leaves its effect unknown (timeout, reset, 5xx, -1)?
   * @default true for GET, false for POST
   */
  readonly idempotent?: boolean
  /** Override the per-attempt timeout for this call: 1 to 2147483647 ms, or `false` for none. */
  readonly timeout?: number | false
  /** Another host for this call (e.g. `https://mp.weixin.qq.com`). */
  readonly baseUrl?: string
}
