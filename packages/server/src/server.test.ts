// createMessageServer over real HTTP (node:http through the /node adapter), WeChat's side played
// by requests built as the doc describes. Doc pages:
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html (signatures, crypto, examples)
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import {
  computeSignature,
  createMemoryDedupStore,
  createMessageServer,
  decryptMessage,
  type MessageServerOptions,
  type Push,
} from './index'
import { DOC } from './testing/doc-examples'
import { listen } from './testing/listen'
import { sendPush } from './testing/push'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
const DOC_APP = { appId: DOC.appId, token: DOC.token, encodingAESKey: DOC.encodingAESKey }
const OLD_KEY = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut'
const xml = new XMLParser({ parseTagValue: false })
const text = (content: string, msgId = '1234567890123456') => ({
  ToUserName: 'gh_7f083739789a',
  FromUserName: 'oia2TjuEGTNoeX76QEjQNrcURxG8',
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'text',
  Content: content,
  MsgId: msgId,
})

/** A server in compatible mode (both plaintext and encrypted pushes) unless the options say otherwise. */
async function serve(options: Partial<MessageServerOptions> = {}) {
  const handle = vi.fn<(push: Push) => unknown>(options.handle as never)
  const server = createMessageServer({ ...APP, mode: 'compatible', ...options, handle: handle as MessageServerOptions['handle'] })
  return { url: await listen(server), handle }
}

describe('URL verification', () => {
  it('answers the documented verification request with its echostr', async () => {
    const { url } = await serve({ token: DOC.token, now: () => Number(DOC.verify.timestamp) * 1000 })
    const { timestamp, nonce, echostr, signature } = DOC.verify
    const res = await fetch(`${url}?${new URLSearchParams({ signature, echostr, timestamp, nonce })}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(echostr)
  })

  it('refuses a verification request whose signature is forged, without echoing echostr', async () => {
    const { url } = await serve({ token: DOC.token, now: () => Number(DOC.verify.timestamp) * 1000 })
    const { timestamp, nonce, echostr } = DOC.verify
    const res = await fetch(`${url}?${new URLSearchParams({ signature: 'f'.repeat(40), echostr, timestamp, nonce })}`)
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain(echostr)
  })
})

describe('plaintext mode', () => {
  it('hands a text message to handle and answers its text reply as WeChat XML', async () => {
    const { url, handle } = await serve({
      handle: (push) => (push.msgType === 'text' ? { type: 'text', content: `echo: ${push.content}` } : undefined),
    })
    const res = await sendPush({ url, token: APP.token, fields: text('你好 <b>&') })
    const reply = xml.parse(await res.text()).xml
    expect(reply).toMatchObject({
      ToUserName: 'oia2TjuEGTNoeX76QEjQNrcURxG8',
      FromUserName: 'gh_7f083739789a',
      MsgType: 'text',
      Content: 'echo: 你好 <b>&',
    })
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ msgType: 'text', content: '你好 <b>&', msgId: '1234567890123456' }))
  })

  it('answers success when handle returns nothing', async () => {
    const { url } = await serve({ handle: () => undefined })
    const res = await sendPush({ url, token: APP.token, fields: text('hi') })
    expect(await res.text()).toBe('success')
  })

  it('accepts the documented JSON push and passes its unknown event through with raw fields', async () => {
    const { url, handle } = await serve({ token: DOC.token, now: () => Number(DOC.plainPush.timestamp) * 1000 })
    const { timestamp, nonce, signature, body } = DOC.plainPush
    const res = await fetch(`${url}?${new URLSearchParams({ signature, timestamp, nonce })}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    })
    expect(await res.text()).toBe('success')
    expect(handle).toHaveBeenCalledWith(
      expect.objectContaining({
        msgType: 'unknown',
        wireMsgType: 'event',
        wireEvent: 'debug_demo',
        raw: expect.objectContaining({ debug_str: 'hello world' }),
      }),
    )
  })

  it('keeps a 64-bit MsgId exact in a JSON push', async () => {
    const { url, handle } = await serve()
    await sendPush({ url, token: APP.token, format: 'json', fields: { ...text('hi'), MsgId: 9223372036854775807n.toString() } })
    // JSON.stringify wrote the id as a string here; a bare number is covered in messages.test.ts.
    expect(handle.mock.calls[0]?.[0]).toMatchObject({ msgId: '9223372036854775807' })
  })

  it('answers a JSON push with a JSON reply', async () => {
    const { url } = await serve({ handle: () => ({ type: 'image', mediaId: 'MEDIA' }) })
    const res = await sendPush({ url, token: APP.token, format: 'json', fields: text('pic please') })
    expect(await res.json()).toMatchObject({ MsgType: 'image', Image: { MediaId: 'MEDIA' }, ToUserName: 'oia2TjuEGTNoeX76QEjQNrcURxG8' })
  })
})

