// Issue 24 (security review), the server's findings: each test failed before its fix.
// Push shapes: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
// Dedup advice (MsgId; FromUserName + CreateTime): https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
import { connect } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import {
  computeSignature,
  createMemoryDedupStore,
  createMessageServer,
  type DedupStore,
  type MessageServerOptions,
  type Push,
} from './index'
import { listen } from './testing/listen'
import { sendPush } from './testing/push'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123' }
const now = () => Math.floor(Date.now() / 1000)
const textPush = (from: string, msgId: string, content: string, to = 'gh_7f083739789a') => ({
  ToUserName: to,
  FromUserName: from,
  CreateTime: now(),
  MsgType: 'text',
  Content: content,
  MsgId: msgId,
})

async function signedUrl(url: string): Promise<string> {
  const timestamp = String(now())
  return `${url}?${new URLSearchParams({ timestamp, nonce: '9', signature: await computeSignature(APP.token, timestamp, '9') })}`
}

/** A store that records the keys it is given, in memory. */
function recordingStore(): DedupStore & { keys: string[] } {
  const inner = createMemoryDedupStore()
  const keys: string[] = []
  return {
    keys,
    claim: (k, ttl) => (keys.push(k), inner.claim(k, ttl)),
    settle: (k, v, ttl) => inner.settle(k, v, ttl),
    read: (k) => inner.read(k),
  }
}

describe('a deeply nested push is refused, not a stack overflow', () => {
  it('answers 400 to a signed JSON event nested 5,000 deep, through fetch and through node', async () => {
    const onRejected = vi.fn()
    const handle = vi.fn()
    const server = createMessageServer({ ...APP, handle, onRejected })
    const deep = `{"ToUserName":"gh","FromUserName":"o1","CreateTime":${now()},"MsgType":"event","Event":"CLICK","EventKey":"k","x":${'['.repeat(5000)}${']'.repeat(5000)}}`
    const viaFetch = await server.fetch(new Request(await signedUrl('http://localhost/wx'), { method: 'POST', body: deep }))
    expect(viaFetch.status).toBe(400)
    const viaNode = await fetch(await signedUrl(await listen(server)), { method: 'POST', body: deep })
    expect(viaNode.status).toBe(400)
    expect(handle).not.toHaveBeenCalled()
    expect(onRejected).toHaveBeenCalledWith({ status: 400, reason: 'the JSON body nests more than 8 levels' })
  })

  it('answers 400 to signed XML nested 5,000 deep', async () => {
    const server = createMessageServer({ ...APP, handle: vi.fn() })
    const deep = `<xml><ToUserName>gh</ToUserName><MsgType>event</MsgType><Event>CLICK</Event>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</xml>`
    const res = await fetch(await signedUrl(await listen(server)), { method: 'POST', body: deep })
    expect(res.status).toBe(400)
  })

  it('still accepts the deepest push WeChat documents (a pic event with its PicList)', async () => {
    const handle = vi.fn()
    const url = await listen(createMessageServer({ ...APP, handle }))
    const fields = {
      ToUserName: 'gh',
      FromUserName: 'o1',
      CreateTime: now(),
      MsgType: 'event',
      Event: 'pic_weixin',
      EventKey: 'k',
      SendPicsInfo: { Count: 1, PicList: [{ PicMd5Sum: 'abc' }] },
    }
    for (const format of ['xml', 'json'] as const)
      expect((await sendPush({ url, token: APP.token, fields: { ...fields, EventKey: format }, format })).status).toBe(200)
    expect(handle.mock.calls.map(([push]) => (push as { picMd5Sums: string[] }).picMd5Sums)).toEqual([['abc'], ['abc']])
  })
})

