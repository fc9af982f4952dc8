// Logging and metrics hooks. Payloads carry redacted URLs and redacted errors only.
import type { WeChatError } from './errors'

export interface RequestEvent {
  readonly method: 'GET' | 'POST'
  /** WeChat path, e.g. `/cgi-bin/user/info`. */
  readonly path: string
  /** Full URL with secrets replaced by `[REDACTED]`. */
  readonly url: string
  /** 1 for the first attempt. */
  readonly attempt: number
  readonly idempotent: boolean
}

export interface ResponseEvent extends RequestEvent {
  readonly status: number
  readonly durationMs: number
}

export interface ErrorEvent extends RequestEvent {
  readonly error: WeChatError
  readonly durationMs: number
  /** Whether the client will try again (token refresh or retry). */
  readonly willRetry: boolean
}

export interface Hooks {
  readonly beforeRequest?: (event: RequestEvent) => void
  readonly afterResponse?: (event: ResponseEvent) => void
  readonly onError?: (event: ErrorEvent) => void
}