describe('safe and compatible mode', () => {
  it('decrypts the documented safe-mode push', async () => {
    const { url, handle } = await serve({ ...DOC_APP, now: () => Number(DOC.safePush.timestamp) * 1000 })
    const { timestamp, nonce, msgSignature, signature, openid, encrypt } = DOC.safePush
    const query = new URLSearchParams({ signature, timestamp, nonce, openid, encrypt_type: 'aes', msg_signature: msgSignature })
    const res = await fetch(`${url}?${query}`, {
      method: 'POST',
      body: JSON.stringify({ ToUserName: 'gh_97417a04a28d', Encrypt: encrypt }),
    })
    expect(await res.text()).toBe('success')
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ wireEvent: 'debug_demo', fromUserName: openid, createTime: 1714112445 }))
  })

  it('answers the documented safe-mode push through fetch(Request) alone (Web Crypto, no node adapter)', async () => {
    const handle = vi.fn(() => ({ type: 'text' as const, content: 'good luck' }))
    const server = createMessageServer({ ...DOC_APP, handle, now: () => Number(DOC.safePush.timestamp) * 1000 })
    const { timestamp, nonce, msgSignature, signature, openid, encrypt } = DOC.safePush
    const query = new URLSearchParams({ signature, timestamp, nonce, openid, encrypt_type: 'aes', msg_signature: msgSignature })
    const res = await server.fetch(
      new Request(`https://example.com/wx?${query}`, {
        method: 'POST',
        body: JSON.stringify({ ToUserName: 'gh_97417a04a28d', Encrypt: encrypt }),
      }),
    )
    const body = (await res.json()) as { Encrypt: string; MsgSignature: string; TimeStamp: number; Nonce: string }
    expect(await computeSignature(DOC.token, String(body.TimeStamp), body.Nonce, body.Encrypt)).toBe(body.MsgSignature)
    expect(JSON.parse(await decryptMessage(body.Encrypt, DOC))).toMatchObject({ MsgType: 'text', Content: 'good luck', ToUserName: openid })
  })

  it('answers the documented safe-mode push through fetch with node:crypto as its provider', async () => {
    const { nodeCrypto } = await import('./node')
    const server = createMessageServer({
      ...DOC_APP,
      crypto: nodeCrypto,
      handle: () => ({ type: 'text', content: 'good luck' }),
      now: () => Number(DOC.safePush.timestamp) * 1000,
    })
    const { timestamp, nonce, msgSignature, signature, openid, encrypt } = DOC.safePush
    const query = new URLSearchParams({ signature, timestamp, nonce, openid, encrypt_type: 'aes', msg_signature: msgSignature })
    const res = await server.fetch(
      new Request(`https://example.com/wx?${query}`, {
        method: 'POST',
        body: JSON.stringify({ ToUserName: 'gh_97417a04a28d', Encrypt: encrypt }),
      }),
    )
    const body = (await res.json()) as { Encrypt: string }
    expect(JSON.parse(await decryptMessage(body.Encrypt, DOC))).toMatchObject({ Content: 'good luck', ToUserName: openid })
  })

  it('encrypts the reply to a safe-mode push, signed with MsgSignature', async () => {
    const { url } = await serve({ handle: () => ({ type: 'text', content: 'secret hello' }) })
    const res = await sendPush({ url, mode: 'safe', ...APP, fields: text('hi') })
    const body = xml.parse(await res.text()).xml as Record<string, string>
    expect(Object.keys(body).sort()).toEqual(['Encrypt', 'MsgSignature', 'Nonce', 'TimeStamp'])
    expect(await computeSignature(APP.token, String(body.TimeStamp), String(body.Nonce), body.Encrypt!)).toBe(body.MsgSignature)
    const inner = xml.parse(await decryptMessage(body.Encrypt!, APP)).xml
    expect(inner).toMatchObject({ MsgType: 'text', Content: 'secret hello', ToUserName: 'oia2TjuEGTNoeX76QEjQNrcURxG8' })
  })

  it('reads a compatible-mode push from its ciphertext, not from its plain copy', async () => {
    const { url, handle } = await serve()
    const res = await sendPush({ url, mode: 'compatible', ...APP, fields: text('the real text') })
    expect(res.status).toBe(200)
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ content: 'the real text' }))
  })

  it('accepts a push encrypted with the previous EncodingAESKey and answers with that key', async () => {
    const { url } = await serve({ previousEncodingAESKey: OLD_KEY, handle: () => ({ type: 'text', content: 'ok' }) })
    const res = await sendPush({
      url,
      token: APP.token,
      mode: 'safe',
      appId: APP.appId,
      encodingAESKey: OLD_KEY,
      fields: text('during key change'),
    })
    const body = xml.parse(await res.text()).xml as Record<string, string>
    expect(xml.parse(await decryptMessage(body.Encrypt!, { appId: APP.appId, encodingAESKey: OLD_KEY })).xml.Content).toBe('ok')
  })
})

/** A correctly encrypted 32-byte block whose last byte (the pad length) is 0: WeChat's padding is 1-32. */
async function badlyPadded(): Promise<string> {
  const raw = Uint8Array.from(atob(`${APP.encodingAESKey}=`), (c) => c.charCodeAt(0))
  const key = await crypto.subtle.importKey('raw', raw, 'AES-CBC', false, ['encrypt'])
  const plain = new Uint8Array(32).fill(7)
  plain[31] = 0
  const out = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: raw.slice(0, 16) }, key, plain)).subarray(0, 32)
  return btoa(String.fromCharCode(...out))
}

