// The example's menu end to end: set through @wxmp/menu, tapped on the emulator, answered by the
// Hono app over real HTTP.
// https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
import { serve, type ServerType } from '@hono/node-server'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPushApp } from '../src/app'
import { setUpMenu } from '../src/menu'

const TOKEN = 'exampleToken1'
let emu: Emulator
let http: ServerType

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  await setUpMenu(wx)
  const app = createPushApp({ appId: emu.appId, token: TOKEN, wx })
  http = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  await emu.control.configurePush({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/wechat`, token: TOKEN })
})
afterAll(async () => {
  http?.close()
  await emu?.close()
})

it('answers a tap on "My orders"', async () => {
  const r = await emu.control.tapMenu(await emu.control.followerAt(0), 'MY_ORDERS')
  expect(r?.reply).toEqual({ type: 'text', content: 'You have 1 order on its way: #42, arriving tomorrow.' })
})

it('answers a scan with what was scanned, and a location with its label', async () => {
  const openid = await emu.control.followerAt(1)
  const scan = await emu.control.tapMenu(openid, 'SCAN_PRODUCT', { scan: { type: 'barcode', result: 'EAN_13,6901234567892' } })
  expect(scan?.reply).toEqual({ type: 'text', content: 'Product EAN_13,6901234567892: in stock, ¥12.50.' })
  const place = await emu.control.tapMenu(openid, 'NEAREST_STORE', { location: { x: 23.13, y: 113.35, label: 'Tianhe, Guangzhou' } })
  expect(place?.reply).toEqual({ type: 'text', content: 'Nearest store to Tianhe, Guangzhou: 300 m, open till 22:00.' })
})

it('pushes VIEW for the website button, which the app leaves alone', async () => {
  const r = await emu.control.tapMenu(await emu.control.followerAt(2), [1, 2])
  expect(r).toMatchObject({ type: 'VIEW', fields: { EventKey: 'https://shop.example.com/' }, reply: null })
})
