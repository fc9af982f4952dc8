// The emulator pushing like WeChat, checked by a small receiver written here from WeChat's docs
// (its own SHA-1 and AES code, not the emulator's): 消息加解密说明
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html , 接收普通消息
// https://developers.weixin.qq.com/doc/service/guide/product/message/Receiving_standard_messages.html ,
// 被动回复用户消息 https://developers.weixin.qq.com/doc/service/guide/product/message/Passive_user_reply_message.html
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../index'
import { sha1Signature } from './crypto'

const TOKEN = 'AAAAA'
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const key = Buffer.from(`${AES_KEY}=`, 'base64')

interface Received {
  query: URLSearchParams
  body: string
  contentType: string
}

type Reply = { status?: number; body: string; headers?: Record<string, string> }
type Answer = (r: Received) => Promise<Reply | 'hang'> | Reply | 'hang'

let server: Server
let receiverUrl: string
let received: Received[] = []
let answer: Answer = () => ({ body: 'success' })
let emu: Emulator

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const r = {
      query: new URL(req.url ?? '/', 'http://x').searchParams,
      body: await read(req),
      contentType: String(req.headers['content-type']),
    }
    received.push(r)
    const a = await answer(r)
    if (a === 'hang') return // never answers: the emulator times out
    res.writeHead(a.status ?? 200, { 'Content-Type': 'text/plain', ...a.headers }).end(a.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`
  emu = await startEmulator({ push: { url: receiverUrl, token: TOKEN, timeoutMs: 200 } })
})
afterAll(async () => {
  await emu.close()
  server.closeAllConnections()
  server.close()
})
beforeEach(async () => {
  await emu.control.reset()
  received = []
  answer = () => ({ body: 'success' })
})

// --- the receiver's side, from the doc ---
const field = (xml: string, name: string) =>
  new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`)
    .exec(xml)
    ?.slice(1)
    .find((v) => v !== undefined)
const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex')
function docDecrypt(encrypted: string): { msg: string; appId: string } {
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  const plain = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()])
  const body = plain.subarray(0, plain.length - (plain[plain.length - 1] as number))
  const len = body.readUInt32BE(16)
  return { msg: body.subarray(20, 20 + len).toString('utf8'), appId: body.subarray(20 + len).toString('utf8') }
}
function docEncrypt(msg: string, appId: string): string {
  const m = Buffer.from(msg)
  const len = Buffer.alloc(4)
  len.writeUInt32BE(m.length)
  const plain = Buffer.concat([randomBytes(16), len, m, Buffer.from(appId)])
  const pad = 32 - (plain.length % 32)
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64')
}
const textReply = (r: Received, content: string) =>
  `<xml><ToUserName><![CDATA[${r.query.get('openid')}]]></ToUserName><FromUserName><![CDATA[${emu.originalId}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`
function encryptedReply(inner: string): string {
  const encrypt = docEncrypt(inner, emu.appId)
  const ts = String(Math.floor(Date.now() / 1000))
  const nonce = '1320562132'
  return `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${sha1(TOKEN, ts, nonce, encrypt)}]]></MsgSignature><TimeStamp>${ts}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`
}

