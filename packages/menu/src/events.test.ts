// Each button type's tap, pushed by the emulator as the menu event page shows it, arrives in
// @wxmp/server typed with its fields, and menuEventKey finds the key of those that carry one.
// https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { createMessageServer, type Push } from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'
import { createMenu, defineMenu, menuEventKey } from './index'

const menu = defineMenu({
  buttons: [
    { type: 'click', name: 'Today', key: 'TODAY' },
    {
      name: 'Send',
      subButtons: [
        { type: 'pic_weixin', name: 'Photos', key: 'PHOTOS' },
        { type: 'location_select', name: 'Where', key: 'WHERE' },
        { type: 'view', name: 'Site', url: 'https://example.com/' },
        { type: 'miniprogram', name: 'App', url: 'https://example.com/', appId: 'wx286b93c14bbf93aa', pagePath: 'pages/index/index' },
      ],
    },
  ],
})

let emu: Emulator
let http: ReturnType<typeof createServer>
const received: Push[] = []

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  await createMenu(createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url }), menu)
  const server = createMessageServer({ appId: emu.appId, token: 'menuEvents1', handle: (push) => void received.push(push) })
  http = createServer(toNodeHandler(server))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  await emu.control.configurePush({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/wechat`, token: 'menuEvents1' })
})
afterAll(async () => {
  http.close()
  await emu.close()
})

const tap = async (...args: Parameters<Emulator['control']['tapMenu']>) => {
  await emu.control.tapMenu(...args)
  return received.at(-1)
}

it('types a pic_weixin tap with its count and MD5 sums', async () => {
  const push = await tap(await emu.control.followerAt(0), 'PHOTOS', {
    pictures: ['1b5f7c23b5bf75682a53e7b6d163e185', '2b5f7c23b5bf75682a53e7b6d163e185'],
  })
  expect(push).toMatchObject({
    event: 'pic_weixin',
    eventKey: 'PHOTOS',
    count: 2,
    picMd5Sums: ['1b5f7c23b5bf75682a53e7b6d163e185', '2b5f7c23b5bf75682a53e7b6d163e185'],
  })
  expect(menuEventKey(menu, push!)).toBe('PHOTOS')
})

it('types a location_select tap with its place', async () => {
  const push = await tap(await emu.control.followerAt(0), 'WHERE', {
    location: { x: 23.137466, y: 113.352425, scale: 15, label: '广州市海珠区', poiname: '客村' },
  })
  expect(push).toMatchObject({
    event: 'location_select',
    eventKey: 'WHERE',
    locationX: 23.137466,
    locationY: 113.352425,
    scale: 15,
    label: '广州市海珠区',
    poiname: '客村',
  })
  expect(menuEventKey(menu, push!)).toBe('WHERE')
})

it('types VIEW and view_miniprogram with the URL or page path and the menu id, which carry no key', async () => {
  const view = await tap(await emu.control.followerAt(0), [1, 2])
  expect(view).toMatchObject({ event: 'VIEW', eventKey: 'https://example.com/', menuId: expect.stringMatching(/^\d+$/) })
  expect(menuEventKey(menu, view!)).toBeUndefined()
  const mini = await tap(await emu.control.followerAt(0), [1, 3])
  expect(mini).toMatchObject({ event: 'view_miniprogram', eventKey: 'pages/index/index', menuId: expect.stringMatching(/^\d+$/) })
})
