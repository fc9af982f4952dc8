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
    expect(await signJsApiConfig({ ...EXAMPLE, url: 'http://mp.weixin.qq.com/?params=value' })).not.toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed')
  })

  it.each([
    [{ url: '/relative/page' }, TypeError, /url must be an absolute http\(s\) URL, got "\/relative\/page"/],
    [{ url: 'ftp://example.com/' }, TypeError, /url must be an absolute http\(s\) URL/],
    [{ timestamp: 1414587457000 }, RangeError, /timestamp must be whole seconds since 1970 \(0-9999999999\), got 1414587457000/],
    [{ timestamp: 1414587457.5 }, RangeError, /timestamp must be whole seconds.*got 1414587457.5/],
    [{ jsapiTicket: '' }, TypeError, /jsapiTicket must be a non-empty string, got an empty string/],
    [{ nonceStr: 'a&b' }, RangeError, /nonceStr must be 1-64 characters without &, #, = or spaces, got 3 characters/],
    [{ nonceStr: 'x'.repeat(65) }, RangeError, /nonceStr must be 1-64 characters.*got 65 characters/],
  ])('refuses %o with a message naming the argument and the limit', async (patch, type, message) => {
    await expect(signJsApiConfig({ ...EXAMPLE, ...patch })).rejects.toThrow(type)
    await expect(signJsApiConfig({ ...EXAMPLE, ...patch })).rejects.toThrow(message)
  })
})
