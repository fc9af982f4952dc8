// The README's examples, against the emulator.
import { expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { createJsApiConfig } from './index'
import { signJsApiConfig } from './sign'
import { useEmulator } from '../../../test-support/emulator'

const { emu } = useEmulator({
  apps: [{ appId: 'wx5555555555555555', appSecret: '55555555555555555555555555555555', jsApiDomains: ['h5.example.com'] }],
})

it('runs the README: a wx.config for a page, accepted by the emulated WeChat client', async () => {
  const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  const url = 'https://h5.example.com/article?id=1#comments'
  const config = await createJsApiConfig(wx, {
    url,
    jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData'],
    openTagList: ['wx-open-launch-weapp'],
  })
  expect(await emu.control.checkJsApiConfig({ ...config, url })).toEqual({ ok: true, errMsg: 'config:ok' })
})

it("runs the README's signing example", async () => {
  const signature = await signJsApiConfig({
    jsapiTicket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
    nonceStr: 'Wm3WZYTPz0wzccnW',
    timestamp: 1414587457,
    url: 'http://mp.weixin.qq.com?params=value',
  })
  expect(signature).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed')
})
