// createMessageServer's own wiring, through its public `fetch`: the answer's headers, the reply's
// CreateTime, the key imported once, what a handler's outcome stores, and whose `waitUntil` keeps a
// late handler alive. (The checks before `handle` have their own files.)
import { describe, expect, it, vi } from 'vitest'
import { computeSignature, createMemoryDedupStore, createMessageServer, decryptMessage, encryptMessage, type DedupStore } from './index'
import type { CryptoProvider } from './internal/crypto'
import { nodeCrypto } from './node'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
const NOW = 1_714_036_504_321
const now = () => NOW
const timestamp = String(Math.floor(NOW / 1000))
const nonce = '1514711492'

const xmlText = (content: string, msgId: string) =>
  `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
const jsonText = (content: string, msgId: string) =>
  JSON.stringify({
    ToUserName: 'gh_7f083739789a',
    FromUserName: 'o1',
    CreateTime: Number(timestamp),
    MsgType: 'text',
    Content: content,
    MsgId: msgId,
  })

async function plainRequest(body: string, method = 'POST'): Promise<Request> {
  const q = new URLSearchParams({ signature: await computeSignature(APP.token, timestamp, nonce), timestamp, nonce })
  return new Request(`https://example.com/wx?${q}`, { method, ...(method === 'POST' ? { body } : {}) })
}

async function safeRequest(message: string, json = false): Promise<Request> {
  const encrypt = await encryptMessage(message, APP)
  const q = new URLSearchParams({
    signature: await computeSignature(APP.token, timestamp, nonce),
    timestamp,
    nonce,
    encrypt_type: 'aes',
    msg_signature: await computeSignature(APP.token, timestamp, nonce, encrypt),
  })
  const body = json
    ? JSON.stringify({ ToUserName: 'gh_7f083739789a', Encrypt: encrypt })
    : `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
  return new Request(`https://example.com/wx?${q}`, { method: 'POST', body })
}

describe("the answer's headers", () => {
  it('says text/plain for success, application/xml for an XML reply, application/json for a JSON one', async () => {
    const server = createMessageServer({
      appId: APP.appId,
      token: APP.token,
      now,
      handle: (push) => (push.msgType === 'text' && push.content === 'reply' ? { type: 'text', content: 'ok' } : undefined),
    })
    const success = await server.fetch(await plainRequest(xmlText('quiet', '1')))
    expect(success.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await success.text()).toBe('success')
    const xml = await server.fetch(await plainRequest(xmlText('reply', '2')))
    expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(await xml.text()).toMatch(/^<xml>.*<Content><!\[CDATA\[ok\]\]><\/Content><\/xml>$/)
    const json = await server.fetch(await plainRequest(jsonText('reply', '3')))
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(JSON.parse(await json.text())).toMatchObject({ MsgType: 'text', Content: 'ok' })
  })

  it('names the allowed methods on a 405 only, and sends no content-type with a refusal', async () => {
    const server = createMessageServer({ appId: APP.appId, token: APP.token, now, handle: () => undefined })
    const put = await server.fetch(new Request('https://example.com/wx', { method: 'PUT', body: 'x' }))
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('GET, POST')
    expect(put.headers.get('content-type')).toBeNull()
    const forged = await server.fetch(
      new Request(`https://example.com/wx?timestamp=${timestamp}&nonce=1&echostr=e&signature=${'0'.repeat(40)}`),
    )
    expect(forged.status).toBe(403)
    expect(forged.headers.get('allow')).toBeNull()
    expect(forged.headers.get('content-type')).toBeNull()
    expect(await forged.text()).toBe('')
  })
})

describe('a provider whose hashes are promises (Web Crypto)', () => {
  // node:crypto's SHA-1 is synchronous and taken at once; a promise must be awaited, not compared.
  it('verifies, answers and deduplicates a safe-mode push through it', async () => {
    const { webCrypto } = await import('./internal/crypto')
    const handle = vi.fn(() => ({ type: 'text' as const, content: 'via web crypto' }))
    const server = createMessageServer({ ...APP, now, crypto: webCrypto, handle })
    const first = await server.fetch(await safeRequest(xmlText('w', '70')))
    expect(first.status).toBe(200)
    const cipher = /<Encrypt><!\[CDATA\[([^\]]+)\]\]>/.exec(await first.text())?.[1] ?? ''
    expect(await decryptMessage(cipher, APP)).toContain('via web crypto')
    expect((await server.fetch(await safeRequest(xmlText('w', '70')))).status).toBe(200)
    expect(handle).toHaveBeenCalledTimes(1)
  })
})

