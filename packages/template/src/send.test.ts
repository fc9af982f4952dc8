import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError } from '@wxmp/core'
import { startEmulator } from '@wxmp/emulator'
import { addTemplate, defineTemplate, sendTemplateMessage } from './index'
import { useEmulator } from '../../../test-support/emulator'

const SEND = '/cgi-bin/message/template/send'
const { emu, wx } = useEmulator()
let openid: string
let shipped: ReturnType<typeof defineShipped>

const defineShipped = (id: string) => defineTemplate(id, ['thing1', 'character_string3', 'time4', 'amount5'])
const sends = async () => (await emu.control.counters())[`path:${SEND}`] ?? 0
const data = { thing1: 'Bluetooth headphones', character_string3: 'SF1234567890', time4: '2023-09-12 19:43:07', amount5: '¥299.00' }

beforeAll(async () => {
  openid = await emu.control.followerAt(0)
  shipped = defineShipped(await addTemplate(wx, '43216', { keywordNames: ['商品名称', '快递单号', '发货时间', '订单金额'] }))
})
beforeEach(async () => {
  await emu.control.clearOutbox()
  await emu.control.clearFaults()
})

describe('sendTemplateMessage', () => {
  it('delivers the message with its data and returns the exact 64-bit msgid', async () => {
    const { msgId, clientMsgId } = await sendTemplateMessage(wx, {
      openid,
      templateId: shipped,
      data,
      url: 'https://shop.example.com/orders/42',
    })
    const [entry, ...rest] = await emu.control.outbox({ channel: 'template' })
    expect(rest).toHaveLength(0)
    expect(entry).toMatchObject({ touser: openid, msgtype: 'template', ref: msgId })
    expect(entry!.payload).toMatchObject({
      template_id: shipped,
      url: 'https://shop.example.com/orders/42',
      client_msg_id: clientMsgId,
      data: { thing1: { value: 'Bluetooth headphones' }, amount5: { value: '¥299.00' } },
    })
    expect(msgId).toMatch(/^\d{19}$/)
    expect(BigInt(msgId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
  })

  it('is delivered once when the answer is lost and the send retried with the same client_msg_id', async () => {
    await emu.control.fault({ path: SEND, kind: 'reset', phase: 'after' })
    const before = await sends()
    const { msgId, clientMsgId } = await sendTemplateMessage(wx, { openid, templateId: shipped, data, clientMsgId: 'order-42-shipped' })
    expect(clientMsgId).toBe('order-42-shipped')
    expect(await sends()).toBe(before + 2) // the lost one, then the retry
    const outbox = await emu.control.outbox({ channel: 'template' })
    expect(outbox).toHaveLength(1)
    expect(outbox[0]!.ref).toBe(msgId)
  })

  it('generates a client_msg_id when none is given, so a lost answer is retried safely too', async () => {
    await emu.control.fault({ path: SEND, kind: 'reset', phase: 'after' })
    const { msgId, clientMsgId } = await sendTemplateMessage(wx, { openid, templateId: shipped, data })
    expect(clientMsgId).toMatch(/^[0-9a-f-]{36}$/)
    const outbox = await emu.control.outbox({ channel: 'template' })
    expect(outbox.map((e) => e.ref)).toEqual([msgId])
    expect(outbox[0]!.payload.client_msg_id).toBe(clientMsgId)
  })

  it('answers a repeated client_msg_id with the original msgid and delivers nothing new', async () => {
    const first = await sendTemplateMessage(wx, { openid, templateId: shipped, data, clientMsgId: 'repeat-me' })
    const again = await sendTemplateMessage(wx, { openid, templateId: shipped, data, clientMsgId: 'repeat-me' })
    expect(again.msgId).toBe(first.msgId)
    expect(await emu.control.outbox({ channel: 'template' })).toHaveLength(1)
  })

  it('sends again with the same client_msg_id once the 10-minute dedup window has passed', async () => {
    const first = await sendTemplateMessage(wx, { openid, templateId: shipped, data, clientMsgId: 'window' })
    await emu.control.advanceClock(10 * 60_000 + 1)
    const later = await sendTemplateMessage(wx, { openid, templateId: shipped, data, clientMsgId: 'window' })
    expect(later.msgId).not.toBe(first.msgId)
    expect(await emu.control.outbox({ channel: 'template' })).toHaveLength(2)
  })

  it('delivers the same client_msg_id to two different users as two messages', async () => {
    const other = await emu.control.followerAt(1)
    const a = await sendTemplateMessage(wx, { openid, templateId: shipped, data, clientMsgId: 'campaign-1' })
    const b = await sendTemplateMessage(wx, { openid: other, templateId: shipped, data, clientMsgId: 'campaign-1' })
    expect(b.msgId).not.toBe(a.msgId)
    expect((await emu.control.outbox({ channel: 'template' })).map((e) => e.touser)).toEqual([openid, other])
  })

  it('writes a Date for a time key in China time', async () => {
    await sendTemplateMessage(wx, { openid, templateId: shipped, data: { ...data, time4: new Date('2023-09-12T11:43:07Z') } })
    const [entry] = await emu.control.outbox({ channel: 'template' })
    expect(entry!.payload.data).toMatchObject({ time4: { value: '2023-09-12 19:43:07' } })
  })

  it('sends a mini program target', async () => {
    await sendTemplateMessage(wx, {
      openid,
      templateId: shipped,
      data,
      miniProgram: { appId: 'wx0123456789abcdef', pagePath: 'pages/order?id=42' },
    })
    const [entry] = await emu.control.outbox({ channel: 'template' })
    expect(entry!.payload.miniprogram).toEqual({ appid: 'wx0123456789abcdef', pagepath: 'pages/order?id=42' })
  })

  it('fails with 40037 for a template the account does not have', async () => {
    const unknown = defineShipped('not-a-template-of-this-account')
    await expect(sendTemplateMessage(wx, { openid, templateId: unknown, data })).rejects.toMatchObject({ errcode: 40037 })
  })

  it('fails with 40003 for an openid that is not a user of the account', async () => {
    await expect(sendTemplateMessage(wx, { openid: 'oStranger0000000000000000000', templateId: shipped, data })).rejects.toMatchObject({
      errcode: 40003,
    })
  })

  it('fails with 43004 for a user who unfollowed', async () => {
    const gone = await emu.control.addFollower({ subscribed: false })
    await expect(sendTemplateMessage(wx, { openid: gone, templateId: shipped, data })).rejects.toMatchObject({ errcode: 43004 })
  })

  it('fails with 43101 for a user who refused template messages', async () => {
    const refuser = await emu.control.addFollower()
    await emu.control.refuseTemplates(refuser)
    await expect(sendTemplateMessage(wx, { openid: refuser, templateId: shipped, data })).rejects.toMatchObject({ errcode: 43101 })
  })

  it('fails with 45009 once the daily quota set through the control API is used up', async () => {
    const own = await startEmulator({ port: 0 })
    try {
      const client = createClient({ appId: own.appId, appSecret: own.appSecret, baseUrl: own.url })
      const id = defineShipped(await addTemplate(client, '43216', { keywordNames: ['商品名称', '快递单号', '发货时间', '订单金额'] }))
      const to = await own.control.followerAt(1)
      await own.control.setTemplateQuota({ daily: 2 })
      await sendTemplateMessage(client, { openid: to, templateId: id, data })
      await sendTemplateMessage(client, { openid: to, templateId: id, data })
      const error = await sendTemplateMessage(client, { openid: to, templateId: id, data }).catch((e: unknown) => e)
      expect(isWeChatApiError(error) && error.errcode).toBe(45009)
      expect(await own.control.outbox({ channel: 'template' })).toHaveLength(2)
      expect(await own.control.templateQuota()).toMatchObject({ daily: 2, used: 2 })
    } finally {
      await own.close()
    }
  })

  it('delivers two sends with different client_msg_ids as two messages, even with the same content', async () => {
    await sendTemplateMessage(wx, { openid, templateId: shipped, data, clientMsgId: 'a' })
    await sendTemplateMessage(wx, { openid, templateId: shipped, data, clientMsgId: 'b' })
    expect(await emu.control.outbox({ channel: 'template' })).toHaveLength(2)
  })
})

describe('sendTemplateMessage refuses bad input before any request', () => {
  it.each([
    [{ thing1: 'x'.repeat(21) }, 'data.thing1 must be at most 20 characters, got 21'],
    [{ character_string3: '订单SF123' }, 'data.character_string3 must be letters, digits and symbols (no Chinese)'],
    [{ time4: 'tomorrow' }, 'data.time4 must be a time or date like 2023-09-12 19:43:07'],
    [{ amount5: '¥12345678901' }, 'data.amount5 must be an amount'],
    [{ thing1: '' }, 'data.thing1 must not be empty'],
  ])('refuses %j naming the key', async (bad, message) => {
    const before = await sends()
    await expect(sendTemplateMessage(wx, { openid, templateId: shipped, data: { ...data, ...bad } })).rejects.toThrow(message)
    expect(await sends()).toBe(before)
  })

  it.each([
    ['phrase5', '已经预约了啊', 'data.phrase5 must be at most 5 characters, got 6'],
    ['phrase5', 'OK', 'data.phrase5 must be Chinese characters only'],
    ['short_thing2', '六个字的东西', 'data.short_thing2 must be at most 5 characters, got 6'],
    ['number6', '12a', 'data.number6 must be a number'],
    ['letter7', 'abc1', 'data.letter7 must be letters only'],
    ['phone_number9', '1'.repeat(18), 'data.phone_number9 must be at most 17 characters, got 18'],
    ['car_number10', '粤B-12345', 'data.car_number10 must be letters, digits and Chinese characters'],
    ['name11', '一二三四五六七八九十一', 'data.name11 must be at most 10 characters, got 11'],
    ['symbol8', '!!!!!!', 'data.symbol8 must be at most 5 characters, got 6'],
  ])('checks a %s value by its rule', async (key, value, message) => {
    await expect(sendTemplateMessage(wx, { openid, templateId: 'any-template', data: { [key]: value } })).rejects.toThrow(message)
  })

  it('accepts a Latin-letter name up to 20 characters', async () => {
    const error = await sendTemplateMessage(wx, { openid, templateId: 'any-template', data: { name11: 'Jonathan Applebaumer' } }).catch(
      (e: unknown) => e,
    )
    // It got past the checks to WeChat, which does not know the template.
    expect(error).toMatchObject({ errcode: 40037 })
  })

  it('refuses a bad openid, url, mini program or empty data', async () => {
    const before = await sends()
    await expect(sendTemplateMessage(wx, { openid: 'not an openid', templateId: shipped, data })).rejects.toThrow(
      'openid must be an openid',
    )
    await expect(sendTemplateMessage(wx, { openid, templateId: shipped, data, url: 'javascript:alert(1)' })).rejects.toThrow(
      'url must be an absolute http(s) URL',
    )
    await expect(sendTemplateMessage(wx, { openid, templateId: shipped, data, miniProgram: { appId: 'mini' } })).rejects.toThrow(
      'miniProgram.appId must be a mini program AppID',
    )
    await expect(sendTemplateMessage(wx, { openid, templateId: 'x', data: {} })).rejects.toThrow('data must have at least 1 key')
    await expect(sendTemplateMessage(wx, { openid, templateId: 'x', data: { thing1: null as unknown as string } })).rejects.toThrow(
      new TypeError('data.thing1 must be a string, a finite number or a Date, got null'),
    )
    expect(await sends()).toBe(before)
  })
})

describe('the emulator checks template values as WeChat does', () => {
  it('answers 47003 naming the field when a value breaks its rule', async () => {
    const error = await wx
      .request(SEND, {
        json: {
          touser: openid,
          template_id: shipped,
          data: { ...Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])), thing1: { value: 'x'.repeat(21) } },
        },
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ errcode: 47003 })
    expect((error as Error).message).toContain('data.thing1.value invalid')
  })
})