describe('a push that fails a check gets a 4xx and never reaches handle', () => {
  const cases: [string, (url: string) => Promise<Response>, number][] = [
    ['a forged signature', (url) => sendPush({ url, token: APP.token, fields: text('x'), forge: { signature: '0'.repeat(40) } }), 403],
    ['a signature made with another token', (url) => sendPush({ url, token: 'someoneElse', fields: text('x') }), 403],
    [
      'a forged msg_signature',
      (url) => sendPush({ url, mode: 'safe', ...APP, fields: text('x'), forge: { msgSignature: 'a'.repeat(40) } }),
      403,
    ],
    [
      'a stale timestamp (a replayed push)',
      (url) => sendPush({ url, token: APP.token, fields: text('x'), timestamp: String(Math.floor(Date.now() / 1000) - 301) }),
      403,
    ],
    [
      'a timestamp from the future',
      (url) => sendPush({ url, token: APP.token, fields: text('x'), timestamp: String(Math.floor(Date.now() / 1000) + 3600) }),
      403,
    ],
    ['an oversized body', (url) => sendPush({ url, token: APP.token, fields: text('x'.repeat(70_000)) }), 413],
    ['a body that is not XML', (url) => sendPush({ url, token: APP.token, fields: text('x'), forge: { body: 'hello=world' } }), 400],
    ['malformed XML', (url) => sendPush({ url, token: APP.token, fields: text('x'), forge: { body: '<xml><MsgType>text</MsgTyp' } }), 400],
    [
      'a DOCTYPE',
      (url) => sendPush({ url, token: APP.token, fields: text('x'), forge: { body: '<!DOCTYPE xml><xml><MsgType>text</MsgType></xml>' } }),
      400,
    ],
    [
      'an entity declaration',
      (url) =>
        sendPush({
          url,
          token: APP.token,
          fields: text('x'),
          forge: { body: '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><xml><Content>&a;&a;</Content></xml>' },
        }),
      400,
    ],
    [
      'a malformed safe-mode envelope',
      (url) => sendPush({ url, mode: 'safe', ...APP, fields: text('x'), forge: { body: '<xml><Encrypt><![CDATA[abc]]></Encrypt' } }),
      400,
    ],
    [
      'a ciphertext made for another AppID',
      (url) => sendPush({ url, mode: 'safe', ...APP, appId: 'wx0000000000000000', fields: text('x') }),
      400,
    ],
    [
      'a ciphertext that is not base64',
      (url) => sendPush({ url, mode: 'safe', ...APP, fields: text('x'), forge: { encrypt: 'not*base64!' } }),
      400,
    ],
    [
      'a ciphertext with bad padding',
      async (url) => sendPush({ url, mode: 'safe', ...APP, fields: text('x'), forge: { encrypt: await badlyPadded() } }),
      400,
    ],
    ['a ciphertext under another key', (url) => sendPush({ url, mode: 'safe', ...APP, encodingAESKey: OLD_KEY, fields: text('x') }), 400],
  ]
  for (const [what, send, status] of cases) {
    it(`refuses ${what} with ${status}`, async () => {
      const rejected = vi.fn()
      const { url, handle } = await serve({ onRejected: rejected })
      const res = await send(url)
      expect(res.status).toBe(status)
      expect(handle).not.toHaveBeenCalled()
      expect(rejected).toHaveBeenCalledWith(expect.objectContaining({ status }))
      if (what.includes('padding')) expect(rejected.mock.calls[0]?.[0].reason).toMatch(/padding/)
      if (what.includes('AppID')) expect(rejected.mock.calls[0]?.[0].reason).toMatch(/wrong-appid/)
      expect(JSON.stringify(rejected.mock.calls)).not.toContain(APP.token)
    })
  }

  it('refuses an encrypted push when no EncodingAESKey is configured', async () => {
    const handle = vi.fn()
    const url = await listen(createMessageServer({ appId: APP.appId, token: APP.token, handle }))
    const res = await sendPush({ url, mode: 'safe', ...APP, fields: text('x') })
    expect(res.status).toBe(400)
    expect(handle).not.toHaveBeenCalled()
  })

  it('refuses PUT with 405', async () => {
    const { url, handle } = await serve()
    expect((await fetch(url, { method: 'PUT', body: 'x' })).status).toBe(405)
    expect(handle).not.toHaveBeenCalled()
  })
})

