// Turning whatever the caller has (Blob, File, bytes, a web stream, an async iterable) into the
// multipart body an upload sends, checking format and size first. A stream with `options.size` is
// streamed through (never held); one of unknown length is read into a Blob only up to the limit:
// the byte after it stops the read and cancels the source.
import { assertInteger, assertString, type CallOptions, type WeChatClient } from '@wxmp/core'
import { MediaSizeError } from '../errors'
import { extensionForMime, extensionOf, mimeForExtension, type MediaRule } from './formats'
import { blobMultipart, streamMultipart, type MultipartUpload } from './multipart'
import { chunkError, isReadableStream, readSource, type ByteSource } from './source'

/** What an upload accepts: anything a runtime hands you as file data. */
export type MediaSource = Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

/** Options of every upload. */
export interface UploadOptions extends CallOptions {
  /**
   * The file name WeChat sees; its extension names the format (`photo.jpg`). Taken from a `File`'s
   * name when omitted; made up from `contentType` (`media.jpg`) when there is neither.
   */
  readonly filename?: string
  /** The content type (`type/subtype`); taken from a `Blob`'s type, then from the file name's extension. */
  readonly contentType?: string
  /**
   * The length in bytes of a stream source: with it the stream is sent as read, never held in
   * memory, and must yield exactly this many bytes; a Blob's or bytes' length is checked against it.
   * See README "Streams with `size`" (what is cancelled when, and why a stream is sent once).
   */
  readonly size?: number
  /**
   * Per-attempt timeout of this upload in ms, sending the file included; the client's `timeout`
   * when omitted. A large file on a slow link needs more than the 10 s default.
   */
  readonly timeout?: number | false
}

/** The option names every upload takes. */
export const UPLOAD_OPTIONS = ['filename', 'contentType', 'size', 'timeout', 'signal'] as const

/** The body of one upload request, ready for `sendUpload`. */
export type PreparedUpload = MultipartUpload

/**
 * Checks `file` against `rule` and returns the multipart body: the file as the `media` part, then
 * `fields`. A stream with `options.size` is streamed; other streams are read up to the limit only.
 */
export async function prepareUpload(
  rule: MediaRule,
  file: unknown,
  options: UploadOptions = {},
  fields: Readonly<Record<string, string>> = {},
): Promise<PreparedUpload> {
  const { filename, contentType } = describeFile(rule, file, options)
  const { size } = options
  if (size !== undefined) {
    assertInteger('options.size', size, { min: 1 })
    if (size > rule.maxBytes) throw tooLarge(rule, size, false, 'options.size')
  }
  let blob: Blob
  if (isBlob(file)) {
    checkSize(rule, file.size)
    checkGivenSize(size, file.size)
    // The part's Content-Type line carries the type; the Blob itself is referenced as it is.
    blob = file
  } else if (file instanceof ArrayBuffer || ArrayBuffer.isView(file)) {
    checkSize(rule, file.byteLength)
    checkGivenSize(size, file.byteLength)
    blob = new Blob([file as BlobPart], { type: contentType })
  } else if (size !== undefined) {
    options.signal?.throwIfAborted()
    return streamMultipart(file as ByteSource, size, { filename, contentType }, fields)
  } else {
    blob = await collect(rule, file as ByteSource, contentType, options.signal)
    checkSize(rule, blob.size)
  }
  return blobMultipart(blob, { filename, contentType }, fields)
}

/**
 * Posts a prepared upload to `path`. When a streamed body stopped early (the source gave more or
 * fewer bytes than `options.size`), that reason is thrown rather than the failed request's.
 */
export async function sendUpload<T>(
  client: WeChatClient,
  path: string,
  query: Readonly<Record<string, string>> | undefined,
  upload: PreparedUpload,
  options: UploadOptions,
): Promise<T> {
  try {
    return await client.request<T>(path, {
      method: 'POST',
      ...(query ? { query } : {}),
      body: upload.body,
      headers: upload.headers,
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      signal: options.signal,
    })
  } catch (error) {
    throw upload.failure?.() ?? error
  } finally {
    upload.release?.()
  }
}

function checkGivenSize(size: number | undefined, actual: number): void {
  if (size !== undefined && size !== actual) throw new RangeError(`options.size is ${size}, but the file has ${actual} bytes`)
}

const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/

