// JS-SDK: the wx.config object a page needs, made on the server (the jsapi ticket never leaves it),
// and checked the way WeChat's client checks it (the emulator's check).
import { createJsApiConfig, signJsApiConfig } from '@wxmp/jssdk'
import type { DemoStep } from '../context'

export const jssdkStep: DemoStep = {
  title: 'JS-SDK: wx.config for a page',
  run: async ({ wx, emu, log }) => {
    // WeChat's worked example (JS-SDK doc, 附录1): the helper is pure and runs in a browser too.
    const example = await signJsApiConfig({
      jsapiTicket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
      nonceStr: 'Wm3WZYTPz0wzccnW',
      timestamp: 1414587457,
      url: 'http://mp.weixin.qq.com?params=value',
    })
    log(`WeChat's documented example signs to ${example}`)
    const url = 'https://h5.example.com/shop/index.html?from=timeline#/product/42'
    const configs = await Promise.all(
      Array.from({ length: 20 }, () => createJsApiConfig(wx, { url, jsApiList: ['updateAppMessageShareData'] })),
    )
    const config = configs[0]
    if (!config) throw new Error('no config made')
    log(`20 wx.config objects for ${url.split('#')[0]} (appId, timestamp, nonceStr, signature; no ticket in them)`)
    if (emu) {
      const check = await emu.control.checkJsApiConfig({ ...config, url })
      const counters = await emu.control.counters()
      log(`WeChat's client (emulated) answers ${check.errMsg}; jsapi ticket requests: ${counters['getticket:jsapi'] ?? 0}`)
      if (!check.ok) throw new Error(`wx.config refused: ${check.errMsg}`)
    }
  },
}