describe('signatures', () => {
  it("signs like WeChat's worked example (Token AAAAA, timestamp 1714037059, nonce 486452656)", () => {
    expect(sha1Signature('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78')
  })
})

describe('plaintext mode', () => {
  it('pushes a text message as signed XML and delivers the text reply to the outbox', async () => {
    const openid = await emu.control.followerAt(0)
    answer = (r) => ({ body: textReply(r, 'hello back') })
    const r = await emu.control.userMessage(openid, { msgType: 'text', content: 'hi <there> ]]> &' })
    expect(r).toMatchObject({ status: 200, attempts: 1, reply: { type: 'text', content: 'hello back' } })
    const [push] = received
    const q = push!.query
    expect(q.get('signature')).toBe(sha1(TOKEN, q.get('timestamp')!, q.get('nonce')!))
    expect(q.get('openid')).toBe(openid)
    expect(q.get('encrypt_type')).toBeNull()
    expect(push!.contentType).toContain('xml')
    expect(field(push!.body, 'ToUserName')).toBe(emu.originalId)
    expect(field(push!.body, 'FromUserName')).toBe(openid)
    expect(field(push!.body, 'MsgType')).toBe('text')
    expect(push!.body).toContain('<Content><![CDATA[hi <there> ]]]]><![CDATA[> &]]></Content>')
    expect(field(push!.body, 'MsgId')).toBe(r.msgId)
    expect(BigInt(r.msgId!)).toBeGreaterThan(2n ** 53n)
    const outbox = await emu.control.outbox({ channel: 'reply' })
    expect(outbox).toMatchObject([{ touser: openid, msgtype: 'text', payload: { content: 'hello back' } }])
  })

  it("opens the follower's 48-hour window with their message: a customer-service send then succeeds", async () => {
    // 客服消息: sendable for 48 hours after the follower's message; 45015 outside the window.
    // https://developers.weixin.qq.com/doc/service/guide/product/message/Service_Center_messages.html
    const openid = await emu.control.followerAt(1)
    const { access_token: token } = (await (
      await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
    ).json()) as { access_token: string }
    const send = async () =>
      (
        (await (
          await fetch(`${emu.url}/cgi-bin/message/custom/send?access_token=${token}`, {
            method: 'POST',
            body: JSON.stringify({ touser: openid, msgtype: 'text', text: { content: 'later' } }),
          })
        ).json()) as { errcode: number }
      ).errcode
    expect(await send()).toBe(45015)
    await emu.control.userMessage(openid, {
      msgType: 'location',
      locationX: 23.134521,
      locationY: 113.358803,
      scale: 20,
      label: '位置信息',
    })
    expect(await send()).toBe(0)
    const body = received[0]!.body
    expect(field(body, 'Location_X')).toBe('23.134521')
    expect(field(body, 'Label')).toBe('位置信息')
  })

  it("answers 'success' as no reply, without error", async () => {
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'x' })
    expect(r.reply).toBeNull()
    expect(r.error).toBeUndefined()
    expect(await emu.control.outbox({ channel: 'reply' })).toEqual([])
  })

  it('pushes JSON with the 64-bit MsgId as a bare integer in json format', async () => {
    await emu.control.configurePush({ url: receiverUrl, token: TOKEN, format: 'json', timeoutMs: 200 })
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'j' })
    const body = received[0]!.body
    expect(received[0]!.contentType).toContain('json')
    expect(body).toContain(`"MsgId":${r.msgId}`)
    expect(JSON.parse(body)).toMatchObject({ ToUserName: emu.originalId, MsgType: 'text', Content: 'j' })
  })
})

