// Binary answers as a guarded stream: the caller reads the body at its own pace, and the byte past
// `maxBytes` stops the read, cancels the body and aborts the request, so the connection is closed
// instead of being left half-read.
import { assertInteger, type CallOptions, type WeChatClient } from '@wxmp/core'
import { MediaSizeError } from '../errors'
import { MB } from './formats'

/** Options of every download. */
export interface DownloadOptions extends CallOptions {
  /**
   * Stop and throw {@link MediaSizeError} when the file is larger than this many bytes. Checked
   * against `Content-Length` before reading, and again while reading.
   * @default 10485760 (10 MB, WeChat's largest media file)
   */
  readonly maxBytes?: number
}

/** A downloaded file: its bytes as a stream, read once, plus helpers that read it whole. */
export interface MediaFile {
  readonly kind: 'file'
  /** The bytes, streamed from the connection; at most `maxBytes` of them. Read it once. */
  readonly body: ReadableStream<Uint8Array>
  /** `Content-Type` as the server sent it (e.g. `image/jpeg`). */
  readonly contentType: string
  /**
   * A safe base name from `Content-Disposition`, when the server sent one: no directory part, no
   * control or bidi characters, never `.`/`..`, at most 255 UTF-8 bytes, so it can be joined to a
   * folder of yours. See README "Downloads".
   */
  readonly filename: string | undefined
  /** Untrusted: the name exactly as the server sent it (may hold `../`, CR/LF, NUL). Never a path. */
  readonly rawFilename: string | undefined
  /** `Content-Length`, when the server sent one. */
  readonly size: number | undefined
  /** Reads the whole body into one array. */
  bytes(): Promise<Uint8Array>
  /** Reads the whole body into a Blob typed with `contentType`. */
  blob(): Promise<Blob>
  /** Drops the body unread and closes the connection. */
  cancel(): Promise<void>
}

export const DEFAULT_MAX_BYTES = 10 * MB

export function checkDownloadOptions(options: DownloadOptions): number {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  assertInteger('options.maxBytes', maxBytes, { min: 1 })
  return maxBytes
}

/** A request whose answer may be streamed: its own AbortController, tied to the caller's signal. */
export interface Abortable {
  readonly signal: AbortSignal
  abort(reason: unknown): void
  /** Stops listening to the caller's signal (the download is over). */
  release(): void
}

export function abortable(callerSignal: AbortSignal | undefined): Abortable {
  const controller = new AbortController()
  const onAbort = () => controller.abort(callerSignal?.reason)
  if (callerSignal?.aborted) controller.abort(callerSignal.reason)
  else callerSignal?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    release: () => callerSignal?.removeEventListener('abort', onAbort),
  }
}

/**
 * Sends a download request with its own abort controller and hands back the Response, or releases
 * everything when the request fails.
 */
export async function requestBinary(
  client: WeChatClient,
  path: string,
  init: { query?: Record<string, string>; json?: unknown; baseUrl?: string; accessToken?: boolean; idempotent?: boolean },
  options: DownloadOptions,
): Promise<{ response: Response; control: Abortable }> {
  const control = abortable(options.signal)
  try {
    // The caller's limit also caps what core reads while judging a body that starts like JSON.
    const response = await client.request(path, { ...init, responseType: 'response', signal: control.signal, maxBytes: options.maxBytes })
    return { response, control }
  } catch (error) {
    control.release()
    throw error
  }
}

/** Wraps a binary Response as a {@link MediaFile}; refuses at once when it declares too many bytes. */
export async function toMediaFile(response: Response, control: Abortable, maxBytes: number): Promise<MediaFile> {
  const declared = parseLength(response.headers.get('content-length'))
  if (declared !== undefined && declared > maxBytes) {
    const error = new MediaSizeError(
      `media download is ${declared} bytes, more than maxBytes ${maxBytes}; stopped before reading it`,
      maxBytes,
      declared,
    )
    await close(response.body, control, error)
    throw error
  }
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream'
  const body = guard(response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() }), maxBytes, control)
  const readAll = async (): Promise<Uint8Array> => {
    const reader = body.getReader()
    // With a declared size, chunks go straight into one array: the file is held once, not twice.
    let out = new Uint8Array(declared ?? 0)
    let at = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (at + value.byteLength > out.byteLength) {
        const grown = new Uint8Array(Math.max(at + value.byteLength, out.byteLength * 2))
        grown.set(out.subarray(0, at))
        out = grown
      }
      out.set(value, at)
      at += value.byteLength
    }
    return at === out.byteLength ? out : out.slice(0, at)
  }
  const rawFilename = filenameOf(response.headers.get('content-disposition'))
  return {
    kind: 'file',
    body,
    contentType,
    filename: safeFilename(rawFilename),
    rawFilename,
    size: declared,
    bytes: readAll,
    blob: async () => new Blob([(await readAll()) as BlobPart], { type: contentType }),
    cancel: () => body.cancel(),
  }
}

/** Cancels a body the caller will not get, and aborts its request so the socket is closed. */
export async function close(body: ReadableStream<Uint8Array> | null, control: Abortable, reason: unknown): Promise<void> {
  control.abort(reason)
  control.release()
  await body?.cancel(reason).catch(() => {})
}

function guard(source: ReadableStream<Uint8Array>, maxBytes: number, control: Abortable): ReadableStream<Uint8Array> {
  const reader = source.getReader()
  let received = 0
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let result: ReadableStreamReadResult<Uint8Array>
        try {
          result = await reader.read()
        } catch (error) {
          control.release()
          controller.error(error)
          return
        }
        if (result.done) {
          control.release()
          controller.close()
          return
        }
        received += result.value.byteLength
        if (received > maxBytes) {
          const error = new MediaSizeError(
            `media download passed maxBytes ${maxBytes} (received ${received} bytes); stopped and closed the connection`,
            maxBytes,
            received,
          )
          controller.error(error)
          control.abort(error)
          control.release()
          await reader.cancel(error).catch(() => {})
          return
        }
        controller.enqueue(result.value)
      },
      async cancel(reason) {
        control.abort(reason)
        control.release()
        await reader.cancel(reason).catch(() => {})
      },
    },
    // Pull only when the caller reads: nothing is buffered ahead of the consumer.
    { highWaterMark: 0 },
  )
}

function parseLength(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined
  return Number(header)
}

/** `filename` from a Content-Disposition header (RFC 6266 `filename*` preferred). */
export function filenameOf(header: string | null): string | undefined {
  if (!header) return undefined
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header)
  const value = plain?.[1] ?? plain?.[2]
  return value === undefined ? undefined : value.replace(/\\(.)/g, '$1')
}

const UNSAFE = /[\0-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const encoder = /* @__PURE__ */ new TextEncoder()

/**
 * The last path segment of a server-sent name, safe to join to a folder: control and bidi characters
 * dropped, Windows' reserved `<>:"|?*` replaced by `_`, never `.`/`..`, cut to 255 UTF-8 bytes.
 */
export function safeFilename(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  const last = raw.replace(UNSAFE, '').split(/[/\\]/).pop() ?? ''
  let name = ''
  for (const ch of last.replace(/[<>:"|?*]/g, '_').trim()) {
    if (encoder.encode(name + ch).length > 255) break
    name += ch
  }
  return name === '' || name === '.' || name === '..' ? undefined : name
}
