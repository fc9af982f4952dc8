// The one error this package adds: a file larger than allowed, on the way up or down. It is a
// RangeError, so code that already treats bad input as RangeError keeps working.

const BRAND = Symbol.for('wxmp.media.size-error')

/**
 * A file was larger than its limit: an upload over WeChat's limit for the media kind (checked
 * before any request, or while reading a stream of unknown length), or a download over the
 * caller's `maxBytes` (the download was stopped and its connection closed).
 */
export class MediaSizeError extends RangeError {
  override readonly name = 'MediaSizeError'
  readonly [BRAND] = true
  /** The limit, in bytes. */
  readonly limit: number
  /** Bytes seen when the limit was passed (or the declared size, when known up front). */
  readonly size: number

  constructor(message: string, limit: number, size: number) {
    super(message)
    this.limit = limit
    this.size = size
  }
}

/**
 * True for a {@link MediaSizeError}, also across duplicated copies of this package.
 *
 * @example
 * ```ts
 * try { await (await downloadTemporaryMedia(wx, id, { maxBytes: 1024 })) } catch (e) { if (isMediaSizeError(e)) console.log(e.limit) }
 * ```
 */
export function isMediaSizeError(error: unknown): error is MediaSizeError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true
}
