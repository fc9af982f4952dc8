// The emulator's subscription notifications at the wire: the three events in the doc's XML and JSON
// forms, the token check on /wxaapi/, and the 47003 a value breaking its kind's rule gets.
// Events: https://developers.weixin.qq.com/doc/service/guide/product/subscription_messages/push.html
// bizsend: https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../index'

let emu: Emulator
let token: string
let server: Server
let url: string
let bodies: string[] = []

async function call(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(
    `${emu.url}${path}?access_token=${token}`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  )
  return (await res.json()) as Record<string, unknown>
}

async function newTemplate(tid = 1001, kidList = [1, 2]): Promise<string> {
  return (await call('/wxaapi/newtmpl/addtemplate', { tid: String(tid), kidList })).priTmplId as string
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
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`
  emu = await startEmulator({ port: 0, push: { url, token: 'AAAAA' } })
  const res = await fetch(`${emu.url}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: emu.appId, secret: emu.appSecret }),
  })
  token = ((await res.json()) as { access_token: string }).access_token
})
afterAll(async () => {
  await emu.close()
  server.close()
})
beforeEach(() => {
  bodies = []
})

describe('subscription events', () => {
  it('pushes subscribe_msg_popup_event in XML with one <List> per template', async () => {
    const [a, b] = [await newTemplate(), await newTemplate(99)]
    const openid = await emu.control.followerAt(0)
    await emu.control.subscribePopup(openid, [
      { templateId: a, status: 'accept' },
      { templateId: b, status: 'reject' },
    ])
    const xml = bodies.at(-1)!
    expect(xml).toContain('<Event><![CDATA[subscribe_msg_popup_event]]></Event>')
    expect(xml).toContain(
      `<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[${a}]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>2</PopupScene></List><List><TemplateId><![CDATA[${b}]]></TemplateId>`,
    )
    expect(xml).not.toContain('<item>')
  })

  it('pushes subscribe_msg_change_event in JSON with a top-level List', async () => {
    const id = await newTemplate()
    const openid = await emu.control.followerAt(1)
    await emu.control.configurePush({ url, token: 'AAAAA', format: 'json' })
    try {
      await emu.control.subscribeReject(openid, [id])
      const json = JSON.parse(bodies.at(-1)!) as Record<string, unknown>
      expect(json).toMatchObject({
        MsgType: 'event',
        Event: 'subscribe_msg_change_event',
        FromUserName: openid,
        List: [{ TemplateId: id, SubscribeStatusString: 'reject' }],
      })
      expect(json).not.toHaveProperty('SubscribeMsgChangeEvent')
    } finally {
      await emu.control.configurePush({ url, token: 'AAAAA' })
    }
  })

  it('pushes subscribe_msg_sent_event with the msgid the send answered, after the answer', async () => {
    const id = await newTemplate()
    const openid = await emu.control.followerAt(2)
    await emu.control.subscribePopup(openid, [{ templateId: id, status: 'accept' }], { scene: 1 })
    const text = await (
      await fetch(`${emu.url}/cgi-bin/message/subscribe/bizsend?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ touser: openid, template_id: id, data: { thing1: { value: '耳机' }, time2: { value: '15:01' } } }),
      })
    ).text()
    const msgid = /"msgid":(\d+)/.exec(text)![1]!
    const push = await emu.control.waitForPush((p) => p.type === 'subscribe_msg_sent_event' && JSON.stringify(p.fields).includes(msgid))
    expect(push.fields.List).toEqual([{ TemplateId: id, MsgID: msgid, ErrorCode: '0', ErrorStatus: 'success' }])
    expect(bodies.at(-1)).toContain(
      `<SubscribeMsgSentEvent><List><TemplateId><![CDATA[${id}]]></TemplateId><MsgID>${msgid}</MsgID><ErrorCode>0</ErrorCode><ErrorStatus><![CDATA[success]]></ErrorStatus></List></SubscribeMsgSentEvent>`,
    )
  })
})

describe('wire checks', () => {
  it('answers 41001 on /wxaapi/ without a token', async () => {
    expect(await (await fetch(`${emu.url}/wxaapi/newtmpl/gettemplate`)).json()).toMatchObject({ errcode: 41001 })
  })

  it('answers 47003 naming the key for a phrase that is not Chinese', async () => {
    const id = await newTemplate(1001, [1, 4])
    const openid = await emu.control.followerAt(3)
    await emu.control.subscribePopup(openid, [{ templateId: id, status: 'accept' }])
    const answer = await call('/cgi-bin/message/subscribe/bizsend', {
      touser: openid,
      template_id: id,
      data: { thing1: { value: 'x' }, phrase4: { value: 'done' } },
    })
    expect(answer).toMatchObject({ errcode: 47003 })
    expect(answer.errmsg).toContain('data.phrase4.value invalid')
  })

  // [template tid, kidList, the key, a value breaking the doc's rule for its kind]
  const broken: readonly (readonly [number, number[], string, string])[] = [
    [1001, [1, 2], 'time2', '2019-13-45 15:01'],
    [1001, [1, 2], 'time2', '15:01\n~\n16:00'],
    [1001, [1, 2], 'time2', '15:01~16:00~17:00'],
    [1002, [1, 2], 'date2', '0000-00-00'],
    [1002, [1, 2], 'date2', '2019-02-29'],
    [99, [1, 2], 'amount1', 'a100'],
    [99, [1, 2], 'amount1', `1.${'5'.repeat(1000)}`],
    [1001, [1, 2, 5], 'phone_number5', '😀😀'],
    [1001, [1, 2], 'thing1', 'two\nlines'],
    [1001, [1, 2], 'thing1', 'a\u200bb'],
  ]
  it.each(broken)('answers 47003 for template %i %j, %s = %j', async (tid, kids, key, value) => {
    const id = await newTemplate(tid, kids)
    const openid = await emu.control.followerAt(5)
    await emu.control.subscribePopup(openid, [{ templateId: id, status: 'accept' }])
    const fine: Record<string, string> = {
      thing1: 'x',
      time2: '15:01',
      date2: '2019年10月1日',
      amount1: '¥1.00',
      phone_number5: '+86-0766-66888866',
    }
    const data = Object.fromEntries(Object.entries({ ...fine, [key]: value }).map(([k, v]) => [k, { value: v }]))
    const answer = await call('/cgi-bin/message/subscribe/bizsend', { touser: openid, template_id: id, data })
    expect(answer).toMatchObject({ errcode: 47003 })
    expect(answer.errmsg).toContain(`data.${key}.value invalid`)
  })

  it('refuses a popup for a template the account does not have', async () => {
    const openid = await emu.control.followerAt(4)
    await expect(emu.control.subscribePopup(openid, [{ templateId: 'nope', status: 'accept' }])).rejects.toThrow(
      'not a template of this app',
    )
  })
})