describe('retries, deadlines and failures', () => {
  it('runs handle once for a retried message and gives the retry the same reply', async () => {
    let n = 0
    const { url, handle } = await serve({ handle: () => ({ type: 'text', content: `reply ${++n}` }) })
    const fields = text('once', '5555555555555555')
    const first = await (await sendPush({ url, token: APP.token, fields })).text()
    const retry = await (await sendPush({ url, token: APP.token, fields })).text()
    expect(handle).toHaveBeenCalledTimes(1)
    expect(xml.parse(retry).xml.Content).toBe('reply 1')
    expect(xml.parse(first).xml.Content).toBe('reply 1')
  })

  it('makes a retry that arrives while the first is running wait for the same reply', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { url, handle } = await serve({
      handle: async () => {
        await gate
        return { type: 'text', content: 'slow but once' }
      },
    })
    const fields = text('twice', '6666666666666666')
    const a = sendPush({ url, token: APP.token, fields })
    await vi.waitFor(() => expect(handle).toHaveBeenCalledTimes(1))
    const b = sendPush({ url, token: APP.token, fields })
    release()
    const [ra, rb] = await Promise.all([a, b])
    expect(xml.parse(await ra.text()).xml.Content).toBe('slow but once')
    expect(xml.parse(await rb.text()).xml.Content).toBe('slow but once')
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it('runs handle once when two copies of a push arrive at the same moment', async () => {
    const { url, handle } = await serve({ handle: () => ({ type: 'text', content: 'twin' }) })
    const fields = text('twins', '8888888888888888')
    const replies = await Promise.all([sendPush({ url, token: APP.token, fields }), sendPush({ url, token: APP.token, fields })])
    for (const res of replies) expect(xml.parse(await res.text()).xml.Content).toBe('twin')
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it('deduplicates a retried event by sender, CreateTime and event', async () => {
    const { url, handle } = await serve()
    const event = {
      ToUserName: 'gh_1',
      FromUserName: 'openid-1',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'subscribe',
    }
    await sendPush({ url, token: APP.token, fields: event })
    await sendPush({ url, token: APP.token, fields: event })
    await sendPush({ url, token: APP.token, fields: { ...event, Event: 'unsubscribe' } })
    expect(handle).toHaveBeenCalledTimes(2)
  })

  it('still handles a push when the dedup store fails, and reports the failure', async () => {
    const onError = vi.fn()
    const broken = {
      claim: () => Promise.reject(new Error('store down')),
      settle: () => Promise.reject(new Error('store down')),
      read: () => Promise.reject(new Error('store down')),
    }
    const { url, handle } = await serve({ onError, dedupStore: broken, handle: () => ({ type: 'text', content: 'handled anyway' }) })
    const res = await sendPush({ url, token: APP.token, fields: text('store outage', '9999999999999999') })
    expect(xml.parse(await res.text()).xml.Content).toBe('handled anyway')
    expect(handle).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'store down' }),
      expect.objectContaining({ push: expect.objectContaining({ msgId: '9999999999999999' }) }),
    )
    expect(JSON.stringify(onError.mock.calls)).not.toContain(APP.token)
  })

  it("gives a retry on another instance sharing the store the first instance's reply", async () => {
    const shared = createMemoryDedupStore()
    const handle = vi.fn(() => ({ type: 'text' as const, content: 'from instance A' }))
    const a = await listen(createMessageServer({ ...APP, mode: 'compatible', dedupStore: shared, handle }))
    const b = await listen(createMessageServer({ ...APP, mode: 'compatible', dedupStore: shared, handle }))
    const fields = text('fleet', '1212121212121212')
    await sendPush({ url: a, token: APP.token, fields })
    const retry = await sendPush({ url: b, token: APP.token, fields })
    expect(xml.parse(await retry.text()).xml.Content).toBe('from instance A')
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it('answers success when handle misses the deadline, and lets it finish', async () => {
    let finished = false
    const { url } = await serve({
      replyTimeoutMs: 100,
      handle: async () => {
        await new Promise((resolve) => setTimeout(resolve, 400))
        finished = true
        return { type: 'text', content: 'too late' }
      },
    })
    const res = await sendPush({ url, token: APP.token, fields: text('slow') })
    expect(await res.text()).toBe('success')
    expect(finished).toBe(false)
    await vi.waitFor(() => expect(finished).toBe(true))
  })

  it("hands the late handler's work to the runtime's waitUntil", async () => {
    const waitUntil = vi.fn()
    const server = createMessageServer({
      ...APP,
      mode: 'compatible',
      replyTimeoutMs: 50,
      handle: () => new Promise((resolve) => setTimeout(resolve, 300)),
    })
    const fields = text('late')
    const timestamp = String(Math.floor(Date.now() / 1000))
    const query = new URLSearchParams({ timestamp, nonce: '1', signature: await computeSignature(APP.token, timestamp, '1') })
    const body = `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>${fields.CreateTime}</CreateTime><MsgType>text</MsgType><Content>late</Content><MsgId>42</MsgId></xml>`
    const res = await server.fetch(new Request(`http://x/wechat?${query}`, { method: 'POST', body }), {}, { waitUntil })
    expect(await res.text()).toBe('success')
    expect(waitUntil).toHaveBeenCalledTimes(1)
    expect(waitUntil.mock.calls[0]?.[0]).toBeInstanceOf(Promise)
  })

  it('answers success to a throwing handler, reports it to onError and sends no stack to WeChat', async () => {
    const onError = vi.fn()
    const { url } = await serve({
      onError,
      handle: () => {
        throw new Error('database down at /srv/app/handler.ts:12')
      },
    })
    const res = await sendPush({ url, token: APP.token, fields: text('boom') })
    const body = await res.text()
    expect(res.status).toBe(200)
    expect(body).toBe('success')
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'database down at /srv/app/handler.ts:12' }),
      expect.objectContaining({ push: expect.anything(), kind: 'handler' }),
    )
  })

  it('answers success and reports a reply WeChat would refuse (two news articles)', async () => {
    const onError = vi.fn()
    const article = { title: 't', url: 'https://example.com' }
    const { url } = await serve({ onError, handle: () => ({ type: 'news', articles: [article, article] }) as never })
    expect(await (await sendPush({ url, token: APP.token, fields: text('news') })).text()).toBe('success')
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(RangeError)
  })
})

describe('options are checked up front', () => {
  const handle = () => undefined
  it('refuses a token outside 3-32 letters or digits without echoing it', () => {
    expect(() => createMessageServer({ ...APP, token: 'ab', handle })).toThrow(/token must be 3-32 letters or digits.*got 2 characters/)
    expect(() => createMessageServer({ ...APP, token: 'has-dash-secret', handle })).toThrow(TypeError)
    try {
      createMessageServer({ ...APP, token: 'has-dash-secret', handle })
    } catch (error) {
      expect((error as Error).message).not.toContain('has-dash-secret')
    }
  })

  it('refuses an EncodingAESKey that is not 43 characters of base64, without echoing it', () => {
    expect(() => createMessageServer({ ...APP, encodingAESKey: 'short', handle })).toThrow(
      /encodingAESKey must be exactly 43 characters.*got 5 characters/,
    )
    expect(() => createMessageServer({ ...APP, encodingAESKey: `${'A'.repeat(42)}!`, handle })).toThrow(TypeError)
  })

  it('refuses a missing appId', () => {
    expect(() => createMessageServer({ ...APP, appId: '', handle })).toThrow(/appId/)
  })

  it('refuses a previous key without a current one', () => {
    expect(() => createMessageServer({ appId: APP.appId, token: APP.token, previousEncodingAESKey: OLD_KEY, handle })).toThrow(
      /previousEncodingAESKey needs encodingAESKey/,
    )
  })

  it('refuses a crypto option that is not a provider', () => {
    expect(() => createMessageServer({ ...APP, handle, crypto: {} as never })).toThrow(/crypto must be a crypto provider/)
  })

  it('refuses a missing handle', () => {
    expect(() => createMessageServer({ ...APP } as never)).toThrow(/handle must be a function/)
  })
})

