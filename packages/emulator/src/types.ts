// Public types of the emulator: options, the running handle and what the control API returns.

/** One Official Account the emulator serves. */
export interface EmulatorApp {
  readonly appId: string
  readonly appSecret: string
  /** Synthetic followers generated lazily (deterministic openids). @default 100 */
  readonly followers?: number
  /** Domain allowed for OAuth `redirect_uri` (any host when omitted). */
  readonly oauthDomain?: string
}

export interface EmulatorOptions {
  /** Port to listen on; `0` picks a free one. @default 0 */
  readonly port?: number
  /** @default '127.0.0.1' */
  readonly hostname?: string
  /** Apps served. @default [DEFAULT_APP] */
  readonly apps?: readonly EmulatorApp[]
  /** Start of the emulator clock, epoch ms. @default Date.now() */
  readonly now?: number
  /** Print one line per request to stderr. @default false */
  readonly log?: boolean
}

/** A message the emulator delivered (custom, mass, template, preview ...), in delivery order. */
export interface OutboxEntry {
  readonly seq: number
  readonly appId: string
  /** Which API delivered it. */
  readonly channel: 'custom' | 'mass' | 'preview' | 'template' | (string & {})
  readonly touser: string
  readonly msgtype: string
  /** The message body as WeChat received it (snake_case wire form, for the msgtype). */
  readonly payload: Record<string, unknown>
  /** Emulator clock, epoch ms. */
  readonly at: number
  /** Extra ids the channel assigns (mass `msg_id`, template `msgid`). */
  readonly ref?: string
}

/** A fault to inject, matched by path prefix, for the next `times` matching requests. */
export interface FaultSpec {
  /** Path the fault applies to (exact path, or a prefix ending in `*`). */
  readonly path: string
  /**
   * - `latency`: wait `ms` then answer normally
   * - `errcode`: answer `{ errcode, errmsg }` (default -1 "system error") without running the handler
   * - `http`: answer HTTP `status` (default 500) with a plain body, without running the handler
   * - `reset`: destroy the connection without answering
   * - `malformed`: answer HTTP 200 with a body that is not JSON
   */
  readonly kind: 'latency' | 'errcode' | 'http' | 'reset' | 'malformed'
  /** `after`: run the real handler first (the request takes effect), then apply the fault to the answer. @default 'before' */
  readonly phase?: 'before' | 'after'
  /** How many matching requests it applies to. @default 1 */
  readonly times?: number
  readonly ms?: number
  readonly errcode?: number
  readonly status?: number
}
