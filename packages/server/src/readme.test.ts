// The README's first example, verbatim in `handle`, served through the /node adapter and pushed to
// by the emulator in safe mode.
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMessageServer } from './index'
import { listen } from './testing/listen'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())

it("runs the README's server: an echo for text, a welcome naming the QR code's scene", async () => {
  const env = { WECHAT_APP_ID: emu.appId, WECHAT_TOKEN: 'readmeToken1', WECHAT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
  const server = createMessageServer({
    appId: env.WECHAT_APP_ID,
    token: env.WECHAT_TOKEN,
    encodingAESKey: env.WECHAT_AES_KEY,
    handle(push) {
      if (push.msgType === 'text') return { type: 'text', content: `You said: ${push.content}` }
      if (push.msgType === 'event' && push.event === 'subscribe') {
        return { type: 'text', content: push.scene ? `Welcome from ${push.scene}!` : 'Welcome!' }
      }
      // nothing returned: WeChat gets `success` (no reply)
    },
  })
  await emu.control.configurePush({ url: await listen(server), token: env.WECHAT_TOKEN, encodingAESKey: env.WECHAT_AES_KEY, mode: 'safe' })

  const said = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'hello' })
  expect(said.reply).toEqual({ type: 'text', content: 'You said: hello' })

  const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  const { ticket } = await wx.request<{ ticket: string }>('/cgi-bin/qrcode/create', {
    json: { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'spring-poster' } } },
  })
  const followed = await emu.control.userEvent('oReadmeNewcomer_00000000001', { event: 'scan', ticket })
  expect(followed.reply).toEqual({ type: 'text', content: 'Welcome from spring-poster!' })

  const plain = await emu.control.userEvent('oReadmeNewcomer_00000000002', { event: 'subscribe' })
  expect(plain.reply).toEqual({ type: 'text', content: 'Welcome!' })
})