describe('the mode (消息加解密方式) is enforced: no downgrade from safe mode', () => {
  // https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html: 明文模式, 兼容模式
  // (plaintext and ciphertext), 安全模式 (ciphertext only, recommended); encrypt_type=aes marks a ciphertext push.
  it('refuses a safe-mode push URL stripped of encrypt_type and msg_signature and reposted with a forged plaintext body', async () => {
    const rejected = vi.fn()
    const handle = vi.fn()
    const url = await listen(createMessageServer({ ...APP, handle, onRejected: rejected }))
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = '1234'
    // What an access log holds for a genuine safe-mode push: signature covers token, timestamp, nonce only.
    const logged = new URLSearchParams({
      signature: await computeSignature(APP.token, timestamp, nonce),
      timestamp,
      nonce,
      openid: 'o1',
      encrypt_type: 'aes',
      msg_signature: 'f'.repeat(40),
    })
    logged.delete('encrypt_type')
    logged.delete('msg_signature')
    const forged =
      '<xml><ToUserName>gh</ToUserName><FromUserName>oVictim</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>forged</Content><MsgId>999</MsgId></xml>'
    const res = await fetch(`${url}?${logged}`, { method: 'POST', body: forged })
    expect(res.status).toBe(403)
    expect(handle).not.toHaveBeenCalled()
    expect(rejected.mock.calls[0]?.[0].reason).toMatch(/not encrypted.*safe/)
  })

  it("accepts a plaintext push in 'compatible' mode", async () => {
    const handle = vi.fn()
    const url = await listen(createMessageServer({ ...APP, mode: 'compatible', handle }))
    expect((await sendPush({ url, token: APP.token, fields: text('plain in compatible') })).status).toBe(200)
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it('refuses a mode that the keys given cannot serve', () => {
    const handle = () => undefined
    expect(() => createMessageServer({ appId: APP.appId, token: APP.token, mode: 'safe', handle })).toThrow(
      /mode 'safe' needs encodingAESKey/,
    )
    expect(() => createMessageServer({ ...APP, mode: 'plaintext', handle })).toThrow(/mode 'plaintext' takes no encodingAESKey/)
    expect(() => createMessageServer({ ...APP, mode: 'secure' as never, handle })).toThrow(
      /mode must be one of 'plaintext', 'compatible', 'safe'/,
    )
  })
})

describe('a forged push costs one hash', () => {
  it('refuses a safe-mode push with a forged signature without reading its body', async () => {
    let pulled = false
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true
          controller.enqueue(new TextEncoder().encode(`<xml>${'<item>1</item>'.repeat(1000)}</xml>`))
          controller.close()
        },
      },
      { highWaterMark: 0 },
    )
    const handle = vi.fn()
    const server = createMessageServer({ ...APP, handle })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const query = new URLSearchParams({
      signature: '0'.repeat(40),
      timestamp,
      nonce: '1',
      encrypt_type: 'aes',
      msg_signature: '0'.repeat(40),
    })
    const res = await server.fetch(new Request(`https://example.com/wx?${query}`, { method: 'POST', body, duplex: 'half' } as RequestInit))
    expect(res.status).toBe(403)
    expect(pulled).toBe(false)
    expect(handle).not.toHaveBeenCalled()
  })
})

describe('user callbacks that throw', () => {
  const signedUrl = async () => {
    const timestamp = String(Math.floor(Date.now() / 1000))
    return `https://example.com/wx?${new URLSearchParams({ timestamp, nonce: '1', signature: await computeSignature(APP.token, timestamp, '1') })}`
  }
  const body =
    '<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>31337</MsgId></xml>'

  it('answers success when onError itself throws, and leaves no unhandled rejection', async () => {
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    onTestFinished(() => void process.off('unhandledRejection', unhandled))
    const server = createMessageServer({
      appId: APP.appId,
      token: APP.token,
      handle: () => {
        throw new Error('handler down')
      },
      onError: () => {
        throw new Error('logger down')
      },
    })
    const res = await server.fetch(new Request(await signedUrl(), { method: 'POST', body }))
    expect(await res.text()).toBe('success')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(unhandled).not.toHaveBeenCalled()
  })

  it('answers 403 to a forged push when onRejected throws', async () => {
    const server = createMessageServer({
      appId: APP.appId,
      token: APP.token,
      handle: () => undefined,
      onRejected: () => {
        throw new Error('metrics down')
      },
    })
    const res = await server.fetch(
      new Request(`https://example.com/wx?timestamp=${Math.floor(Date.now() / 1000)}&nonce=1&signature=00`, { method: 'POST', body }),
    )
    expect(res.status).toBe(403)
  })
})

