// The custom menu: one definition gives the menu WeChat shows and the handler of its buttons (keys
// typed from it). The account sets it, a follower taps two buttons, and the webhook answers each.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMenu, defineMenu, menuEventKey, tryMatchMenu } from '@wxmp/menu'
import { createMessageServer, type Push, type Reply } from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'
import type { DemoStep } from '../context'

const TOKEN = 'demoMenuToken1'

const menu = defineMenu({
  buttons: [
    { type: 'click', name: '今日特价', key: 'TODAY_DEALS' },
    {
      name: '服务',
      subButtons: [
        { type: 'scancode_waitmsg', name: '扫码查价', key: 'SCAN_PRICE' },
        { type: 'view', name: '官网', url: 'https://shop.example.com/' },
      ],
    },
  ],
})

/** The handler of the menu's buttons: a case for a key the menu lacks would not compile. */
function answer(push: Push): Reply | undefined {
  switch (menuEventKey(menu, push)) {
    case 'TODAY_DEALS':
      return { type: 'text', content: 'Today: 2 for 1 on tea.' }
    case 'SCAN_PRICE':
      return {
        type: 'text',
        content: `Price of ${push.msgType === 'event' && push.event === 'scancode_waitmsg' ? push.scanResult : '?'}: ¥12.50`,
      }
    default:
      return undefined
  }
}

export const menuStep: DemoStep = {
  title: 'Custom menu: one definition for the menu and its handler; a follower taps two buttons',
  run: async ({ wx, emu, openid, log }) => {
    await createMenu(wx, menu)
    log(`menu set: ${menu.buttons.map((b) => b.name).join(' | ')}`)
    if (!emu || !openid) return log('(tapping needs the emulator)')
    const seen = await tryMatchMenu(wx, openid)
    log(`${openid} sees ${seen.buttons.length} top-level buttons`)

    const clockOffset = (await emu.control.now()) - Date.now()
    const server = createMessageServer({ appId: emu.appId, token: TOKEN, now: () => Date.now() + clockOffset, handle: answer })
    const http = createServer(toNodeHandler(server))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    try {
      await emu.control.configurePush({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/wechat`, token: TOKEN })
      const today = await emu.control.tapMenu(openid, 'TODAY_DEALS')
      log(`tapped "今日特价": ${today?.type} pushed, the follower saw ${JSON.stringify(today?.reply)}`)
      const scan = await emu.control.tapMenu(openid, 'SCAN_PRICE', { scan: { type: 'barcode', result: 'EAN_13,6901234567892' } })
      log(`tapped "扫码查价" and scanned a barcode: ${scan?.type} pushed, the follower saw ${JSON.stringify(scan?.reply)}`)
      if (!today?.reply || !scan?.reply) throw new Error('the webhook did not answer both taps')
    } finally {
      await emu.control.configurePush(null)
      http.close()
    }
  },
}
