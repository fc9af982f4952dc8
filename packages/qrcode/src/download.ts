// Downloading a QR image. No client: the image host takes no token, so this is a plain fetch of
// the URL qrCodeImageUrl builds. Only core's error classes are imported (no HTTP client).
import {
  WeChatApiError,
  WeChatTransportError,
  assertFunction,
  assertHttpUrl,
  assertInteger,
  assertOptions,
  assertString,
  concatBytes,
  isWeChatTransportError,
  judgeBinary,
  type BinaryAnswer,
  type CallOptions,
  type RequestSummary,
} from '@wxmp/core'
import { qrCodeImageUrl, type QrCodeImageUrlOptions } from './image-url'

/** Largest image {@link downloadQrCode} reads unless told otherwise (WeChat's are ~30 KB). */
export const QR_IMAGE_DEFAULT_MAX_BYTES = 1_048_576

const PATH = '/cgi-bin/showqrcode'

export interface DownloadQrCodeOptions extends CallOptions, QrCodeImageUrlOptions {
  /** `fetch` to use (a proxy agent's, a test's). @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch
  /**
   * Refuse an image larger than this many bytes (checked against Content-Length and while reading).
   * @default 1048576
   */
  readonly maxBytes?: number
}

/** A downloaded QR image. Its body is read once: call one of `bytes`, `blob` or `stream`. */
export interface QrCodeImage {
  /** `image/jpeg` from WeChat (the emulator serves `image/png`). */
  readonly contentType: string
  /** Content-Length when the server sent one. */
  readonly size: number | undefined
  /** The image as bytes. */
  bytes(): Promise<Uint8Array>
  /** The image as a Blob of `contentType`. */
  blob(): Promise<Blob>
  /** The image as a stream (errors past `maxBytes`). */
  stream(): ReadableStream<Uint8Array>
}

/**
 * WeChat answered HTTP 404 for a ticket: it is unknown or has expired. A {@link WeChatTransportError}
 * (kind `http`, status 404), so code that handles transport errors handles it too; test for it with
 * `instanceof` or {@link isQrCodeNotFoundError}.
 */
export class QrCodeNotFoundError extends WeChatTransportError {
  override name = 'QrCodeNotFoundError'
  constructor(request: RequestSummary) {
    super('http', 'QR code ticket is unknown or has expired (HTTP 404)', request, { status: 404 })
  }
}

/**
 * Whether `error` says a QR ticket was unknown or expired. Works across duplicated package copies,
 * where `instanceof` fails.
 */
export function isQrCodeNotFoundError(error: unknown): error is QrCodeNotFoundError {
  return isWeChatTransportError(error) && error.status === 404 && error.path === PATH
}

/**
 * Downloads the image of a QR ticket. Takes no client: the image host needs no token. An unknown
 * or expired ticket throws {@link QrCodeNotFoundError}; an errcode answer throws `WeChatApiError`.
 *
 * @example
 * ```ts
 * const qr = await createTemporaryQrCode(wx, 42, { expireSeconds: 3600 })
 * const image = await downloadQrCode(qr.ticket)
 * await writeFile('campaign.jpg', await image.bytes())
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
 */
export async function downloadQrCode(ticket: string, options: DownloadQrCodeOptions = {}): Promise<QrCodeImage> {
  assertOptions('downloadQrCode options', options, ['baseUrl', 'fetch', 'maxBytes', 'signal'])
  assertString('ticket', ticket, { max: 1024, controls: 'none' })
  if (options.baseUrl !== undefined) assertHttpUrl('baseUrl', options.baseUrl)
  const url = qrCodeImageUrl(ticket, options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl })
  const maxBytes = options.maxBytes ?? QR_IMAGE_DEFAULT_MAX_BYTES
  assertInteger('maxBytes', maxBytes, { min: 1 })
  if (options.fetch !== undefined) assertFunction('fetch', options.fetch)
  const request: RequestSummary = { method: 'GET', url, path: PATH }
  const fetchImpl = options.fetch ?? globalThis.fetch

  let response: Response
  try {
    response = await fetchImpl(url, options.signal ? { signal: options.signal } : {})
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason
    throw new WeChatTransportError('network', 'QR image request failed', request, { cause: error })
  }
  if (response.status === 404) {
    await response.body?.cancel().catch(() => {})
    throw new QrCodeNotFoundError(request)
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {})
    throw new WeChatTransportError('http', `QR image host answered HTTP ${response.status}`, request, { status: response.status })
  }

  // Like every binary endpoint, a failure may come as errcode JSON with HTTP 200, under any label:
  // judged by the first bytes, so an image labelled text/plain is still the image.
  let judged: BinaryAnswer
  try {
    judged = await judgeBinary(response)
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason
    throw new WeChatTransportError('network', 'QR image could not be read', request, { status: response.status, cause: error })
  }
  if (judged.kind === 'error')
    throw new WeChatApiError(Number(judged.data.errcode), String(judged.data.errmsg ?? ''), request, judged.data as Record<string, unknown>)
  if (judged.kind !== 'file')
    throw new WeChatTransportError('parse', 'QR image host answered JSON, not an image', request, { status: response.status })
  response = judged.response
  const contentType = response.headers.get('content-type') ?? ''
  // An HTML page (a proxy's or a gateway's error page) is not the image either.
  if (/^text\/html/i.test(contentType)) {
    await response.body?.cancel().catch(() => {})
    throw new WeChatTransportError('parse', 'QR image host answered an HTML page, not an image', request, { status: response.status })
  }

  const length = response.headers.get('content-length')
  const size = length === null ? undefined : Number(length)
  if (size !== undefined && size > maxBytes) {
    await response.body?.cancel().catch(() => {})
    throw new WeChatTransportError('parse', `QR image is ${size} bytes, over maxBytes ${maxBytes}`, request, { status: response.status })
  }
  return image(response, contentType, size, maxBytes, request)
}

function image(response: Response, contentType: string, size: number | undefined, maxBytes: number, request: RequestSummary): QrCodeImage {
  let used = false
  const stream = (): ReadableStream<Uint8Array> => {
    if (used) throw new TypeError('the QR image body was already read')
    used = true
    const body = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
    let seen = 0
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength
          if (seen > maxBytes)
            controller.error(
              new WeChatTransportError('parse', `QR image is over maxBytes ${maxBytes}`, request, { status: response.status }),
            )
          else controller.enqueue(chunk)
        },
      }),
    )
  }
  const bytes = async (): Promise<Uint8Array<ArrayBuffer>> => {
    const chunks: Uint8Array[] = []
    const reader = stream().getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
    }
    return concatBytes(chunks)
  }
  return {
    contentType,
    size,
    bytes,
    blob: async () => new Blob([await bytes()], { type: contentType }),
    stream,
  }
}
