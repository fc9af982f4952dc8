// The README's menu and its handler, verbatim, served by @wxmp/server and tapped on the emulator:
// if the README's code stops working, this fails.
// https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { createMessageServer, type Push, type Reply } from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'
import { createMenu, defineMenu, getMenu, menuEventKey } from './index'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())

it("runs the README's menu: set once, each key button answered by the handler written beside it", async () => {
  const { appId, appSecret } = emu
  const token = 'readmeMenuToken1'
  const wx = createClient({ appId, appSecret, baseUrl: emu.url })

  const menu = defineMenu({
    buttons: [
      { type: 'click', name: '今日特价', key: 'TODAY_DEALS' },
      {
        name: '服务',
        subButtons: [
          { type: 'scancode_waitmsg', name: '扫码查价', key: 'SCAN_PRICE' },
          { type: 'location_select', name: '附近门店', key: 'NEAREST_STORE' },
          { type: 'view', name: '官网', url: 'https://shop.example.com/' },
          {
            type: 'miniprogram',
            name: '小程序',
            url: 'https://shop.example.com/',
            appId: 'wx286b93c14bbf93aa',
            pagePath: 'pages/index/index',
          },
        ],
      },
    ],
  })

  await createMenu(wx, menu) // once, at deploy: WeChat keeps it

  function answer(push: Push): Reply | undefined {
    if (push.msgType !== 'event') return undefined
    switch (
      menuEventKey(menu, push) // 'TODAY_DEALS' | 'SCAN_PRICE' | 'NEAREST_STORE' | undefined
    ) {
      case 'TODAY_DEALS':
        return { type: 'text', content: 'Today: 2 for 1 on tea.' }
      case 'SCAN_PRICE':
        return push.event === 'scancode_waitmsg' ? { type: 'text', content: `Price of ${push.scanResult}: ¥12.50` } : undefined
      case 'NEAREST_STORE':
        return push.event === 'location_select' ? { type: 'text', content: `Nearest store to ${push.label}: 300 m` } : undefined
      // case 'TOMORROW': does not compile: the menu has no such key
    }
    return undefined
  }

  const http = createServer(toNodeHandler(createMessageServer({ appId, token, handle: answer })))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  try {
    await emu.control.configurePush({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/wechat`, token })
    expect((await getMenu(wx)).menu.buttons).toEqual(menu.buttons)
    const openid = await emu.control.followerAt(0)
    expect((await emu.control.tapMenu(openid, 'TODAY_DEALS'))?.reply).toEqual({ type: 'text', content: 'Today: 2 for 1 on tea.' })
    const scan = await emu.control.tapMenu(openid, 'SCAN_PRICE', { scan: { type: 'barcode', result: 'EAN_13,6901234567892' } })
    expect(scan?.reply).toEqual({ type: 'text', content: 'Price of EAN_13,6901234567892: ¥12.50' })
    const store = await emu.control.tapMenu(openid, 'NEAREST_STORE', { location: { x: 23.13, y: 113.35, label: '天河' } })
    expect(store?.reply).toEqual({ type: 'text', content: 'Nearest store to 天河: 300 m' })
    expect(await emu.control.tapMenu(openid, [1, 3])).toMatchObject({
      type: 'view_miniprogram',
      fields: { EventKey: 'pages/index/index' },
      reply: null,
    })
  } finally {
    http.close()
  }
})
