// Requests refused before `handle`, each with the reason onRejected reports: a timestamp that is
// not a number of seconds (even when correctly signed), a verification without echostr, a body
// that is not UTF-8, an encrypted push with no Encrypt field or whose decrypted message does not
// parse. Built as WeChat builds them and handed to the server's public `fetch`.
import { expect, it, vi } from 'vitest'
import { computeSignature, createMessageServer, encryptMessage, type MessageServerOptions, type RejectedPush } from './index'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
const URL_BASE = 'https://example.com/wechat'
const XML_TEXT = `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1714036504</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>1234567890123456</MsgId></xml>`

/** `encodingAESKey: undefined` drops the key (plaintext mode). */
function serve(options: { readonly [K in keyof MessageServerOptions]?: MessageServerOptions[K] | undefined } = {}) {
  const handle = vi.fn(() => undefined)
  const rejected: RejectedPush[] = []
  const server = createMessageServer({
    ...APP,
    mode: 'compatible',
    ...options,
    handle,
    onRejected: (r: RejectedPush) => rejected.push(r),
  } as unknown as MessageServerOptions)
  return { server, handle, rejected }
}
const now = () => String(Math.floor(Date.now() / 1000))

async function signed(extra: Record<string, string> = {}, timestamp = now(), nonce = '1514711492') {
  const signature = await computeSignature(APP.token, timestamp, nonce)
  return new URLSearchParams({ signature, timestamp, nonce, ...extra })
}

it.each([
  ['with letters before the digits', `x${now()}`],
  ['with letters after the digits', `${now()}x`],
  ['in milliseconds (13 digits)', String(Date.now())],
])('refuses a correctly signed push whose timestamp is not a number of seconds: %s', async (_what, timestamp) => {
  const { server, handle, rejected } = serve()
  const res = await server.fetch(new Request(`${URL_BASE}?${await signed({}, timestamp)}`, { method: 'POST', body: XML_TEXT }))
  expect(res.status).toBe(403)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 403, reason: 'timestamp is not a number of seconds' }])
})

it('refuses a URL verification without echostr', async () => {
  const { server, rejected } = serve()
  const res = await server.fetch(new Request(`${URL_BASE}?${await signed()}`))
  expect(res.status).toBe(400)
  expect(rejected).toEqual([{ status: 400, reason: 'echostr is missing' }])
})

it('refuses a signed push whose body is not UTF-8', async () => {
  const { server, handle, rejected } = serve()
  const body = new Uint8Array([0x3c, 0x78, 0x6d, 0x6c, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x78, 0x6d, 0x6c, 0x3e])
  const res = await server.fetch(new Request(`${URL_BASE}?${await signed()}`, { method: 'POST', body }))
  expect(res.status).toBe(400)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 400, reason: 'body is not UTF-8' }])
})

it('refuses an encrypted push that has no Encrypt field', async () => {
  const { server, handle, rejected } = serve({ mode: 'safe' })
  const query = await signed({ encrypt_type: 'aes', msg_signature: 'a'.repeat(40) })
  const res = await server.fetch(
    new Request(`${URL_BASE}?${query}`, { method: 'POST', body: '<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName></xml>' }),
  )
  expect(res.status).toBe(400)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 400, reason: 'encrypted push has no Encrypt field' }])
})