describe('dedup keys are fixed-size and scoped', () => {
  it('stores a 60 KB event under a key of the same small size as any other', async () => {
    const store = recordingStore()
    const url = await listen(createMessageServer({ ...APP, dedupStore: store, handle: () => undefined }))
    const big = { ToUserName: 'gh', FromUserName: 'o1', CreateTime: now(), MsgType: 'event', Event: 'CLICK', EventKey: 'x'.repeat(60_000) }
    await sendPush({ url, token: APP.token, fields: big })
    await sendPush({ url, token: APP.token, fields: { ...big, EventKey: 'small' } })
    expect(store.keys).toHaveLength(2)
    expect(store.keys.map((k) => k.length)).toEqual([46, 46])
  })

  it("does not let a forged push that pre-claims a MsgId take a real follower's message", async () => {
    const handle = vi.fn((push: Push) =>
      push.msgType === 'text' ? { type: 'text' as const, content: `for ${push.fromUserName}` } : undefined,
    )
    const url = await listen(createMessageServer({ ...APP, handle: handle as MessageServerOptions['handle'] }))
    await sendPush({ url, token: APP.token, fields: textPush('oAttacker', '5555555555555555', 'forged') })
    const real = await sendPush({ url, token: APP.token, fields: textPush('oFollower', '5555555555555555', 'hello') })
    expect(await real.text()).toContain('for oFollower')
    expect(handle).toHaveBeenCalledTimes(2)
  })

  it('keeps two accounts sharing one dedup store apart', async () => {
    const shared = createMemoryDedupStore()
    const a = vi.fn(() => undefined)
    const b = vi.fn(() => undefined)
    const urlA = await listen(createMessageServer({ ...APP, dedupStore: shared, handle: a }))
    const urlB = await listen(createMessageServer({ appId: 'wx2222222222222222', token: APP.token, dedupStore: shared, handle: b }))
    await sendPush({ url: urlA, token: APP.token, fields: textPush('o1', '7777', 'to A', 'gh_A') })
    await sendPush({ url: urlB, token: APP.token, fields: textPush('o1', '7777', 'to B', 'gh_B') })
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 1])
  })
})

/** Sends raw bytes on one socket; resolves with everything the server wrote once it closes the connection (it never does otherwise). */
function rawExchange(port: number, head: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head + body))
    let got = ''
    socket.on('data', (d) => (got += d.toString()))
    socket.on('end', () => resolve(got))
    socket.on('close', () => resolve(got))
    // Closing with our unread bytes still queued may reach us as a reset after the answer.
    socket.on('error', (error) => (got ? resolve(got) : reject(error)))
  })
}

describe('the node adapter does not keep a refused connection open', () => {
  it('closes the connection after refusing an unsigned POST that announces 1 GiB, without reading it', async () => {
    const port = Number(new URL(await listen(createMessageServer({ ...APP, handle: () => undefined }))).port)
    const answer = await rawExchange(
      port,
      'POST /wechat?timestamp=1&nonce=1&signature=x HTTP/1.1\r\nHost: a\r\nContent-Length: 1073741824\r\n\r\n',
      'x'.repeat(1000),
    )
    expect(answer).toMatch(/^HTTP\/1\.1 403/)
    expect(answer.toLowerCase()).toContain('connection: close')
  })

  it('answers 408 and closes a signed push whose body never finishes (slowloris)', async () => {
    const onRejected = vi.fn()
    const port = Number(
      new URL(await listen(createMessageServer({ ...APP, replyTimeoutMs: 200, handle: () => undefined, onRejected }))).port,
    )
    const path = new URL(await signedUrl('http://x/wechat'))
    const answer = await rawExchange(
      port,
      `POST ${path.pathname}${path.search} HTTP/1.1\r\nHost: a\r\nContent-Length: 500\r\n\r\n`,
      '<xml>',
    )
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(answer.toLowerCase()).toContain('connection: close')
    expect(onRejected).toHaveBeenCalledWith({ status: 408, reason: 'body did not arrive before the reply deadline' })
  })

  it('answers 408 through fetch(Request) to a body stream that never ends', async () => {
    const server = createMessageServer({ ...APP, replyTimeoutMs: 200, handle: () => undefined })
    const endless = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('<xml>')) })
    const res = await server.fetch(
      new Request(await signedUrl('http://localhost/wx'), { method: 'POST', body: endless, duplex: 'half' } as RequestInit),
    )
    expect(res.status).toBe(408)
  })
})

describe('a failing dedup store loses nothing (agreed with @wxmp/redis: its store times out and rejects)', () => {
  it('handles a push once per process while every store call rejects, answers 200, and reports kind dedup-store', async () => {
    const onError = vi.fn()
    const down = () => Promise.reject(new Error('redis dedup store: timed out after 200 ms'))
    const handle = vi.fn(() => ({ type: 'text' as const, content: 'handled' }))
    const url = await listen(createMessageServer({ ...APP, dedupStore: { claim: down, settle: down, read: down }, handle, onError }))
    const fields = textPush('o1', '8888888888888888', 'during an outage')
    const first = await sendPush({ url, token: APP.token, fields })
    const retry = await sendPush({ url, token: APP.token, fields })
    expect([first.status, retry.status]).toEqual([200, 200])
    expect(await retry.text()).toContain('handled')
    expect(handle).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'redis dedup store: timed out after 200 ms' }),
      expect.objectContaining({ kind: 'dedup-store' }),
    )
  })
})