/** The file name (with an accepted extension) and content type to send. */
function describeFile(rule: MediaRule, file: unknown, options: UploadOptions): { filename: string; contentType: string } {
  if (!isSource(file)) {
    throw new TypeError(
      `file must be a Blob, File, ArrayBuffer, Uint8Array, ReadableStream or async iterable of bytes, got ${describe(file)}`,
    )
  }
  if (options.filename !== undefined && (typeof options.filename !== 'string' || options.filename.trim() === '')) {
    throw new TypeError('options.filename must be a non-empty string')
  }
  // It becomes a header line of the multipart body: a MIME type and nothing else.
  if (options.contentType !== undefined)
    assertString('options.contentType', options.contentType, {
      max: 255,
      controls: 'none',
      pattern: MIME_TYPE,
      patternText: 'a MIME type such as image/png',
    })
  const givenName = options.filename ?? (isFile(file) && file.name !== '' ? file.name : undefined)
  const givenType = options.contentType ?? (isBlob(file) && file.type !== '' ? file.type : undefined)
  const ext =
    (givenName === undefined ? undefined : extensionOf(givenName)) ?? (givenType === undefined ? undefined : extensionForMime(givenType))
  if (ext === undefined) {
    throw new TypeError(
      `cannot tell the format of the ${rule.label}: pass options.filename with an extension (one of ${rule.formats.join(', ')}) or options.contentType`,
    )
  }
  if (!rule.formats.includes(ext)) {
    throw new RangeError(`${rule.label} format must be one of ${rule.formats.join(', ')}, got ${ext}`)
  }
  const base = givenName === undefined ? 'media' : givenName.slice(givenName.lastIndexOf('/') + 1)
  const filename = extensionOf(base) === ext ? base : `${base}.${ext}`
  return { filename, contentType: givenType ?? mimeForExtension(ext) ?? 'application/octet-stream' }
}

function checkSize(rule: MediaRule, size: number): void {
  if (size === 0) throw new RangeError(`${rule.label} file must not be empty`)
  if (size > rule.maxBytes) throw tooLarge(rule, size)
}

function tooLarge(rule: MediaRule, size: number, soFar = false, given?: string): MediaSizeError {
  return new MediaSizeError(
    `${rule.label} file must be at most ${rule.maxBytes} bytes (${formatBytes(rule.maxBytes)}), got ${soFar ? 'more than that' : size}${given ? ` (${given})` : ''}`,
    rule.maxBytes,
    size,
  )
}

/** Chunks are folded into the Blob every this many bytes, so they are not all held twice. */
const FOLD_BYTES = 1024 * 1024

/**
 * Reads a stream or async iterable into a Blob, refusing as soon as it passes the limit. Every
 * {@link FOLD_BYTES} the chunks read so far join the Blob (a Blob part is referenced, not copied),
 * so the file is held about once: collecting every chunk and copying them into a Blob at the end
 * held it twice at the peak.
 */
async function collect(rule: MediaRule, source: ByteSource, type: string, signal: AbortSignal | undefined): Promise<Blob> {
  let blob = new Blob([], { type })
  let parts: Uint8Array[] = []
  let pending = 0
  let size = 0
  signal?.throwIfAborted()
  const next = readSource(source)
  try {
    for (;;) {
      const { done, value } = await next.read()
      if (done) break
      if (!(value instanceof Uint8Array)) throw chunkError(value)
      size += value.byteLength
      if (size > rule.maxBytes) throw tooLarge(rule, size, true)
      parts.push(value)
      pending += value.byteLength
      if (pending >= FOLD_BYTES) {
        blob = new Blob([blob, ...(parts as BlobPart[])], { type })
        parts = []
        pending = 0
      }
      signal?.throwIfAborted()
    }
  } catch (error) {
    // Tell the producer to stop: nothing more will be read.
    await next.cancel(error)
    throw error
  }
  return parts.length === 0 ? blob : new Blob([blob, ...(parts as BlobPart[])], { type })
}

function isSource(value: unknown): boolean {
  return (
    isBlob(value) ||
    value instanceof ArrayBuffer ||
    value instanceof Uint8Array ||
    isReadableStream(value) ||
    (typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function')
  )
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob
}

function isFile(value: unknown): value is File {
  return isBlob(value) && typeof (value as File).name === 'string'
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`
  return typeof value
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`
  return `${n} bytes`
}
