// The error family. Guards compare a brand and a family tag (registered symbols) so they work
// across duplicated package copies, where `instanceof` fails, and for subclasses that report their
// own name (e.g. @wxmp/qrcode's QrCodeNotFoundError is a WeChatTransportError). Every `name` is a
// string literal, not `constructor.name`, which minifiers rename. Fields set in a constructor are
// `declare`d: no field definition is emitted for them, the assignment alone makes them (same order).
// The symbol-keyed brand and family are set there too: a class field with a computed key makes a
// bundler keep the classes even when only a guard is imported (isWeChatApiError alone: 487 -> 175
// bytes gzip).

const BRAND = Symbol.for('wxmp.error')
const FAMILY = Symbol.for('wxmp.error.family')

export interface RequestSummary {
  readonly method: string
  /** The request URL with every secret parameter replaced by `[REDACTED]`. */
  readonly url: string
  /** The WeChat path, e.g. `/cgi-bin/user/info`. */
  readonly path: string
}

/** Base class of every error wxmp throws about a WeChat call. */
export class WeChatError extends Error {
  /** The class's own name; a subclass sets its own (`QrCodeNotFoundError`). */
  override name: string = 'WeChatError'
  declare readonly [BRAND]: true
  /** Which guard family this error belongs to, whatever its `name` (set by the subclasses). */
  declare readonly [FAMILY]: 'api' | 'transport' | undefined
  /** The request, redacted. */
  declare readonly request: RequestSummary

  constructor(message: string, request: RequestSummary, options?: { cause?: unknown }) {
    super(message, options)
    this[BRAND] = true
    this.request = request
  }

  get path(): string {
    return this.request.path
  }

  /** Name, message and every own field (errcode, rid, kind, status, the redacted request ...). */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message }
  }
}

/** WeChat answered with `errcode != 0`. */
export class WeChatApiError extends WeChatError {
  override name: string = 'WeChatApiError'
  declare readonly [FAMILY]: 'api'
  declare readonly errcode: number
  /** WeChat's message without the trailing ` rid: ...`. */
  declare readonly errmsg: string
  /**
   * WeChat's request id, what WeChat's support asks for. Within 7 days, `getRidInfo(client, rid)`
   * from `@wxmp/core/openapi` tells what the call sent and what WeChat answered.
   * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_getridinfo.html
   */
  declare readonly rid: string | undefined
  /** The whole answer, redacted (some errors carry data, e.g. 45065's earlier `msg_id`). */
  declare readonly data: Readonly<Record<string, unknown>>

  constructor(errcode: number, rawErrmsg: string, request: RequestSummary, data: Record<string, unknown>) {
    const match = /\s*,?\s*rid:\s*([\w-]+)\s*$/.exec(rawErrmsg)
    const errmsg = match ? rawErrmsg.slice(0, match.index) : rawErrmsg
    super(`WeChat API error ${errcode} on ${request.path}: ${errmsg}${match ? ` (rid: ${match[1]})` : ''}`, request)
    this[FAMILY] = 'api'
    this.errcode = errcode
    this.errmsg = errmsg
    this.rid = match?.[1]
    this.data = data
  }
}

// A plain list: smaller in the bundle than the regex it was (16 B gzip).

export type TransportErrorKind = 'network' | 'timeout' | 'http' | 'parse'

/**
 * The call did not get a readable WeChat answer: network failure, timeout, HTTP status, unreadable body.
 * The message names the host (a forgotten `baseUrl` shows as api.weixin.qq.com), never the query.
 */
export class WeChatTransportError extends WeChatError {
  override name: string = 'WeChatTransportError'
  declare readonly [FAMILY]: 'transport'
  declare readonly kind: TransportErrorKind
  /** HTTP status, when a response arrived. */
  declare readonly status: number | undefined

  constructor(
    kind: TransportErrorKind,
    message: string,
    request: RequestSummary,
    options: { status?: number | undefined; cause?: unknown } = {},
  ) {
    super(`${message} (${request.method} ${request.url.split('/')[2] ?? ''}${request.path})`, request, { cause: options.cause })
    this[FAMILY] = 'transport'
    this.kind = kind
    this.status = options.status
  }
}

export function isWeChatError(error: unknown): error is WeChatError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true
}

// The name comparison keeps errors from older copies (before the family tag) recognised.
export function isWeChatApiError(error: unknown): error is WeChatApiError {
  return isWeChatError(error) && (error[FAMILY] === 'api' || error.name === 'WeChatApiError')
}

export function isWeChatTransportError(error: unknown): error is WeChatTransportError {
  return isWeChatError(error) && (error[FAMILY] === 'transport' || error.name === 'WeChatTransportError')
}

/** Whether a WeChat answer reports an error (`errcode` present and not 0). */
export function hasErrcode(data: unknown): data is { errcode: unknown; errmsg?: unknown } {
  if (data === null || typeof data !== 'object' || !('errcode' in data)) return false
  return Number((data as { errcode: unknown }).errcode) !== 0
}
