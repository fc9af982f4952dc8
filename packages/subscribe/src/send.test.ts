// Sending subscription notifications against the emulator: a follower must accept first (43101),
// one acceptance of a one-time template allows one send, and each send's result is pushed.
// bizsend https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
// events https://developers.weixin.qq.com/doc/service/guide/product/subscription_messages/push.html
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { addSubscribeTemplate, sendSubscribeMessage } from './index'

let emu: Emulator
let wx: WeChatClient
let oneTime: string
let longTerm: string
const sends = async () => (await emu.control.globalCounters())['path:/cgi-bin/message/subscribe/bizsend'] ?? 0
const data = { thing1: 'Bluetooth headphones', time2: '2019-10-01 15:01' }

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  oneTime = await addSubscribeTemplate(wx, 1001, [1, 2])
  longTerm = await addSubscribeTemplate(wx, 1002, [1, 2])
})
afterAll(() => emu.close())

describe('sendSubscribeMessage', () => {
  it('delivers to a follower who accepted, with the data on the wire and the msgid as a string', async () => {
    const openid = await emu.control.followerAt(1)
    await emu.control.subscribePopup(openid, [{ templateId: oneTime, status: 'accept' }])
    const { msgId } = await sendSubscribeMessage(wx, { openid, templateId: oneTime, data, page: 'https://shop.example.com/orders/42' })
    expect(msgId).toMatch(/^\d+$/)
    const [entry] = await emu.control.outbox({ touser: openid, channel: 'subscribe' })
    expect(entry?.payload).toEqual({
      template_id: oneTime,
      page: 'https://shop.example.com/orders/42',
      data: { thing1: { value: 'Bluetooth headphones' }, time2: { value: '2019-10-01 15:01' } },
    })
  })

  it('fails with 43101 for a follower who never accepted', async () => {
    const openid = await emu.control.followerAt(2)
    await expect(sendSubscribeMessage(wx, { openid, templateId: oneTime, data })).rejects.toMatchObject({ errcode: 43101 })
  })

  it('fails with 43101 for a follower who rejected in the popup', async () => {
    const openid = await emu.control.followerAt(3)
    await emu.control.subscribePopup(openid, [{ templateId: oneTime, status: 'reject' }])
    await expect(sendSubscribeMessage(wx, { openid, templateId: oneTime, data })).rejects.toMatchObject({ errcode: 43101 })
  })

  it('sends a one-time template once per acceptance', async () => {
    const openid = await emu.control.followerAt(4)
    await emu.control.subscribePopup(openid, [{ templateId: oneTime, status: 'accept' }])
    await sendSubscribeMessage(wx, { openid, templateId: oneTime, data })
    await expect(sendSubscribeMessage(wx, { openid, templateId: oneTime, data })).rejects.toMatchObject({ errcode: 43101 })
  })

  it('sends a long-term template until the follower switches it off', async () => {
    const openid = await emu.control.followerAt(5)
    const values = { thing1: '18路', date2: '2019年10月1日' }
    await emu.control.subscribePopup(openid, [{ templateId: longTerm, status: 'accept' }], { scene: 1 })
    await sendSubscribeMessage(wx, { openid, templateId: longTerm, data: values })
    await sendSubscribeMessage(wx, { openid, templateId: longTerm, data: values })
    await emu.control.subscribeReject(openid, [longTerm])
    await expect(sendSubscribeMessage(wx, { openid, templateId: longTerm, data: values })).rejects.toMatchObject({ errcode: 43101 })
  })

  it('writes a Date for a time key in China time', async () => {
    const openid = await emu.control.followerAt(6)
    await emu.control.subscribePopup(openid, [{ templateId: oneTime, status: 'accept' }])
    await sendSubscribeMessage(wx, { openid, templateId: oneTime, data: { thing1: 'Parcel', time2: new Date('2019-10-01T07:01:00Z') } })
    const [entry] = await emu.control.outbox({ touser: openid, channel: 'subscribe' })
    expect((entry?.payload as { data: Record<string, unknown> }).data.time2).toEqual({ value: '2019-10-01 15:01' })
  })

  it('fails with 40037 for a template the account does not have', async () => {
    const openid = await emu.control.followerAt(7)
    await expect(sendSubscribeMessage(wx, { openid, templateId: 'no-such-template', data })).rejects.toMatchObject({ errcode: 40037 })
  })

  it('is not retried after errcode -1: the follower must not get it twice', async () => {
    const openid = await emu.control.followerAt(8)
    await emu.control.subscribePopup(openid, [{ templateId: oneTime, status: 'accept' }])
    await emu.control.fault({ path: '/cgi-bin/message/subscribe/bizsend', kind: 'errcode', errcode: -1 })
    const before = await sends()
    await expect(sendSubscribeMessage(wx, { openid, templateId: oneTime, data })).rejects.toMatchObject({ errcode: -1 })
    expect((await sends()) - before).toBe(1)
  })
})
