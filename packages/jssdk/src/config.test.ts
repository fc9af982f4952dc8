// createJsApiConfig end to end: the config the server makes is what WeChat's client accepts, as
// the emulator's check of wx.config judges it; nothing secret in it; bad input refused first.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
import { beforeEach, describe, expect, it } from 'vitest'
import { createJsApiConfig, getJsApiTicket } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({
  apps: [{ appId: 'wx4444444444444444', appSecret: '44444444444444444444444444444444', jsApiDomains: ['h5.example.com'] }],
})
const PAGE = 'https://h5.example.com/shop/index.html?from=timeline&id=42'

beforeEach(async () => {
  await emu.control.reset()
})

describe('createJsApiConfig', () => {
  it("makes a config WeChat's client accepts for a page with a hash route", async () => {
    const config = await createJsApiConfig(wx, {
      url: `${PAGE}#/cart`,
      jsApiList: ['updateAppMessageShareData', 'chooseImage'],
      openTagList: ['wx-open-launch-weapp'],
    })
    expect(config).toMatchObject({
      debug: false,
      appId: emu.appId,
      jsApiList: ['updateAppMessageShareData', 'chooseImage'],
      openTagList: ['wx-open-launch-weapp'],
    })
    expect(config.nonceStr).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(Math.abs(config.timestamp - Date.now() / 1000)).toBeLessThan(600)
    // The page reports location.href, fragment and all; WeChat's client drops the fragment.
    expect(await emu.control.checkJsApiConfig({ ...config, url: `${PAGE}#/cart` })).toMatchObject({ ok: true, errMsg: 'config:ok' })
  })

  it('is refused for a page outside the JS safe domain', async () => {
    const url = 'https://elsewhere.example.org/'
    const config = await createJsApiConfig(wx, { url, jsApiList: ['chooseImage'] })
    expect(await emu.control.checkJsApiConfig({ ...config, url })).toMatchObject({ ok: false, errMsg: 'config:invalid url domain' })
  })

  it('carries no secret: neither the ticket, the access token nor the app secret', async () => {
    const config = await createJsApiConfig(wx, { url: PAGE, jsApiList: ['chooseImage'] })
    const json = JSON.stringify(config)
    for (const secret of [await getJsApiTicket(wx), await wx.getAccessToken(), emu.appSecret]) expect(json).not.toContain(secret)
    expect(Object.keys(config).sort()).toEqual(['appId', 'debug', 'jsApiList', 'nonceStr', 'openTagList', 'signature', 'timestamp'])
  })

  it.each([
    [
      { url: 'h5.example.com/page' },
      TypeError,
      /url must be an absolute http\(s\) URL with a valid host and port, no whitespace or control characters, got a string of 19 characters/,
    ],
    [{ url: 'javascript:alert(1)' }, TypeError, /url must be an absolute http\(s\) URL/],
    [
      { url: 'https://h5.example.com/\r\nX: y' },
      TypeError,
      /url must be an absolute http\(s\) URL with a valid host and port, no whitespace or control characters/,
    ],
    [{ url: 'https://h5.example.com:99999/' }, TypeError, /url must be an absolute http\(s\) URL with a valid host and port/],
    [{ url: 'http://:' }, TypeError, /url must be an absolute http\(s\) URL with a valid host and port/],
    [{ jsApiList: [] }, RangeError, /jsApiList must not be empty/],
    [{ jsApiList: ['chooseImage', ''] }, RangeError, /jsApiList\[1\] must not be empty/],
    [{ jsApiList: 'chooseImage' }, TypeError, /jsApiList must be an array, got/],
    [{ openTagList: ['wx open'] }, RangeError, /openTagList\[0\] must be an API or tag name/],
    [{ debug: 'yes' }, TypeError, /debug must be a boolean, got string/],
    [
      { openTaglist: ['wx-open-launch-app'] },
      TypeError,
      /createJsApiConfig options has no option "openTaglist" \(did you mean "openTagList"\?\)/,
    ],
    [{ jsapiList: ['chooseImage'] }, TypeError, /createJsApiConfig options has no option "jsapiList" \(did you mean "jsApiList"\?\)/],
    // A page URL can carry an OAuth code in its query: the error says its size, never its text.
    [{ url: 'mailto:x?code=SECRETCODE' }, TypeError, /^(?!.*SECRETCODE).*got a string of 24 characters$/],
  ])('refuses %o before any request', async (patch, type, message) => {
    const options = { url: PAGE, jsApiList: ['chooseImage'], ...patch } as Parameters<typeof createJsApiConfig>[1]
    await expect(createJsApiConfig(wx, options)).rejects.toThrow(type)
    await expect(createJsApiConfig(wx, options)).rejects.toThrow(message)
    expect((await emu.control.globalCounters()).requests ?? 0).toBe(0)
  })
})