describe('the reply', () => {
  it("carries the server clock's whole seconds as CreateTime, plain and encrypted", async () => {
    const server = createMessageServer({ ...APP, mode: 'compatible', now, handle: () => ({ type: 'text', content: 'hi' }) })
    const plain = await (await server.fetch(await plainRequest(xmlText('a', '10')))).text()
    expect(plain).toContain(`<CreateTime>${timestamp}</CreateTime>`)
    const encrypted = await (await server.fetch(await safeRequest(xmlText('b', '11')))).text()
    expect(encrypted).toContain(`<TimeStamp>${timestamp}</TimeStamp>`)
    const cipher = /<Encrypt><!\[CDATA\[([^\]]+)\]\]>/.exec(encrypted)?.[1] ?? ''
    expect(await decryptMessage(cipher, APP)).toContain(`<CreateTime>${timestamp}</CreateTime>`)
  })

  it('imports the AES key once, not once per push', async () => {
    const importKey = vi.fn((raw: Uint8Array) => nodeCrypto.importKey(raw))
    const counting: CryptoProvider = { sha1Hex: (text) => nodeCrypto.sha1Hex(text), importKey }
    const server = createMessageServer({ ...APP, now, crypto: counting, handle: () => ({ type: 'text', content: 'hi' }) })
    for (const id of ['20', '21', '22']) expect((await server.fetch(await safeRequest(xmlText('x', id)))).status).toBe(200)
    const json = await server.fetch(await safeRequest(jsonText('y', '23'), true))
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(importKey).toHaveBeenCalledTimes(1)
  })
})

describe("the handler's outcome", () => {
  it('reports nothing when handle returns nothing', async () => {
    const onError = vi.fn()
    const server = createMessageServer({ appId: APP.appId, token: APP.token, now, onError, handle: () => undefined })
    expect(await (await server.fetch(await plainRequest(xmlText('x', '30')))).text()).toBe('success')
    expect(onError).not.toHaveBeenCalled()
  })

  it('stores a thrown handler as no reply, so a retry answers success without running it again', async () => {
    const inner = createMemoryDedupStore()
    const settled: string[] = []
    const store: DedupStore = {
      claim: (k, ttl) => inner.claim(k, ttl),
      settle: (k, v, ttl) => (settled.push(v), inner.settle(k, v, ttl)),
      read: (k) => inner.read(k),
    }
    const handle = vi.fn(() => {
      throw new Error('boom')
    })
    const server = createMessageServer({ appId: APP.appId, token: APP.token, now, dedupStore: store, onError: () => undefined, handle })
    expect(await (await server.fetch(await plainRequest(xmlText('x', '31')))).text()).toBe('success')
    await vi.waitFor(() => expect(settled).toEqual(['{"reply":null}']))
    expect(await (await server.fetch(await plainRequest(xmlText('x', '31')))).text()).toBe('success')
    expect(handle).toHaveBeenCalledTimes(1)
  })
})

describe('waitUntil', () => {
  const late = () => {
    let finish!: () => void
    const done = new Promise<void>((resolve) => {
      finish = resolve
    })
    return { done, finish }
  }

  it("is taken from the second argument when it has one (Bun's and Deno's server object, Workers' env)", async () => {
    const { done, finish } = late()
    const server = createMessageServer({ appId: APP.appId, token: APP.token, now, replyTimeoutMs: 20, handle: () => done })
    const waitUntil = vi.fn()
    const res = await server.fetch(await plainRequest(xmlText('x', '40')), { waitUntil })
    expect(await res.text()).toBe('success')
    expect(waitUntil).toHaveBeenCalledTimes(1)
    finish()
  })

  it('prefers the third argument, and ignores a second one that has none or is null', async () => {
    const { done, finish } = late()
    const server = createMessageServer({ appId: APP.appId, token: APP.token, now, replyTimeoutMs: 20, handle: () => done })
    const ctx = { waitUntil: vi.fn() }
    const env = { waitUntil: vi.fn() }
    await server.fetch(await plainRequest(xmlText('x', '41')), env, ctx)
    expect(ctx.waitUntil).toHaveBeenCalledTimes(1)
    expect(env.waitUntil).not.toHaveBeenCalled()
    for (const [id, second] of [
      ['42', null],
      ['43', { waitUntil: 'not a function' }],
      ['44', 'a string'],
    ] as const)
      expect(await (await server.fetch(await plainRequest(xmlText('x', id)), second)).text()).toBe('success')
    finish()
  })
})
