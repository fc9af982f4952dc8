// The QR image URL for a ticket. Pure and dependency-free on purpose: a browser bundle that only
// shows QR codes pays a few hundred bytes for it, never the HTTP client, so its checks are written
// out here in the wording of core's validate.ts rather than imported (that would triple its size).

/** Where WeChat serves QR images (not the API host). */
export const QR_IMAGE_BASE_URL = 'https://mp.weixin.qq.com'

/** Options of {@link qrCodeImageUrl} and {@link downloadQrCode}. */
export interface QrCodeImageUrlOptions {
  /**
   * Host serving `/cgi-bin/showqrcode`: the emulator's URL in tests, a proxy of yours.
   * @default 'https://mp.weixin.qq.com'
   */
  readonly baseUrl?: string
}

/**
 * The image URL of a QR ticket, with the ticket URL-encoded (tickets hold `+`, `/` and `=`, which
 * break the link when left raw). Needs no client and no network.
 *
 * @example
 * ```ts
 * const { ticket } = await createTemporaryQrCode(wx, 'campaign-42', { expireSeconds: 3600 })
 * img.src = qrCodeImageUrl(ticket) // https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQ...%2B...%3D%3D
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
 */
export function qrCodeImageUrl(ticket: string, options: QrCodeImageUrlOptions = {}): string {
  const kind = (v: unknown) => (v === null ? 'null' : typeof v)
  if (typeof ticket !== 'string') throw new TypeError(`ticket must be a string, got ${kind(ticket)}`)
  // Empty, or a CR/LF that would reach the request line of whoever fetches the URL.
  if (!/^[^\0-\x1f\x7f]+$/.test(ticket)) throw new RangeError('ticket must not be empty or contain control characters')
  if (!options || typeof options != 'object') throw new TypeError(`qrCodeImageUrl options must be an object, got ${kind(options)}`)
  for (const key in options) if (key != 'baseUrl') throw new TypeError(`qrCodeImageUrl options has no option "${key}"; it takes baseUrl`)
  const baseUrl: unknown = options.baseUrl
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/?#]+\S*$/i.test(String(baseUrl)))
    throw new RangeError(`baseUrl must be an absolute http(s) URL, got a ${kind(baseUrl)}`)
  const base = (options.baseUrl ?? QR_IMAGE_BASE_URL).replace(/\/+$/, '')
  return `${base}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`
}