describe('safe and compatible mode', () => {
  it('sends only ToUserName and Encrypt in safe mode, signed with msg_signature, and decrypts the encrypted reply', async () => {
    await emu.control.configurePush({ url: receiverUrl, token: TOKEN, encodingAESKey: AES_KEY, mode: 'safe', timeoutMs: 200 })
    const openid = await emu.control.followerAt(0)
    answer = (r) => ({ body: encryptedReply(textReply(r, '加密回复')) })
    const r = await emu.control.userMessage(openid, { msgType: 'text', content: '你好' })
    expect(r.reply).toEqual({ type: 'text', content: '加密回复' })
    const { query: q, body } = received[0]!
    const encrypt = field(body, 'Encrypt')!
    expect(q.get('encrypt_type')).toBe('aes')
    expect(q.get('msg_signature')).toBe(sha1(TOKEN, q.get('timestamp')!, q.get('nonce')!, encrypt))
    expect(field(body, 'Content')).toBeUndefined()
    const inner = docDecrypt(encrypt)
    expect(inner.appId).toBe(emu.appId)
    expect(field(inner.msg, 'Content')).toBe('你好')
  })

  it('refuses a plaintext reply in safe mode, as the follower sees it', async () => {
    await emu.control.configurePush({ url: receiverUrl, token: TOKEN, encodingAESKey: AES_KEY, timeoutMs: 200 })
    answer = (r) => ({ body: textReply(r, 'plain') })
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'x' })
    expect(r.reply).toBeNull()
    expect(r.error).toMatch(/^invalid reply: safe mode needs an encrypted reply.*该公众号暂时无法提供服务，请稍后再试/)
  })

  it('sends the plain fields and Encrypt together in compatible mode and takes a plaintext reply', async () => {
    await emu.control.configurePush({ url: receiverUrl, token: TOKEN, encodingAESKey: AES_KEY, mode: 'compatible', timeoutMs: 200 })
    answer = (r) => ({ body: textReply(r, 'plain ok') })
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'both' })
    expect(r.reply).toEqual({ type: 'text', content: 'plain ok' })
    const body = received[0]!.body
    expect(field(body, 'Content')).toBe('both')
    expect(field(docDecrypt(field(body, 'Encrypt')!).msg, 'Content')).toBe('both')
  })

  it('sends {ToUserName, Encrypt} as JSON in safe mode with json format', async () => {
    await emu.control.configurePush({ url: receiverUrl, token: TOKEN, encodingAESKey: AES_KEY, format: 'json', timeoutMs: 200 })
    await emu.control.userEvent(await emu.control.followerAt(0), { event: 'CLICK', key: 'MENU_1' })
    const body = JSON.parse(received[0]!.body) as Record<string, string>
    expect(Object.keys(body).sort()).toEqual(['Encrypt', 'ToUserName'])
    expect(JSON.parse(docDecrypt(body.Encrypt!).msg)).toMatchObject({ MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_1' })
  })

  it('decrypts an encrypted JSON reply in safe mode with json format', async () => {
    await emu.control.configurePush({ url: receiverUrl, token: TOKEN, encodingAESKey: AES_KEY, format: 'json', timeoutMs: 200 })
    const openid = await emu.control.followerAt(0)
    answer = () => {
      const inner = JSON.stringify({
        ToUserName: openid,
        FromUserName: emu.originalId,
        CreateTime: 1714112445,
        MsgType: 'image',
        Image: { MediaId: 'mid-1' },
      })
      const encrypt = docEncrypt(inner, emu.appId)
      return {
        body: JSON.stringify({
          Encrypt: encrypt,
          MsgSignature: sha1(TOKEN, '1714112445', '415670741', encrypt),
          TimeStamp: 1714112445,
          Nonce: '415670741',
        }),
      }
    }
    const r = await emu.control.userMessage(openid, { msgType: 'text', content: 'photo please' })
    expect(r.reply).toEqual({ type: 'image', mediaId: 'mid-1' })
  })

  it('refuses an encrypted reply whose MsgSignature does not match', async () => {
    await emu.control.configurePush({ url: receiverUrl, token: TOKEN, encodingAESKey: AES_KEY, timeoutMs: 200 })
    answer = (r) => ({ body: encryptedReply(textReply(r, 'x')).replace(/<MsgSignature><!\[CDATA\[\w+/, '<MsgSignature><![CDATA[0000') })
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'x' })
    expect(r.error).toMatch(/^invalid reply: MsgSignature does not match/)
  })

  it('refuses a bad EncodingAESKey before anything is pushed, naming the field', async () => {
    await expect(emu.control.configurePush({ url: receiverUrl, token: TOKEN, encodingAESKey: 'short' })).rejects.toThrow(
      /push\.encodingAESKey must be 43 characters of base64, got 5 characters/,
    )
  })
})