describe('a captured push cannot be replayed', () => {
  async function captured(timestamp: number) {
    const t = String(timestamp)
    const fields = {
      ToUserName: 'gh',
      FromUserName: 'o1',
      CreateTime: timestamp,
      MsgType: 'text',
      Content: 'transfer 100',
      MsgId: '123456',
    }
    const { encryptMessage } = await import('./index')
    const encrypt = await encryptMessage(
      `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>${fields.CreateTime}</CreateTime><MsgType>text</MsgType><Content>transfer 100</Content><MsgId>123456</MsgId></xml>`,
      APP,
    )
    const query = new URLSearchParams({
      signature: await computeSignature(APP.token, t, '42'),
      timestamp: t,
      nonce: '42',
      encrypt_type: 'aes',
      msg_signature: await computeSignature(APP.token, t, '42', encrypt),
    })
    return () =>
      new Request(`https://example.com/wx?${query}`, {
        method: 'POST',
        body: `<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
      })
  }

  it('refuses a push 300.4 s old with the default 300 s window (not rounded down to 300)', async () => {
    const sent = 1_800_000_000
    let now = sent * 1000
    const handle = vi.fn()
    const server = createMessageServer({ ...APP, handle, now: () => now, dedupStore: createMemoryDedupStore({ maxEntries: 1 }) })
    const request = await captured(sent)
    now += 300_400
    expect((await server.fetch(request())).status).toBe(403)
    expect(handle).not.toHaveBeenCalled()
  })

  it('says how far a refused timestamp is, in the past or in the future', async () => {
    const sent = 1_800_000_000
    let now = sent * 1000
    const reasons: string[] = []
    const server = createMessageServer({ ...APP, handle: () => undefined, now: () => now, onRejected: (r) => void reasons.push(r.reason) })
    const request = await captured(sent)
    now = (sent + 900) * 1000
    expect((await server.fetch(request())).status).toBe(403)
    now = (sent - 7199) * 1000
    expect((await server.fetch(request())).status).toBe(403)
    expect(reasons).toEqual(['timestamp is 900 s old (limit 300 s)', 'timestamp is 7199 s in the future (limit 300 s)'])
  })

  it("still knows a push replayed after 300 s while the server's clock is 60 s behind WeChat's", async () => {
    const sent = 1_800_000_000
    let now = sent * 1000 - 60_000
    const handle = vi.fn()
    const server = createMessageServer({ ...APP, handle, now: () => now, dedupStore: createMemoryDedupStore({ now: () => now }) })
    const request = await captured(sent)
    expect((await server.fetch(request())).status).toBe(200)
    now += 310_000 // the timestamp is 250 s old: inside the window
    expect((await server.fetch(request())).status).toBe(200)
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it('refuses a dedupTtlMs shorter than the whole timestamp window', () => {
    expect(() => createMessageServer({ ...APP, handle: () => undefined, dedupTtlMs: 300_000 })).toThrow(RangeError)
    expect(() => createMessageServer({ ...APP, handle: () => undefined, dedupTtlMs: 300_000 })).toThrow(
      /dedupTtlMs must be at least 660000 .*got 300000/,
    )
    expect(() => createMessageServer({ ...APP, handle: () => undefined, maxTimestampSkewSeconds: 60, dedupTtlMs: 180_000 })).not.toThrow()
  })
})

describe('distinct pushes are never merged by dedup', () => {
  // https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html (CLICK: EventKey)
  it('runs handle for each of two menu clicks by one follower in the same second, each with its own reply', async () => {
    const { url, handle } = await serve({
      handle: (push) =>
        push.msgType === 'event' && push.event === 'CLICK' ? { type: 'text', content: `pressed ${push.eventKey}` } : undefined,
    })
    const click = (key: string) => ({
      ToUserName: 'gh_1',
      FromUserName: 'openid-1',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'CLICK',
      EventKey: key,
    })
    const a = xml.parse(await (await sendPush({ url, token: APP.token, fields: click('BUY') })).text()).xml
    const b = xml.parse(await (await sendPush({ url, token: APP.token, fields: click('HELP') })).text()).xml
    expect(handle).toHaveBeenCalledTimes(2)
    expect([a.Content, b.Content]).toEqual(['pressed BUY', 'pressed HELP'])
  })

  it("never gives one follower another follower's reply when messages carry no MsgId", async () => {
    const { url, handle } = await serve({ handle: (push) => ({ type: 'text', content: `for ${push.fromUserName}` }) })
    const message = (from: string) => ({
      ToUserName: 'gh_1',
      FromUserName: from,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'text',
      Content: 'hi',
    })
    const a = xml.parse(await (await sendPush({ url, token: APP.token, fields: message('alice') })).text()).xml
    const b = xml.parse(await (await sendPush({ url, token: APP.token, fields: message('bob') })).text()).xml
    expect(handle).toHaveBeenCalledTimes(2)
    expect([a.Content, b.Content]).toEqual(['for alice', 'for bob'])
  })
})

describe('every reply field is checked before it reaches the XML', () => {
  // https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html; XML 1.0 §2.2 Char.
  const cases: [string, unknown][] = [
    ['a video reply whose title is an object', { type: 'video', mediaId: 'M', title: { Injected: 'x' } }],
    ['a music reply whose musicUrl is a number', { type: 'music', thumbMediaId: 'T', musicUrl: 42 }],
    [
      'a news article whose picUrl is an object',
      { type: 'news', articles: [{ title: 't', url: 'https://example.com', picUrl: { a: 1 } }] },
    ],
    [
      'a news article whose description is a number',
      { type: 'news', articles: [{ title: 't', url: 'https://example.com', description: 7 }] },
    ],
    ['a text reply with a NUL control character', { type: 'text', content: 'a\u0000b' }],
    ['a text reply with a lone surrogate', { type: 'text', content: 'a\uD800b' }],
    ['a video reply whose description has a vertical tab', { type: 'video', mediaId: 'M', description: 'a\u000Bb' }],
  ]
  for (const [what, reply] of cases) {
    it(`answers success and reports ${what} to onError`, async () => {
      const onError = vi.fn()
      const { url } = await serve({ onError, handle: () => reply as never })
      expect(await (await sendPush({ url, token: APP.token, fields: text('reply please') })).text()).toBe('success')
      expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(Error)
      expect(String(onError.mock.calls[0]?.[0].message)).toMatch(/^reply\./)
    })
  }

  it('still sends tabs, line breaks and emoji', async () => {
    const { url } = await serve({ handle: () => ({ type: 'text', content: 'a\tb\nc 😀' }) })
    expect(xml.parse(await (await sendPush({ url, token: APP.token, fields: text('x') })).text()).xml.Content).toBe('a\tb\nc 😀')
  })
})

describe('push fields are read as XML and JSON define them, and ill-typed ones are refused', () => {
  const head = `<ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>`

  it('decodes numeric character references outside CDATA', async () => {
    const { url, handle } = await serve()
    await sendPush({
      url,
      token: APP.token,
      fields: text('x'),
      forge: { body: `<xml>${head}<MsgType>text</MsgType><Content>&#x41;&#66; &lt;&amp;</Content><MsgId>1</MsgId></xml>` },
    })
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ content: 'AB <&' }))
  })

  const bad: [string, string][] = [
    ['a JSON CreateTime of 1e400', '{"ToUserName":"gh","FromUserName":"o1","CreateTime":1e400,"MsgType":"text","Content":"x","MsgId":"1"}'],
    [
      'a JSON Content that is an array',
      `{"ToUserName":"gh","FromUserName":"o1","CreateTime":${Math.floor(Date.now() / 1000)},"MsgType":"text","Content":["a"],"MsgId":"1"}`,
    ],
    ['an XML MsgId given twice', `<xml>${head}<MsgType>text</MsgType><Content>x</Content><MsgId>77</MsgId><MsgId>78</MsgId></xml>`],
    [
      'a LOCATION event whose Latitude is not a number',
      `<xml>${head}<MsgType>event</MsgType><Event>LOCATION</Event><Latitude>north</Latitude><Longitude>1</Longitude><Precision>1</Precision></xml>`,
    ],
  ]
  for (const [what, body] of bad) {
    it(`refuses ${what} with 400`, async () => {
      const rejected = vi.fn()
      const { url, handle } = await serve({ onRejected: rejected })
      const res = await sendPush({ url, token: APP.token, fields: text('x'), forge: { body } })
      expect(res.status).toBe(400)
      expect(handle).not.toHaveBeenCalled()
      expect(rejected.mock.calls[0]?.[0].reason).toMatch(/^field /)
    })
  }
})

