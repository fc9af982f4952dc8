// The values the doc's table allows for each kind still pass the checks, and reach the emulator
// as given. Rules: https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { addSubscribeTemplate, sendSubscribeMessage } from './index'

let emu: Emulator
let wx: WeChatClient
let templateId: string

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  templateId = await addSubscribeTemplate(wx, 1002, [1, 2]) // keys thing1, date2; other keys ride along
})
afterAll(() => emu.close())

// [key, a value the doc allows]
const good: readonly (readonly [string, string])[] = [
  ['thing1', 'Bluetooth headphones'],
  ['thing1', '耳机 ¥299 (2 pcs)'],
  ['number2', '339208499'],
  ['number2', '3.14'],
  ['letter3', 'abcXYZ'],
  ['symbol4', '!?%'],
  ['symbol4', '❤️★'],
  ['character_string5', 'SF1234567890'],
  ['time6', '15:01'],
  ['time6', '2019年10月1日 15:01'],
  ['time6', '2019-10-01 15:01'],
  ['time6', '15:01~16:00'],
  ['time6', '2019年10月1日 15:01 ~ 2019年10月1日 16:00'],
  ['time6', '2020-02-29 23:59:59'],
  ['date7', '2019年10月1日'],
  ['date7', '2019-10-01'],
  ['date7', '2019/10/1 15:01'],
  ['date7', '2019年10月1日~2019年10月7日'],
  ['amount8', '¥299.00'],
  ['amount8', '￥12元'],
  ['amount8', '1234567890.5'],
  ['amount8', '$0.99'],
  ['phone_number9', '+86-0766-66888866'],
  ['phone_number9', '020 1234 5678'],
  ['car_number10', '粤A8Z888挂'],
  ['name11', '张三'],
  ['name11', "Mary-Jane O'Neil"],
  ['phrase12', '配送中'],
]

describe('sendSubscribeMessage accepts what the doc allows', () => {
  it.each(good)('%s = %j', async (key, value) => {
    const openid = await emu.control.followerAt(1)
    await emu.control.subscribePopup(openid, [{ templateId, status: 'accept' }], { scene: 1 })
    await sendSubscribeMessage(wx, { openid, templateId, data: { thing1: 'Parcel', date2: '2019年10月1日', [key]: value } })
    const entries = await emu.control.outbox({ touser: openid, channel: 'subscribe' })
    expect((entries.at(-1)?.payload as { data: Record<string, unknown> }).data).toMatchObject({ [key]: { value } })
  })
})