it('refuses an encrypted push whose decrypted message is not XML or JSON', async () => {
  const { server, handle, rejected } = serve({ mode: 'safe' })
  const timestamp = now()
  const nonce = '1514711492'
  const encrypt = await encryptMessage('hello, not a message', APP)
  const query = await signed(
    { encrypt_type: 'aes', msg_signature: await computeSignature(APP.token, timestamp, nonce, encrypt) },
    timestamp,
    nonce,
  )
  const res = await server.fetch(
    new Request(`${URL_BASE}?${query}`, {
      method: 'POST',
      body: `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
    }),
  )
  expect(res.status).toBe(400)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 400, reason: 'decrypted body is neither XML nor JSON' }])
})

it('refuses a method other than GET or POST, naming it', async () => {
  const { server, rejected } = serve()
  const res = await server.fetch(new Request(`${URL_BASE}?${await signed()}`, { method: 'PUT', body: XML_TEXT }))
  expect(res.status).toBe(405)
  expect(rejected).toEqual([{ status: 405, reason: 'method PUT is not GET or POST' }])
})

it('refuses an encrypted push in plaintext mode, saying why', async () => {
  const { server, handle, rejected } = serve({ mode: 'plaintext', encodingAESKey: undefined })
  const res = await server.fetch(
    new Request(`${URL_BASE}?${await signed({ encrypt_type: 'aes', msg_signature: 'a'.repeat(40) })}`, { method: 'POST', body: XML_TEXT }),
  )
  expect(res.status).toBe(400)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 400, reason: "push is encrypted (encrypt_type=aes) and mode is 'plaintext' (no encodingAESKey)" }])
})

it('accepts a body of exactly maxBodyBytes and refuses one byte more, saying why', async () => {
  const size = Buffer.byteLength(XML_TEXT)
  const exact = serve({ maxBodyBytes: size })
  expect((await exact.server.fetch(new Request(`${URL_BASE}?${await signed()}`, { method: 'POST', body: XML_TEXT }))).status).toBe(200)
  expect(exact.handle).toHaveBeenCalledTimes(1)
  const over = serve({ maxBodyBytes: size - 1 })
  expect((await over.server.fetch(new Request(`${URL_BASE}?${await signed()}`, { method: 'POST', body: XML_TEXT }))).status).toBe(413)
  expect(over.rejected).toEqual([{ status: 413, reason: `body is larger than ${size - 1} bytes` }])
})

it('refuses a signature with characters appended to the right one', async () => {
  const { server, handle, rejected } = serve()
  const timestamp = now()
  const nonce = '1514711492'
  const signature = `${await computeSignature(APP.token, timestamp, nonce)}00`
  const res = await server.fetch(
    new Request(`${URL_BASE}?${new URLSearchParams({ signature, timestamp, nonce })}`, { method: 'POST', body: XML_TEXT }),
  )
  expect(res.status).toBe(403)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 403, reason: 'signature does not match' }])
})

it('refuses a signed push whose XML is not well-formed, saying so', async () => {
  const { server, handle, rejected } = serve()
  const res = await server.fetch(
    new Request(`${URL_BASE}?${await signed()}`, { method: 'POST', body: '<xml><MsgType>text</MsgTyp></xml>' }),
  )
  expect(res.status).toBe(400)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 400, reason: 'the body is not well-formed XML' }])
})

it('refuses an encrypted push whose body holds two Encrypt fields (the parser must read what was signed)', async () => {
  const { server, handle, rejected } = serve({ mode: 'safe' })
  const timestamp = now()
  const nonce = '1514711492'
  const encrypt = await encryptMessage(XML_TEXT, APP)
  const query = await signed(
    { encrypt_type: 'aes', msg_signature: await computeSignature(APP.token, timestamp, nonce, encrypt) },
    timestamp,
    nonce,
  )
  const body = `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
  const res = await server.fetch(new Request(`${URL_BASE}?${query}`, { method: 'POST', body }))
  expect(res.status).toBe(400)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 400, reason: 'encrypted push has no Encrypt field' }])
})

// The safe-mode envelope is checked, not parsed (its Encrypt is found by the scan msg_signature covers).
it.each([
  [
    'a DOCTYPE',
    (e: string) => `<!DOCTYPE xml><xml><Encrypt><![CDATA[${e}]]></Encrypt></xml>`,
    'the XML body has a DOCTYPE or entity declaration',
  ],
  [
    'an entity declaration',
    (e: string) => `<xml><!ENTITY a "b"><Encrypt><![CDATA[${e}]]></Encrypt></xml>`,
    'the XML body has a DOCTYPE or entity declaration',
  ],
  ['another root', (e: string) => `<msg><Encrypt><![CDATA[${e}]]></Encrypt></msg>`, 'the XML body has no <xml> root'],
  ['no closing root', (e: string) => `<xml><Encrypt><![CDATA[${e}]]></Encrypt>`, 'the body is not well-formed XML'],
  ['text after the root', (e: string) => `<xml><Encrypt><![CDATA[${e}]]></Encrypt></xml>x`, 'the body is not well-formed XML'],
  [
    'an Encrypt element besides the signed one',
    (e: string) => `<xml><Encrypt><![CDATA[${e}]]></Encrypt><Encrypt>AAAA</Encrypt></xml>`,
    'encrypted push has no Encrypt field',
  ],
])('refuses a correctly signed encrypted push whose envelope has %s', async (_what, envelope, reason) => {
  const { server, handle, rejected } = serve({ mode: 'safe' })
  const timestamp = now()
  const nonce = '1514711492'
  const encrypt = await encryptMessage(XML_TEXT, APP)
  const query = await signed(
    { encrypt_type: 'aes', msg_signature: await computeSignature(APP.token, timestamp, nonce, encrypt) },
    timestamp,
    nonce,
  )
  const res = await server.fetch(new Request(`${URL_BASE}?${query}`, { method: 'POST', body: envelope(encrypt) }))
  expect(res.status).toBe(400)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 400, reason }])
})

it('accepts a safe-mode envelope with an XML declaration and whitespace around it', async () => {
  const { server, handle, rejected } = serve({ mode: 'safe' })
  const timestamp = now()
  const nonce = '1514711492'
  const encrypt = await encryptMessage(XML_TEXT, APP)
  const query = await signed(
    { encrypt_type: 'aes', msg_signature: await computeSignature(APP.token, timestamp, nonce, encrypt) },
    timestamp,
    nonce,
  )
  const body = `\n<?xml version="1.0" encoding="utf-8"?>\n<xml>\n  <ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>\n  <Encrypt><![CDATA[${encrypt}]]></Encrypt>\n</xml>\n`
  const res = await server.fetch(new Request(`${URL_BASE}?${query}`, { method: 'POST', body }))
  expect(rejected).toEqual([])
  expect(res.status).toBe(200)
  expect(handle).toHaveBeenCalledTimes(1)
})