describe('options are checked for spelling and shape', () => {
  const handle = () => undefined
  it('refuses a misspelt option with a did-you-mean', () => {
    expect(() => createMessageServer({ ...APP, handle, encodingAesKey: APP.encodingAESKey } as never)).toThrow(
      /no option "encodingAesKey" \(did you mean "encodingAESKey"\?\)/,
    )
    expect(() => createMessageServer({ ...APP, handle, replyTimeout: 100 } as never)).toThrow(
      /no option "replyTimeout" \(did you mean "replyTimeoutMs"\?\)/,
    )
    expect(() => createMessageServer({ ...APP, handle, onerror: () => undefined } as never)).toThrow(
      /no option "onerror" \(did you mean "onError"\?\)/,
    )
  })

  it('refuses a dedupStore without claim, settle and read', () => {
    expect(() => createMessageServer({ ...APP, handle, dedupStore: {} as never })).toThrow(
      /dedupStore must have claim, settle and read functions/,
    )
  })

  it('refuses a replyTimeoutMs that is not a number', () => {
    expect(() => createMessageServer({ ...APP, handle, replyTimeoutMs: Number.NaN })).toThrow(/replyTimeoutMs must be an integer/)
  })
})

describe('what the runtime and a shared store hand back is not trusted', () => {
  const signed = async (id: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const url = `https://example.com/wx?${new URLSearchParams({ timestamp, nonce: '1', signature: await computeSignature(APP.token, timestamp, '1') })}`
    return new Request(url, {
      method: 'POST',
      body: `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>${id}</MsgId></xml>`,
    })
  }

  it('answers success to a slow handler when the runtime’s waitUntil throws', async () => {
    const server = createMessageServer({
      appId: APP.appId,
      token: APP.token,
      replyTimeoutMs: 20,
      handle: () => new Promise((resolve) => setTimeout(resolve, 100)),
    })
    const waitUntil = () => {
      throw new Error('context already finished')
    }
    expect(await (await server.fetch(await signed('71'), {}, { waitUntil })).text()).toBe('success')
  })

  it('answers success instead of rendering an invalid reply read back from a shared dedup store', async () => {
    const tampered = {
      claim: async () => false,
      settle: async () => undefined,
      read: async () => JSON.stringify({ reply: { type: 'video', mediaId: 'M', title: { Injected: 'x' } } }),
    }
    const server = createMessageServer({ appId: APP.appId, token: APP.token, dedupStore: tampered, handle: () => undefined })
    expect(await (await server.fetch(await signed('72'))).text()).toBe('success')
  })
})