describe('timeouts, retries and bad replies', () => {
  it('tries a receiver that never answers 3 times in all, then reports the timeout', async () => {
    answer = () => 'hang'
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'slow' })
    expect(r).toMatchObject({ status: null, attempts: 3, reply: null })
    expect(r.error).toMatch(/^timeout; the follower sees "该公众号暂时无法提供服务，请稍后再试"/)
    expect(received).toHaveLength(3)
    expect(new Set(received.map((x) => x.body)).size).toBe(1)
    expect(await emu.control.outbox({ channel: 'reply' })).toMatchObject([
      { msgtype: 'system', payload: { content: '该公众号暂时无法提供服务，请稍后再试' } },
    ])
  })

  it('takes the answer of a retry when the first try timed out', async () => {
    answer = (r) => (received.length === 1 ? 'hang' : { body: textReply(r, 'second') })
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'x' })
    expect(r).toMatchObject({ attempts: 2, status: 200, reply: { type: 'text', content: 'second' } })
  })

  it('reports JSON answered to an XML push as an invalid reply', async () => {
    answer = () => ({ body: '{"msg":"ok"}' })
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'x' })
    expect(r).toMatchObject({ status: 200, attempts: 1, reply: null })
    expect(r.error).toMatch(/^invalid reply: ToUserName is missing/)
  })

  it('reports a reply addressed to someone else as invalid', async () => {
    answer = (r) => ({ body: textReply(r, 'x').replace(r.query.get('openid')!, 'oSomeoneElse') })
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'x' })
    expect(r.error).toMatch(/ToUserName must be the follower's openid/)
  })

  it('reports an HTTP 500 answer as an invalid reply without retrying', async () => {
    answer = () => ({ status: 500, body: 'oops' })
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'x' })
    expect(r).toMatchObject({ status: 500, attempts: 1 })
    expect(r.error).toMatch(/^invalid reply: HTTP 500/)
  })

  it('reports a redirect as an invalid reply with its status, without following it or retrying', async () => {
    // Pointing back at the receiver: a push that followed redirects would hit it again and again.
    answer = () => ({ status: 302, body: '', headers: { Location: receiverUrl } })
    const r = await emu.control.userMessage(await emu.control.followerAt(0), { msgType: 'text', content: 'x' })
    expect(r).toMatchObject({ status: 302, attempts: 1, reply: null })
    expect(r.error).toMatch(/^invalid reply: HTTP 302/)
    expect(received).toHaveLength(1)
  })

  it('accepts a one-article news reply to a message and refuses two', async () => {
    const news = (r: Received, n: number) =>
      `<xml><ToUserName>${r.query.get('openid')}</ToUserName><FromUserName>${emu.originalId}</FromUserName><CreateTime>1</CreateTime><MsgType>news</MsgType><ArticleCount>${n}</ArticleCount><Articles>${'<item><Title>t</Title><Description>d</Description><PicUrl>http://p/1.jpg</PicUrl><Url>http://u/</Url></item>'.repeat(n)}</Articles></xml>`
    const openid = await emu.control.followerAt(0)
    answer = (r) => ({ body: news(r, 1) })
    expect((await emu.control.userMessage(openid, { msgType: 'text', content: 'x' })).reply).toEqual({
      type: 'news',
      articles: [{ title: 't', description: 'd', picUrl: 'http://p/1.jpg', url: 'http://u/' }],
    })
    answer = (r) => ({ body: news(r, 2) })
    expect((await emu.control.userMessage(openid, { msgType: 'text', content: 'x' })).error).toMatch(/at most 1/)
  })
})

/** errcode of a customer-service text to `openid`: 0 inside the 48-hour window, 45015 outside. */
async function customSend(openid: string): Promise<number> {
  const { access_token: token } = (await (
    await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
  ).json()) as { access_token: string }
  const res = await fetch(`${emu.url}/cgi-bin/message/custom/send?access_token=${token}`, {
    method: 'POST',
    body: JSON.stringify({ touser: openid, msgtype: 'text', text: { content: 'hi' } }),
  })
  return ((await res.json()) as { errcode: number }).errcode
}

