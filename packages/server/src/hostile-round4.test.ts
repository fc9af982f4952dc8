// Hostile review, round 4: env.incoming (readPush in server.ts, readNodeBody in internal/body.ts)
// behind @hono/node-server 1.19 + hono 4 over real loopback HTTP. `describe('findings (fixed)')`
// failed while the Node request was chosen when fetch started (a second fetch on one request read an
// empty body, a read during the signature check left a 408, a client gone held a timer); it is now
// chosen when the body is read, and one flowing, read or destroyed by then is 'consumed'.
// `describe('held')` records attacks that did not get through.
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import type { IncomingMessage } from 'node:http'
import { request as httpRequest } from 'node:http'
import { Readable } from 'node:stream'
import { serve } from '@hono/node-server'
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { cors } from 'hono/cors'
import { csrf } from 'hono/csrf'
import { etag } from 'hono/etag'
import { logger } from 'hono/logger'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { timing } from 'hono/timing'
import { timeout } from 'hono/timeout'
import { methodOverride } from 'hono/method-override'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { computeSignature, encryptMessage } from './index'
import { ECHO_APP, echoServer, pushTo } from './testing/echo'
import { abortMidBody, serveOnHono } from './testing/hono'
import { textPushFields, toXml } from './testing/push'

/** A signed safe-mode push as query + raw body, for raw sockets / http.request. */
async function rawPush(id: string, nonce = '7') {
  const encrypt = await encryptMessage(toXml(textPushFields(id)), { encodingAESKey: ECHO_APP.encodingAESKey, appId: ECHO_APP.appId })
  const timestamp = String(Math.floor(Date.now() / 1000))
  const q = new URLSearchParams({
    timestamp,
    nonce,
    signature: await computeSignature(ECHO_APP.token, timestamp, nonce),
    encrypt_type: 'aes',
    msg_signature: await computeSignature(ECHO_APP.token, timestamp, nonce, encrypt),
  })
  const body = `<xml><ToUserName><![CDATA[gh_h4]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
  return { q, body }
}

async function serveWith(fetch: (request: Request, env: unknown) => Response | Promise<Response>, options: Record<string, unknown> = {}) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1', ...options })
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))])

describe('findings (fixed)', () => {
  // F1. Once readNodeBody has read env.incoming, @hono/node-server's view still says bodyUsed=false;
  // a second server.fetch on the same request (a fallback to a second account sharing the token, a
  // retry) skips env.incoming (readableDidRead) and reads the view's Request, whose body is
  // Readable.toWeb of the ended Node request: empty. It answers 400 'no Encrypt field' (and
  // c.req.text() afterwards resolves '') where the same code without c.env gets the documented
  // 500 'already read' (and c.req.text() throws 'Body is unusable').
  it('F1: server.fetch(c.req.raw, c.env) twice on one request: the second is 500 already read, not an empty body (400)', async () => {
    const first = echoServer({ encodingAESKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj' })
    const second = echoServer()
    const app = new Hono()
    app.post('/wechat', async (c) => {
      const r = await first.server.fetch(c.req.raw, c.env)
      return r.status === 200 ? r : second.server.fetch(c.req.raw, c.env)
    })
    const url = await serveOnHono(app.fetch)
    const a = await within(pushTo(url, '9002'), 4000)
    expect(first.rejected[0]?.status).toBe(400) // read the body, then wrong key
    expect({ status: a.status, reason: second.rejected[0]?.reason }).toMatchObject({
      status: 500,
      reason: expect.stringMatching(/already read/),
    })
  })

  // F2. untouchedIncoming is checked when fetch starts, but readNodeBody attaches its listeners only
  // after the signature is verified (an await; long with an async provider). Anything that reads the
  // Request in that gap (here c.req.text() beside the pending fetch) puts Readable.toWeb on the
  // stream first; it takes 'data' and 'end', and readNodeBody, attached later, waits for an 'end'
  // already emitted: 408 at the deadline, not 500 'already read' (nor 200). Re-checking at read time
  // (flowing / read / requestCache) would give 'consumed'.
  it('F2: a read of c.req.raw while fetch awaits the signature (Web Crypto provider): 500 already read or 200, not 408', async () => {
    const { webCrypto } = await import('./internal/crypto')
    const { server, rejected } = echoServer({ crypto: webCrypto, replyTimeoutMs: 800 })
    const app = new Hono()
    app.post('/wechat', async (c) => {
      const pending = server.fetch(c.req.raw, c.env)
      await c.req.text()
      return pending
    })
    const url = await serveOnHono(app.fetch)
    const a = await within(pushTo(url, '9005'), 4000)
    expect(rejected.map((r) => r.status)).not.toContain(408)
    expect([200, 500]).toContain(a.status)
  })

  // F3 (minor). A client that hung up before the route ran (an async middleware first): the Node request
  // is destroyed but neither flowing nor read, so it is taken; its events are long gone, and
  // readNodeBody holds its timer and closure until replyTimeoutMs (4 s by default) to answer 408 to
  // nobody. The Request path settles in ~3 ms. An aborted-connection flood holds one timer each for 4 s.
  it('F3: env.incoming already destroyed when fetch runs: answered at once (consumed), not at the deadline', async () => {
    // A minute's deadline: an answer that waited for it would not come within the test's time.
    const { server, rejected } = echoServer({ replyTimeoutMs: 60_000 })
    let answered!: (status: number) => void
    const status = new Promise<number>((resolve) => (answered = resolve))
    const app = new Hono()
    app.post('/wechat', async (c) => {
      await new Promise((r) => setTimeout(r, 100))
      const res = await server.fetch(c.req.raw, c.env)
      answered(res.status)
      return res
    })
    const url = await serveOnHono(app.fetch)
    const { q, body } = await rawPush('9004')
    const req = httpRequest(`${url}?${q}`, { method: 'POST', headers: { 'content-length': String(body.length) } })
    req.on('error', () => undefined)
    req.end(body)
    await new Promise((r) => setTimeout(r, 30))
    req.destroy()
    expect(await status).toBe(500)
    expect(rejected[0]?.reason).toMatch(/already read/)
  })
})

describe('held', () => {
  const middlewares: [string, MiddlewareHandler][] = [
    ['logger', logger(() => undefined)],
    ['cors', cors()],
    ['csrf', csrf()],
    ['etag', etag()],
    ['compress', compress({ threshold: 0 })],
    ['secureHeaders', secureHeaders()],
    ['requestId', requestId()],
    ['timing', timing()],
    ['timeout', timeout(3000)],
    ['methodOverride', methodOverride({ app: new Hono() })],
    ['bodyLimit', bodyLimit({ maxSize: 64 * 1024 })],
    [
      'c.req.header() / raw.headers',
      async (c, next) => (c.req.header('content-type'), c.req.raw.headers.get('host'), c.req.header(), next()),
    ],
    ['c.req.raw.signal', async (c, next) => (c.req.raw.signal.addEventListener('abort', () => undefined), next())],
    ['c.req.raw.bodyUsed', async (c, next) => (void c.req.raw.bodyUsed, next())],
    ['c.req.raw.clone()', async (c, next) => (void c.req.raw.clone(), next())],
    ['c.req.raw.clone().text()', async (c, next) => (await c.req.raw.clone().text(), next())],
    ['console-style inspect of c.req.raw', async (c, next) => ((await import('node:util')).inspect(c.req.raw), next())],
    ['an awaited async step first', async (_c, next) => (await new Promise((r) => setTimeout(r, 20)), next())],
  ]
  it.each(middlewares)('%s before server.fetch(c.req.raw, c.env): 200, reply decrypts', async (name, mw) => {
    const { server, handle, rejected } = echoServer()
    const app = new Hono()
    app.use(mw)
    app.on(['GET', 'POST'], '/wechat', (c) => server.fetch(c.req.raw, c.env))
    const url = await serveOnHono(app.fetch)
    for (const id of ['7001', '7002']) {
      const a = await within(pushTo(url, id, { headers: { origin: 'http://evil.example' } }), 4000)
      expect({ name, status: a.status, rejected }).toEqual({ name, status: 200, rejected: [] })
      expect(a.reply).toContain(`echo: hi ${id}`)
    }
    expect(handle).toHaveBeenCalledTimes(2)
  })

  it('body consumed by parseBody / text / json-validator-like code: 500 already read, never 408/400/hang', async () => {
    const readers: [string, MiddlewareHandler][] = [
      ['text', async (c, next) => (await c.req.text(), next())],
      ['arrayBuffer', async (c, next) => (await c.req.arrayBuffer(), next())],
      ['json (throws, caught)', async (c, next) => (await c.req.json().catch(() => undefined), next())],
      ['raw.text', async (c, next) => (await c.req.raw.text(), next())],
    ]
    for (const [name, mw] of readers) {
      const { server, handle, rejected } = echoServer({ replyTimeoutMs: 1000 })
      const app = new Hono()
      app.post('/wechat', mw, (c) => server.fetch(c.req.raw, c.env))
      const url = await serveOnHono(app.fetch)
      const a = await within(pushTo(url, '7101'), 3000)
      expect({ name, status: a.status, reason: rejected[0]?.reason }).toMatchObject({
        name,
        status: 500,
        reason: expect.stringMatching(/already read/),
      })
      expect(handle).not.toHaveBeenCalled()
    }
  })

  it('text read, then a Request rebuilt from it (validator style), new Request(c.req.raw), app.route, basePath, app.mount, app.request: 200', async () => {
    const { server, handle } = echoServer()
    const sub = new Hono().post('/', (c) => server.fetch(c.req.raw, c.env))
    const app = new Hono()
    app.post('/wechat', async (c) => {
      const text = await c.req.text()
      return server.fetch(new Request(c.req.url, { method: 'POST', headers: c.req.raw.headers, body: text }), c.env)
    })
    app.post('/copy', (c) => server.fetch(new Request(c.req.raw), c.env))
    app.route('/sub', sub)
    app.mount('/mounted', server.fetch)
    const based = new Hono().basePath('/base')
    based.post('/wechat', (c) => server.fetch(c.req.raw, c.env))
    app.route('/', based)
    const url = await serveOnHono(app.fetch)
    for (const [path, id] of [
      ['/wechat', '7201'],
      ['/copy', '7202'],
      ['/sub', '7203'],
      ['/mounted', '7204'],
      ['/base/wechat', '7205'],
    ] as const) {
      const a = await within(pushTo(url.replace('/wechat', path), id), 4000)
      expect({ path, status: a.status }).toEqual({ path, status: 200 })
      expect(a.reply).toContain(`echo: hi ${id}`)
    }
    // app.request: in-process, no env.incoming.
    const { q, body } = await rawPush('7206')
    const res = await app.request(`/wechat?${q}`, { method: 'POST', body })
    expect(res.status).toBe(200)
    expect(handle).toHaveBeenCalledTimes(6)
  })

  it('bodyLimit with a chunked push (no content-length: it reads the body and replaces c.req.raw): 200', async () => {
    const { server, handle } = echoServer()
    const app = new Hono()
    app.use(bodyLimit({ maxSize: 64 * 1024 }))
    app.post('/wechat', (c) => server.fetch(c.req.raw, c.env))
    const url = await serveOnHono(app.fetch)
    const { q, body } = await rawPush('7301')
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}?${q}`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      for (let i = 0; i < body.length; i += 30) req.write(body.slice(i, i + 30))
      req.end()
    })
    expect(status).toBe(200)
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it('overrideGlobalObjects: false, plain and through Hono with bodyLimit / clone: 200', async () => {
    const { server, handle } = echoServer()
    const app = new Hono()
    app.post('/wechat', (c) => server.fetch(c.req.raw, c.env))
    app.post('/limited', bodyLimit({ maxSize: 65536 }), (c) => server.fetch(c.req.raw, c.env))
    app.post(
      '/cloned',
      async (c, next) => (void c.req.raw.clone(), next()),
      (c) => server.fetch(c.req.raw, c.env),
    )
    const url = await serveWith(app.fetch, { overrideGlobalObjects: false })
    const direct = await serveWith(server.fetch, { overrideGlobalObjects: false })
    for (const [u, id] of [
      [url, '7401'],
      [url.replace('/wechat', '/limited'), '7402'],
      [url.replace('/wechat', '/cloned'), '7403'],
      [direct, '7404'],
    ] as const) {
      const a = await within(pushTo(u, id), 4000)
      expect({ u, status: a.status }).toEqual({ u, status: 200 })
      expect(a.reply).toContain(`echo: hi ${id}`)
    }
    expect(handle).toHaveBeenCalledTimes(4)
  })

  it('keep-alive pipelining: 20 pushes in one write, Content-Length and chunked mixed, through Hono + bodyLimit and direct: 20 × 200', async () => {
    for (const wrap of ['direct', 'hono'] as const) {
      const { server, handle } = echoServer()
      const app = new Hono()
      app.use(bodyLimit({ maxSize: 65536 }))
      app.post('/wechat', (c) => server.fetch(c.req.raw, c.env))
      const url = new URL(await serveOnHono(wrap === 'direct' ? server.fetch : app.fetch))
      let wire = ''
      for (let i = 0; i < 20; i++) {
        const { q, body } = await rawPush(String(7500 + i), String(i))
        wire +=
          i % 2
            ? `POST ${url.pathname}?${q} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`
            : `POST ${url.pathname}?${q} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${(100).toString(16)}\r\n${body.slice(0, 100)}\r\n${(body.length - 100).toString(16)}\r\n${body.slice(100)}\r\n0\r\n\r\n`
      }
      const socket = connect(Number(url.port), url.hostname)
      onTestFinished(() => void socket.destroy())
      let got = ''
      socket.on('data', (d) => (got += d))
      socket.write(wire)
      for (let t = 0; t < 60 && (got.match(/HTTP\/1\.1 /g) ?? []).length < 20; t++) await new Promise((r) => setTimeout(r, 50))
      const statuses = [...got.matchAll(/HTTP\/1\.1 (\d+)/g)].map((m) => m[1])
      expect({ wrap, statuses }).toEqual({ wrap, statuses: Array(20).fill('200') })
      expect(handle).toHaveBeenCalledTimes(20)
    }
  })

  it('aborted clients (mid-body, through Hono and direct) do not crash; the next push is 200', async () => {
    const { server, rejected } = echoServer({ replyTimeoutMs: 1500 })
    const app = new Hono()
    app.post('/wechat', (c) => server.fetch(c.req.raw, c.env))
    for (const url of [await serveOnHono(app.fetch), await serveOnHono(server.fetch)]) {
      const { q, body } = await rawPush('7601')
      for (let i = 0; i < 5; i++) {
        await abortMidBody(`${url}?${q}`, { 'content-length': String(body.length) }, body.slice(0, 60), 30)
      }
      await new Promise((r) => setTimeout(r, 100))
      expect((await pushTo(url, '7602')).status).toBe(200)
    }
    expect(rejected).toEqual([])
  })

  it('no leaks: 300 pushes over keep-alive leave no listeners beyond the server’s own and no timers', async () => {
    const { server, handle } = echoServer()
    const seen: IncomingMessage[] = []
    const url = await serveOnHono((request, env) => {
      seen.push((env as { incoming: IncomingMessage }).incoming)
      return server.fetch(request, env)
    })
    const toWeb = vi.spyOn(Readable, 'toWeb')
    onTestFinished(() => toWeb.mockRestore())
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    for (let i = 0; i < 300; i += 30) await Promise.all(Array.from({ length: 30 }, (_, k) => pushTo(url, String(8000 + i + k))))
    expect(handle).toHaveBeenCalledTimes(300)
    expect(toWeb).not.toHaveBeenCalled()
    await new Promise((r) => setTimeout(r, 50))
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(before)
    const last = seen.at(-1)!
    expect({ data: last.listenerCount('data'), sockets: new Set(seen.map((s) => s.socket)).size }).toMatchObject({ data: 0 })
    for (const s of new Set(seen.map((m) => m.socket))) expect(s?.listenerCount('data') ?? 0).toBeLessThanOrEqual(1)
  })
})