describe('hostile review, second round', () => {
  const signedUrl = async (extra: Record<string, string> = {}) => {
    const timestamp = String(Math.floor(Date.now() / 1000))
    return `https://example.com/wx?${new URLSearchParams({ timestamp, nonce: '1', signature: await computeSignature(APP.token, timestamp, '1'), ...extra })}`
  }
  const body = (id: string) =>
    `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>${id}</MsgId></xml>`
  const watchUnhandled = () => {
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    onTestFinished(() => void process.off('unhandledRejection', unhandled))
    return unhandled
  }

  it('leaves no unhandled rejection when an async onRejected, onError or waitUntil rejects', async () => {
    const unhandled = watchUnhandled()
    const server = createMessageServer({
      appId: APP.appId,
      token: APP.token,
      replyTimeoutMs: 20,
      handle: (push) =>
        push.msgType === 'text' && push.msgId === '81'
          ? Promise.reject(new Error('handler down'))
          : new Promise((resolve) => setTimeout(resolve, 60)),
      onError: async () => {
        throw new Error('logger down')
      },
      onRejected: async () => {
        throw new Error('metrics down')
      },
    })
    const forged = await server.fetch(
      new Request(`https://example.com/wx?timestamp=${Math.floor(Date.now() / 1000)}&nonce=1&signature=00`, {
        method: 'POST',
        body: body('80'),
      }),
    )
    expect(forged.status).toBe(403)
    expect(await (await server.fetch(new Request(await signedUrl(), { method: 'POST', body: body('81') }))).text()).toBe('success')
    const waitUntil = () => Promise.reject(new Error('context gone'))
    expect(
      await (
        await server.fetch(new Request(await signedUrl(), { method: 'POST', body: body('82') }), {}, { waitUntil: waitUntil as never })
      ).text(),
    ).toBe('success')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(unhandled).not.toHaveBeenCalled()
  })

  // https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
  it('runs handle for each distinct event without MsgId or EventKey in one second, and once for a retry', async () => {
    const { url, handle } = await serve()
    const base = { ToUserName: 'gh_1', FromUserName: 'openid-1', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event' }
    const pushes = [
      { ...base, Event: 'user_get_card', CardId: 'card-1', UserCardCode: '111' },
      { ...base, Event: 'user_get_card', CardId: 'card-2', UserCardCode: '222' },
      { ...base, Event: 'LOCATION', Latitude: '23.1', Longitude: '113.3', Precision: '10' },
      { ...base, Event: 'LOCATION', Latitude: '23.2', Longitude: '113.3', Precision: '10' },
      { ...base, Event: 'scancode_push', EventKey: 'scan', ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'A' } },
      { ...base, Event: 'scancode_push', EventKey: 'scan', ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'B' } },
      { ...base, Event: 'kf_switch_session', FromKfAccount: 'a@x', ToKfAccount: 'b@x' },
      { ...base, Event: 'kf_switch_session', FromKfAccount: 'a@x', ToKfAccount: 'c@x' },
      { ...base, MsgType: 'hologram', Shape: 'cube' },
      { ...base, MsgType: 'hologram', Shape: 'sphere' },
    ]
    for (const fields of pushes) await sendPush({ url, token: APP.token, fields })
    expect(handle).toHaveBeenCalledTimes(pushes.length)
    // WeChat's retry repeats every field: still once.
    await sendPush({ url, token: APP.token, fields: pushes[0]! })
    await sendPush({ url, token: APP.token, fields: pushes[9]! })
    expect(handle).toHaveBeenCalledTimes(pushes.length)
  })

  it('refuses a replay inside the TTL even after more pushes than maxEntries', async () => {
    const { url, handle } = await serve({ dedupStore: createMemoryDedupStore({ maxEntries: 2 }) })
    for (const id of ['1', '2', '3', '4']) await sendPush({ url, token: APP.token, fields: text('hi', id) })
    await sendPush({ url, token: APP.token, fields: text('hi', '1') })
    expect(handle).toHaveBeenCalledTimes(4)
  })

  it('checks msg_signature before parsing the body (a forged one over a malformed body is 403, not a parse)', async () => {
    const onRejected = vi.fn()
    const server = createMessageServer({ ...APP, handle: () => undefined, onRejected })
    const url = await signedUrl({ encrypt_type: 'aes', msg_signature: 'f'.repeat(40) })
    const xmlBody = `<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[QUJD]]></Encrypt><Junk>${'<a>'.repeat(1000)}</xml>`
    expect((await server.fetch(new Request(url, { method: 'POST', body: xmlBody }))).status).toBe(403)
    const jsonBody = `{"ToUserName":"gh","Encrypt":"QUJD","Junk":[${'['.repeat(1000)}}`
    expect((await server.fetch(new Request(url, { method: 'POST', body: jsonBody }))).status).toBe(403)
    expect(onRejected.mock.calls.map(([r]) => r.reason)).toEqual(['msg_signature does not match', 'msg_signature does not match'])
  })

  it('still accepts safe-mode pushes in XML and JSON (Encrypt found by the scan)', async () => {
    const { url, handle } = await serve({ mode: 'safe', handle: () => ({ type: 'text', content: 'ok' }) })
    for (const format of ['xml', 'json'] as const) {
      const res = await sendPush({
        url,
        token: APP.token,
        format,
        mode: 'safe',
        encodingAESKey: APP.encodingAESKey,
        appId: APP.appId,
        fields: text('hi', `9${format.length}`),
      })
      expect(res.status).toBe(200)
    }
    expect(handle).toHaveBeenCalledTimes(2)
  })

  it('answers the reply when a dedup store settle throws synchronously, and reports it', async () => {
    const onError = vi.fn()
    const broken = {
      claim: async () => true,
      settle: () => {
        throw new Error('settle sync')
      },
      read: async () => undefined,
    }
    const server = createMessageServer({
      appId: APP.appId,
      token: APP.token,
      dedupStore: broken as never,
      onError,
      handle: () => ({ type: 'text', content: 'handled' }),
    })
    expect(await (await server.fetch(new Request(await signedUrl(), { method: 'POST', body: body('84') }))).text()).toContain('handled')
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'settle sync' }), expect.anything())
  })

  it('handles the push and reports to onError when the dedup store never answers', async () => {
    const onError = vi.fn()
    const hung = {
      claim: () => new Promise<boolean>(() => undefined),
      settle: () => new Promise<void>(() => undefined),
      read: async () => undefined,
    }
    const server = createMessageServer({
      appId: APP.appId,
      token: APP.token,
      replyTimeoutMs: 200,
      dedupStore: hung,
      onError,
      handle: () => ({ type: 'text', content: 'handled' }),
    })
    const res = await server.fetch(new Request(await signedUrl(), { method: 'POST', body: body('83') }))
    expect(await res.text()).toContain('handled')
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/dedup store claim timed out/) }),
      expect.anything(),
    )
  })
})
