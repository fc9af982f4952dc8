// @wxmp/server against the emulator's push (WeChat's side, written independently from the same
// docs): every mode and format, QR scans, the 48-hour window and a mass job's finish event.
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMessageServer, isJobFinishOf, type Push } from './index'
import { listen } from './testing/listen'

const TOKEN = 'pushToken42'
const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
let emu: Emulator
const seen: Push[] = []

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())

async function receiver(mode: 'plaintext' | 'compatible' | 'safe', format: 'xml' | 'json') {
  const server = createMessageServer({
    appId: emu.appId,
    token: TOKEN,
    // The receiver's mode matches the console's, as WeChat's doc has it (a safe-mode server refuses plaintext).
    ...(mode === 'plaintext' ? {} : { encodingAESKey: AES, mode }),
    handle(push) {
      seen.push(push)
      if (push.msgType === 'text') return { type: 'text', content: `echo: ${push.content}` }
      if (push.msgType === 'event' && push.event === 'subscribe' && push.scene)
        return { type: 'text', content: `welcome from ${push.scene}` }
      return undefined
    },
  })
  const url = await listen(server)
  await emu.control.configurePush({ url, token: TOKEN, encodingAESKey: AES, mode, format })
}

describe('a follower message round trip through the emulator', () => {
  for (const mode of ['plaintext', 'compatible', 'safe'] as const) {
    for (const format of ['xml', 'json'] as const) {
      it(`replies to a text message in ${mode} mode, ${format} format`, async () => {
        await receiver(mode, format)
        const openid = await emu.control.followerAt(0)
        const r = await emu.control.userMessage(openid, { msgType: 'text', content: `hi ${mode} ${format} <&> ]]>` })
        expect(r.error).toBeUndefined()
        expect(r).toMatchObject({ status: 200, attempts: 1, reply: { type: 'text', content: `echo: hi ${mode} ${format} <&> ]]>` } })
        expect(seen.at(-1)).toMatchObject({ msgType: 'text', msgId: r.msgId, fromUserName: openid, toUserName: emu.originalId })
      })
    }
  }
})

describe('events from the emulator', () => {
  it("gives a QR code's scene on the follow it brings, and the welcome reply reaches the follower", async () => {
    await receiver('safe', 'xml')
    const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
    const { ticket } = await wx.request<{ ticket: string }>('/cgi-bin/qrcode/create', {
      json: { expire_seconds: 600, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'campaign-42' } } },
    })
    const r = await emu.control.userEvent('oNewcomer_000000000000000001', { event: 'scan', ticket })
    expect(seen.at(-1)).toMatchObject({ msgType: 'event', event: 'subscribe', scene: 'campaign-42', ticket })
    expect(r.reply).toEqual({ type: 'text', content: 'welcome from campaign-42' })
  })

  it("matches a mass send's MASSSENDJOBFINISH to the msg_id the send returned", async () => {
    await receiver('plaintext', 'xml')
    const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
    const sent = await wx.request<{ msg_id: string | number }>('/cgi-bin/message/mass/sendall', {
      json: { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'hello all' }, clientmsgid: `server-test-${Date.now()}` },
    })
    const msgId = String(sent.msg_id)
    await emu.control.waitForPush('MASSSENDJOBFINISH', { msgId })
    const finish = seen.find((push) => isJobFinishOf(push, { msgId }))
    expect(finish).toMatchObject({ event: 'MASSSENDJOBFINISH', msgId, status: 'send success' })
    expect(finish && 'sentCount' in finish ? finish.sentCount : -1).toBeGreaterThan(0)
  })

  it("matches a template send's TEMPLATESENDJOBFINISH, with the follower's refusal, to the msgid the send returned", async () => {
    await receiver('safe', 'json')
    const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
    const openid = await emu.control.followerAt(5)
    const { templateId } = await emu.control.request<{ templateId: string }>('POST', '/template/templates', { keys: ['thing1'] })
    await emu.control.request('POST', '/template/delivery', { openid, status: 'failed:user block' })
    // core hands back 64-bit ids as exact strings
    const sent = await wx.request<{ msgid: string | number }>('/cgi-bin/message/template/send', {
      json: { touser: openid, template_id: templateId, data: { thing1: { value: 'Order shipped' } } },
    })
    const msgId = String(sent.msgid)
    await emu.control.waitForPush('TEMPLATESENDJOBFINISH', { msgId })
    const finish = seen.find((push) => isJobFinishOf(push, { msgId }))
    expect(finish).toMatchObject({ event: 'TEMPLATESENDJOBFINISH', msgId, status: 'failed:user block', fromUserName: openid })
  })
})

// Last: it moves the shared emulator clock a day on. The emulator README's *Timestamps* example.
describe("the emulator's clock", () => {
  it("accepts pushes after the emulator clock moved a day on when given the emulator's time as now", async () => {
    let offset = 0 // emulator clock minus real time
    const server = createMessageServer({
      appId: emu.appId,
      token: TOKEN,
      encodingAESKey: AES,
      handle: (push) => (push.msgType === 'text' ? { type: 'text', content: 'fresh' } : undefined),
      now: () => Date.now() + offset,
    })
    await emu.control.configurePush({ url: await listen(server), token: TOKEN, encodingAESKey: AES, mode: 'safe' })
    offset = (await emu.control.advanceClock(86_400_000)) - Date.now()
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'a day later' })
    expect(r.reply).toEqual({ type: 'text', content: 'fresh' })
  })
})
