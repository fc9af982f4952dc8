// The wx.config signature: pure, Web Crypto only (no ky, no core), so it runs in any runtime and
// bundles for a browser in a few hundred bytes.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (附录1-JS-SDK使用权限签名算法)

export interface JsApiSignInput {
  /**
   * The account's jsapi_ticket (`getJsApiTicket`). A secret: it never goes to the browser. Printable
   * ASCII without `&` or spaces, as WeChat issues it: an `&` would make the signed string ambiguous.
   */
  readonly jsapiTicket: string
  /** The random string also passed to `wx.config` as `nonceStr`: 1-64 printable ASCII characters, no `&`, `#`, `=` or spaces. */
  readonly nonceStr: string
  /** Unix time in whole seconds, also passed to `wx.config`. */
  readonly timestamp: number
  /**
   * The page's full absolute http(s) URL, exactly as the browser has it (`location.href`); any
   * `#fragment` is dropped. Its host and port must parse; whitespace, control characters and lone
   * surrogates are refused (the browser's URL never holds them, so the signature could not match).
   */
  readonly url: string
}

// Printable ASCII (0x21-0x7E) less `#`, `&`, `=`; the ticket may hold `#` and `=`, never `&`.
const NONCE = /^[!"$%'-<>-~]{1,64}$/
const TICKET = /^[!-%'-~]+$/
// Seconds since 1970 fit in 10 digits until 2286: anything larger is milliseconds.
const MAX_SECONDS = 9_999_999_999

const SIGN_KEYS = ['jsapiTicket', 'nonceStr', 'timestamp', 'url']

/**
 * The `signature` for `wx.config`: hex SHA-1 of
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (keys in that order, values raw, not URL-encoded),
 * the URL without its `#fragment`. Pure: no request, no client.
 *
 * Throws TypeError / RangeError before hashing for a ticket that is not non-empty printable ASCII
 * without `&`, a nonceStr outside 1-64 printable ASCII characters (or holding `&`, `#`, `=`), a
 * timestamp that is not whole seconds (milliseconds, fractions, negative), or a URL that is not
 * absolute http(s) with a valid host and port and no whitespace, control characters or lone surrogates.
 *
 * @example
 * ```ts
 * import { signJsApiConfig } from '@wxmp/jssdk/sign'
 * const signature = await signJsApiConfig({ jsapiTicket, nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457, url: 'http://mp.weixin.qq.com?params=value' })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
 */
export async function signJsApiConfig(input: JsApiSignInput): Promise<string> {
  const { jsapiTicket, nonceStr, timestamp, url } = input ?? ({} as JsApiSignInput)
  // A misspelt name (nonceSTR, jsApiTicket) would otherwise read as a missing one, or be ignored.
  for (const key in input)
    if (!SIGN_KEYS.includes(key))
      throw new TypeError(`signJsApiConfig has no option ${JSON.stringify(key.slice(0, 40))}; it takes ${SIGN_KEYS.join(', ')}`)
  if (typeof jsapiTicket !== 'string' || jsapiTicket === '')
    throw new TypeError(`jsapiTicket must be a non-empty string, got ${kind(jsapiTicket)}`)
  // Never echoed: the ticket is a secret.
  if (!TICKET.test(jsapiTicket))
    throw new RangeError(`jsapiTicket must be printable ASCII without & or spaces, got ${jsapiTicket.length} characters including others`)
  if (typeof nonceStr !== 'string' || !NONCE.test(nonceStr)) {
    throw new RangeError(
      `nonceStr must be 1-64 printable ASCII characters without &, #, = or spaces, got ${typeof nonceStr === 'string' ? `${nonceStr.length} characters` : kind(nonceStr)}`,
    )
  }
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0 || timestamp > MAX_SECONDS) {
    throw new RangeError(
      `timestamp must be whole seconds since 1970 (0-${MAX_SECONDS}), got ${typeof timestamp === 'number' ? timestamp : kind(timestamp)}`,
    )
  }
  const page = pageUrl(url)
  const text = `jsapi_ticket=${jsapiTicket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${page}`
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)))
  let hex = ''
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/** The URL WeChat signs: the page's own text up to `#`, never re-serialised (that would add a `/`). */
export function pageUrl(url: unknown): string {
  let ok = typeof url === 'string' && /^https?:\/\/[^/?#\s]+/i.test(url) && !/[\s\0-\x1f\x7f]/.test(url)
  try {
    // encodeURI throws on a lone surrogate; URL on a bad host or a port beyond 65535.
    ok &&= encodeURI(url as string) !== '' && new URL(url as string).hostname !== ''
  } catch {
    ok = false
  }
  if (!ok) {
    throw new TypeError(
      `url must be an absolute http(s) URL with a valid host and port, no whitespace or control characters, got ${typeof url === 'string' ? `a string of ${url.length} characters` : kind(url)}`,
    )
  }
  return (url as string).split('#')[0] as string
}

function kind(value: unknown): string {
  return value === null ? 'null' : value === '' ? 'an empty string' : typeof value
}