describe('events', () => {
  it('subscribes a new user: the user APIs then report them following', async () => {
    const openid = 'oNewUser_subscribes_0000000A'
    await emu.control.userEvent(openid, { event: 'subscribe' })
    expect(field(received[0]!.body, 'Event')).toBe('subscribe')
    expect((await emu.control.userRecord(openid)).subscribed).toBe(true)
  })

  // 客服消息下发规则: a follower's message allows 5 sends in 48 hours; a menu click (click-type menus),
  // a follow or a scan 3 sends in 1 minute; a VIEW (link menu) or a LOCATION report opens nothing.
  // https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage.html
  it('lets a subscribe open the reply window', async () => {
    const newcomer = 'oNewUser_subscribes_0000000B'
    await emu.control.userEvent(newcomer, { event: 'subscribe' })
    expect(await customSend(newcomer)).toBe(0)
  })

  it('allows 3 customer-service sends within 1 minute of a CLICK, then 45047', async () => {
    const clicker = await emu.control.followerAt(4)
    expect(await customSend(clicker)).toBe(45015)
    await emu.control.userEvent(clicker, { event: 'CLICK', key: 'K' })
    expect([await customSend(clicker), await customSend(clicker), await customSend(clicker), await customSend(clicker)]).toEqual([
      0, 0, 0, 45047,
    ])
  })

  it('closes the window a minute after a CLICK', async () => {
    const clicker = await emu.control.followerAt(6)
    await emu.control.userEvent(clicker, { event: 'CLICK', key: 'K' })
    await emu.control.advanceClock(61_000)
    expect(await customSend(clicker)).toBe(45015)
  })

  it("keeps the 48 hours of a follower's message when they click a menu afterwards", async () => {
    const openid = await emu.control.followerAt(7)
    await emu.control.userMessage(openid, { msgType: 'text', content: 'x' })
    await emu.control.userEvent(openid, { event: 'CLICK', key: 'K' })
    await emu.control.advanceClock(3_600_000)
    expect(await customSend(openid)).toBe(0)
  })

  it('leaves the window shut after VIEW and LOCATION', async () => {
    const openid = await emu.control.followerAt(5)
    await emu.control.userEvent(openid, { event: 'VIEW', url: 'https://example.com/' })
    await emu.control.userEvent(openid, { event: 'LOCATION', latitude: 1, longitude: 2, precision: 3 })
    expect(await customSend(openid)).toBe(45015)
  })

  it('unsubscribes a follower, who then no longer follows', async () => {
    const openid = await emu.control.followerAt(2)
    await emu.control.userEvent(openid, { event: 'unsubscribe' })
    expect(field(received[0]!.body, 'Event')).toBe('unsubscribe')
    const { access_token: token } = (await (
      await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
    ).json()) as { access_token: string }
    expect(await (await fetch(`${emu.url}/cgi-bin/user/info?access_token=${token}&openid=${openid}`)).json()).toMatchObject({
      subscribe: 0,
      openid,
    })
    await expect(emu.control.userMessage(openid, { msgType: 'text', content: 'x' })).rejects.toThrow(/does not follow/)
  })

  it('pushes subscribe with qrscene_<scene> and a Ticket when a scene is given', async () => {
    await emu.control.userEvent('oQrUser_with_scene_000000000', { event: 'subscribe', scene: 123123 })
    const body = received[0]!.body
    expect(field(body, 'EventKey')).toBe('qrscene_123123')
    expect(field(body, 'Ticket')).toMatch(/^gQ/)
  })

  it('pushes LOCATION with Latitude, Longitude and Precision', async () => {
    await emu.control.userEvent(await emu.control.followerAt(0), {
      event: 'LOCATION',
      latitude: 23.137466,
      longitude: 113.352425,
      precision: 119.38504,
    })
    const body = received[0]!.body
    expect([field(body, 'Event'), field(body, 'Latitude'), field(body, 'Longitude'), field(body, 'Precision')]).toEqual([
      'LOCATION',
      '23.137466',
      '113.352425',
      '119.38504',
    ])
  })
})

describe('several apps', () => {
  it("pushes each app's followers to that app's own URL, from its own original id", async () => {
    const other = await startEmulator({
      apps: [
        { appId: 'wx1111111111111111', appSecret: 's1', followers: 2 },
        {
          appId: 'wx2222222222222222',
          appSecret: 's2',
          followers: 2,
          originalId: 'gh_222222222222',
          push: { url: `${receiverUrl}?app=2`, token: 'second' },
        },
      ],
    })
    try {
      const openid = await other.control.followerAt(0, { appId: 'wx2222222222222222' })
      const r = await other.control.userMessage(openid, { msgType: 'text', content: 'to app 2' }, { appId: 'wx2222222222222222' })
      expect(r.status).toBe(200)
      const { query, body } = received[0]!
      expect(query.get('app')).toBe('2')
      expect(query.get('signature')).toBe(sha1('second', query.get('timestamp')!, query.get('nonce')!))
      expect(field(body, 'ToUserName')).toBe('gh_222222222222')
      // The first app has no URL: a set-up mistake the test hears about, and nothing is sent.
      await expect(other.control.userMessage(await other.control.followerAt(0), { msgType: 'text', content: 'x' })).rejects.toMatchObject({
        name: 'EmulatorControlError',
        status: 409,
        message: expect.stringMatching(/wx1111111111111111 has no push URL: configurePush/),
      })
      expect(received).toHaveLength(1)
    } finally {
      await other.close()
    }
  })
})
