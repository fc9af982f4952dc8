// Pushes that follow API calls: scanning QR tickets created through /cgi-bin/qrcode/create, and the
// job-finish events of mass and template sends, each checked against WeChat's documented fields.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../index'

let server: Server
let bodies: string[] = []
let emu: Emulator
let token: string

const field = (xml: string, name: string) =>
  new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`)
    .exec(xml)
    ?.slice(1)
    .find((v) => v !== undefined)

async function call(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}${path}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })
  // 64-bit ids kept exact for comparing with the push.
  return JSON.parse((await res.text()).replace(/"(msg_id|msgid)":(\d+)/g, '"$1":"$2"')) as Record<string, unknown>
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'))
      res.end('success')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  emu = await startEmulator()
  // The receiver learns its port after the emulator started: configure the push then.
  await emu.control.configurePush({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, token: 'tok123' })
})
afterAll(async () => {
  await emu.close()
  server.closeAllConnections()
  server.close()
})
beforeEach(async () => {
  bodies = []
  await emu.control.clearOutbox()
  const res = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
  token = ((await res.json()) as { access_token: string }).access_token
})

// 扫描带参数二维码事件: https://developers.weixin.qq.com/doc/service/guide/product/message/Receiving_event_pushes.html
describe('scanning QR tickets', () => {
  it('pushes subscribe with EventKey qrscene_<scene> and the Ticket when a non-follower scans', async () => {
    const { ticket } = (await call('/cgi-bin/qrcode/create', {
      expire_seconds: 600,
      action_name: 'QR_SCENE',
      action_info: { scene: { scene_id: 123123 } },
    })) as { ticket: string }
    const r = await emu.control.userEvent('oScanner_not_following_00001', { event: 'scan', ticket })
    expect(r.type).toBe('subscribe')
    expect([field(bodies[0]!, 'Event'), field(bodies[0]!, 'EventKey'), field(bodies[0]!, 'Ticket')]).toEqual([
      'subscribe',
      'qrscene_123123',
      ticket,
    ])
  })

  it('pushes SCAN with the bare scene when a follower scans', async () => {
    const { ticket } = (await call('/cgi-bin/qrcode/create', {
      action_name: 'QR_LIMIT_STR_SCENE',
      action_info: { scene: { scene_str: 'shop-7' } },
    })) as { ticket: string }
    await emu.control.userEvent(await emu.control.followerAt(3), { event: 'scan', ticket })
    expect([field(bodies[0]!, 'Event'), field(bodies[0]!, 'EventKey'), field(bodies[0]!, 'Ticket')]).toEqual(['SCAN', 'shop-7', ticket])
  })

  it('records the QR scene on the follower who subscribed by scanning', async () => {
    const { ticket } = (await call('/cgi-bin/qrcode/create', {
      action_name: 'QR_LIMIT_SCENE',
      action_info: { scene: { scene_id: 42 } },
    })) as { ticket: string }
    const openid = 'oScanner_records_scene_00002'
    await emu.control.userEvent(openid, { event: 'scan', ticket })
    const info = await (await fetch(`${emu.url}/cgi-bin/user/info?access_token=${token}&openid=${openid}`)).json()
    expect(info).toMatchObject({ subscribe: 1, subscribe_scene: 'ADD_SCENE_QR_CODE', qr_scene: 42 })
  })

  it('refuses to scan an expired temporary ticket', async () => {
    const { ticket } = (await call('/cgi-bin/qrcode/create', {
      expire_seconds: 60,
      action_name: 'QR_SCENE',
      action_info: { scene: { scene_id: 9 } },
    })) as { ticket: string }
    await emu.control.advanceClock(61_000)
    await expect(emu.control.userEvent(await emu.control.followerAt(0), { event: 'scan', ticket })).rejects.toThrow(/expired/)
    expect(bodies).toEqual([])
  })
})

// 模板消息 事件推送: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
describe('TEMPLATESENDJOBFINISH', () => {
  it('pushes Status success with the msgid the send returned, from the recipient', async () => {
    const { templateId } = await emu.control.addTemplate({ keys: ['thing1'] })
    const openid = await emu.control.followerAt(5)
    const { msgid } = (await call('/cgi-bin/message/template/send', {
      touser: openid,
      template_id: templateId,
      data: { thing1: { value: 'ok' } },
    })) as { msgid: string }
    const push = await emu.control.waitForPush((p) => p.type === 'TEMPLATESENDJOBFINISH' && p.fields.MsgID === msgid)
    expect(push.from).toBe(openid)
    const body = bodies.find((b) => field(b, 'MsgID') === msgid)!
    expect([field(body, 'MsgType'), field(body, 'Event'), field(body, 'Status'), field(body, 'FromUserName')]).toEqual([
      'event',
      'TEMPLATESENDJOBFINISH',
      'success',
      openid,
    ])
  })

  it("pushes Status 'failed:user block' for a user who refuses the account's messages", async () => {
    const { templateId } = await emu.control.addTemplate({ keys: ['thing1'] })
    const openid = await emu.control.followerAt(6)
    await emu.control.setTemplateDelivery(openid, 'failed:user block')
    const { msgid } = (await call('/cgi-bin/message/template/send', {
      touser: openid,
      template_id: templateId,
      data: { thing1: { value: 'ok' } },
    })) as { msgid: string }
    const push = await emu.control.waitForPush((p) => p.type === 'TEMPLATESENDJOBFINISH' && p.fields.MsgID === msgid)
    expect(push.fields.Status).toBe('failed:user block')
    expect(await emu.control.outbox({ touser: openid, channel: 'template' })).toEqual([])
  })
})

// 事件推送群发结果: https://developers.weixin.qq.com/doc/service/guide/product/message/Batch_Sends.html
describe('MASSSENDJOBFINISH', () => {
  it('pushes the counts when a send by openids finishes, with MsgID the msg_id the send returned', async () => {
    const touser = [await emu.control.followerAt(10), await emu.control.followerAt(11)]
    const { msg_id: msgId } = (await call('/cgi-bin/message/mass/send', {
      touser,
      msgtype: 'text',
      text: { content: 'hello all' },
      clientmsgid: `c-${Date.now()}`,
    })) as { msg_id: string }
    const push = await emu.control.waitForPush((p) => p.type === 'MASSSENDJOBFINISH' && p.fields.MsgID === msgId)
    expect(push.from).toBe('mphelper')
    const body = bodies.find((b) => field(b, 'MsgID') === msgId)!
    expect(['Status', 'TotalCount', 'FilterCount', 'SentCount', 'ErrorCount'].map((n) => field(body, n))).toEqual([
      'send success',
      '2',
      '2',
      '2',
      '0',
    ])
    expect(body).toContain(
      '<CopyrightCheckResult><Count>0</Count><ResultList></ResultList><CheckState>1</CheckState></CopyrightCheckResult>',
    )
  })

  it('pushes a send to all only when its status turns SEND_SUCCESS on the emulator clock', async () => {
    await emu.control.seedFollowers(8_000_000)
    // 800,000 a minute at speed 0: ten minutes of sending.
    const { msg_id: msgId } = (await call('/cgi-bin/message/mass/sendall', {
      filter: { is_to_all: true },
      msgtype: 'text',
      text: { content: 'to everyone' },
    })) as { msg_id: string }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await emu.control.pushes({ type: 'MASSSENDJOBFINISH' })).some((p) => p.fields.MsgID === msgId)).toBe(false)
    expect(await call('/cgi-bin/message/mass/get', { msg_id: msgId })).toMatchObject({ msg_status: 'SENDING' })
    await emu.control.advanceClock(10 * 60_000)
    const push = await emu.control.waitForPush((p) => p.type === 'MASSSENDJOBFINISH' && p.fields.MsgID === msgId)
    expect(push.fields.Status).toBe('send success')
    expect(push.fields.TotalCount).toBeGreaterThanOrEqual(8_000_000)
    expect(push.fields.SentCount).toBe(push.fields.TotalCount)
    expect(await call('/cgi-bin/message/mass/get', { msg_id: msgId })).toMatchObject({ msg_status: 'SEND_SUCCESS' })
    await emu.control.seedFollowers(100)
  })
})

describe('waiting for one push among many', () => {
  const massSend = async (content: string) =>
    (
      (await call('/cgi-bin/message/mass/send', {
        touser: [await emu.control.followerAt(12), await emu.control.followerAt(13)],
        msgtype: 'text',
        text: { content },
        clientmsgid: `w-${content}-${Date.now()}`,
      })) as { msg_id: string }
    ).msg_id

  it("returns the second mass send's MASSSENDJOBFINISH when given its msg_id, not the first send's", async () => {
    const first = await massSend('one')
    await emu.control.waitForPush('MASSSENDJOBFINISH', { msgId: first })
    const second = await massSend('two')
    const push = await emu.control.waitForPush('MASSSENDJOBFINISH', { msgId: second })
    expect(push.fields.MsgID).toBe(second)
  })

  it('returns the first matching push recorded after the given seq', async () => {
    await emu.control.waitForPush('MASSSENDJOBFINISH', { msgId: await massSend('before') })
    const seq = await emu.control.lastPushSeq()
    const later = await massSend('after')
    const push = await emu.control.waitForPush('MASSSENDJOBFINISH', { after: seq })
    expect([push.fields.MsgID, push.seq > seq]).toEqual([later, true])
  })

  it('refuses to wait for a job result by its name alone, before asking the emulator', async () => {
    await expect(emu.control.waitForPush('TEMPLATESENDJOBFINISH')).rejects.toThrow(/needs \{ msgId \}.*or \{ after \}/)
  })

  it('refuses a name that matches more than one recorded push when given neither msgId nor after', async () => {
    const openid = await emu.control.followerAt(14)
    await emu.control.userEvent(openid, { event: 'CLICK', key: 'K1' })
    await emu.control.userEvent(openid, { event: 'CLICK', key: 'K2' })
    await expect(emu.control.waitForPush('CLICK')).rejects.toThrow(/matches \d+ pushes/)
  })

  it('refuses a msgId given as a number beyond 2^53, which has already lost digits', async () => {
    await expect(emu.control.waitForPush('MASSSENDJOBFINISH', { msgId: 2 ** 60 })).rejects.toThrow(RangeError)
  })
})
