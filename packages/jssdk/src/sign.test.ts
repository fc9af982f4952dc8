// WeChat's worked example and the rules of the signature, without any server.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (附录1-JS-SDK使用权限签名算法)
import { describe, expect, it } from 'vitest'
import { signJsApiConfig } from './sign'
import { signJsApiConfig as fromIndex } from './index'

// Doc example: string1 = jsapi_ticket=…&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value
const EXAMPLE = {
  jsapiTicket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
  nonceStr: 'Wm3WZYTPz0wzccnW',
  timestamp: 1414587457,
  url: 'http://mp.weixin.qq.com?params=value',
}

describe('signJsApiConfig', () => {
  it("matches WeChat's worked example", async () => {
    expect(await signJsApiConfig(EXAMPLE)).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed')
  })

  it("matches the older edition of WeChat's example, whose URL has no query (f4d90daf…)", async () => {
    // Copies of the JS-SDK page before the example gained ?params=value sign http://mp.weixin.qq.com.
    expect(await signJsApiConfig({ ...EXAMPLE, url: 'http://mp.weixin.qq.com' })).toBe('f4d90daf4b3bca3078ab155816175ba34c443a7b')
  })

  it('is the same function from the package root and from /sign', () => {
    expect(fromIndex).toBe(signJsApiConfig)
  })

  it("drops the URL's #fragment before signing", async () => {
    expect(await signJsApiConfig({ ...EXAMPLE, url: `${EXAMPLE.url}#/route/a?b=1` })).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed')
  })

  it('signs the URL as given, without adding the / a URL parser would', async () => {
    expect(await signJsApiConfig({ ...EXAMPLE, url: 'http://mp.weixin.qq.com/?params=value' })).not.toBe(
      '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
    )
  })

  it.each([
    [{ extra: 1 }, TypeError, /signJsApiConfig has no option "extra"; it takes jsapiTicket, nonceStr, timestamp, url/],
    [
      { url: '/relative/page' },
      TypeError,
      /url must be an absolute http\(s\) URL with a valid host and port, no whitespace or control characters, got a string of 14 characters/,
    ],
    [{ url: 'ftp://example.com/' }, TypeError, /url must be an absolute http\(s\) URL/],
    [{ timestamp: 1414587457000 }, RangeError, /timestamp must be whole seconds since 1970 \(0-9999999999\), got 1414587457000/],
    [{ timestamp: 1414587457.5 }, RangeError, /timestamp must be whole seconds.*got 1414587457.5/],
    [{ jsapiTicket: '' }, TypeError, /jsapiTicket must be a non-empty string, got an empty string/],
    [{ nonceStr: 'a&b' }, RangeError, /nonceStr must be 1-64 printable ASCII characters without &, #, = or spaces, got 3 characters/],
    [{ nonceStr: 'a\u0000b' }, RangeError, /nonceStr must be 1-64 printable ASCII characters.*got 3 characters/],
    [{ nonceStr: 'a\ud800' }, RangeError, /nonceStr must be 1-64 printable ASCII characters.*got 2 characters/],
    [{ nonceStr: 'a\tb' }, RangeError, /nonceStr must be 1-64 printable ASCII characters/],
    // "jsapi_ticket=T&url=X&noncestr=…" would read as another ticket and url: an & makes the string ambiguous.
    [
      { jsapiTicket: 'a&url=https://evil.example/' },
      RangeError,
      /jsapiTicket must be printable ASCII without & or spaces, got 27 characters/,
    ],
    [{ jsapiTicket: 'ab&' }, RangeError, /jsapiTicket must be printable ASCII without &/],
    [{ jsapiTicket: 'ticket\n' }, RangeError, /jsapiTicket must be printable ASCII/],
    [
      { url: 'https://a.com/\r\nX: y' },
      TypeError,
      /url must be an absolute http\(s\) URL with a valid host and port, no whitespace or control characters/,
    ],
    [{ url: 'https://a.com/\u0000' }, TypeError, /url must be an absolute http\(s\) URL with a valid host and port/],
    [{ url: 'https://a.com/\u2028x' }, TypeError, /url must be an absolute http\(s\) URL with a valid host and port/],
    [{ url: 'https://a.com/\ud800' }, TypeError, /url must be an absolute http\(s\) URL with a valid host and port/],
    [{ url: 'http://:' }, TypeError, /url must be an absolute http\(s\) URL with a valid host and port, .*got a string of 8 characters/],
    [
      { url: 'https://a.com:99999/' },
      TypeError,
      /url must be an absolute http\(s\) URL with a valid host and port, .*got a string of 20 characters/,
    ],
    [{ nonceStr: 'x'.repeat(65) }, RangeError, /nonceStr must be 1-64 printable ASCII characters.*got 65 characters/],
  ])('refuses %o with a message naming the argument and the limit', async (patch, type, message) => {
    await expect(signJsApiConfig({ ...EXAMPLE, ...patch })).rejects.toThrow(type)
    await expect(signJsApiConfig({ ...EXAMPLE, ...patch })).rejects.toThrow(message)
  })

  it('never shows the ticket in a refusal', async () => {
    await expect(signJsApiConfig({ ...EXAMPLE, jsapiTicket: 'secret-ticket&x' })).rejects.toThrow(/^(?!.*secret-ticket)/s)
  })

  it('signs a ticket holding = and a page on an explicit port', async () => {
    await expect(
      signJsApiConfig({ ...EXAMPLE, jsapiTicket: `${EXAMPLE.jsapiTicket}==`, url: 'https://a.com:8443/p?x=1' }),
    ).resolves.toMatch(/^[0-9a-f]{40}$/)
  })
})
