// server.fetch behind @hono/node-server, over real HTTP: `serve({ fetch: server.fetch })` and a Hono
// route passing `c.env` hand the Node request beside the Request (`env.incoming`), and the body is
// read from it, not through the Request's stream adapters (Readable.toWeb), which cost a push about
// 140 µs at concurrency 1 (README "Receiving speed"). Everything else answers as before.
import { request as httpRequest } from 'node:http'
import { PassThrough, Readable } from 'node:stream'
import { Hono } from 'hono'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { computeSignature } from './index'
import { ECHO_APP, echoServer, pushTo } from './testing/echo'
import { serveOnHono } from './testing/hono'

/** A POST whose body is sent chunked, `parts` chunks, and then ended or left open. */
async function chunkedPost(url: string, parts: string[], end: boolean): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const query = new URLSearchParams({
    timestamp,
    nonce: '5',
    signature: await computeSignature(ECHO_APP.token, timestamp, '5'),
    encrypt_type: 'aes',
  })
  const target = new URL(`${url}?${query}`)
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method: 'POST', headers: { 'transfer-encoding': 'chunked', 'content-type': 'text/xml' } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
      req.destroy()
    })
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)))
    for (const part of parts) req.write(part)
    if (end) req.end()
  })
}

describe('server.fetch on @hono/node-server', () => {
  it('serve({ fetch: server.fetch }): the push is read from the Node request, not through Readable.toWeb', async () => {
    const { server, handle } = echoServer()
    const url = await serveOnHono(server.fetch)
    const toWeb = vi.spyOn(Readable, 'toWeb')
    onTestFinished(() => toWeb.mockRestore())
    const answer = await pushTo(url, '5001')
    expect(answer).toMatchObject({ status: 200 })
    expect(answer.reply).toContain('<Content><![CDATA[echo: hi 5001]]></Content>')
    expect(handle).toHaveBeenCalledTimes(1)
    expect(toWeb).not.toHaveBeenCalled()
  })

  it('a Hono route passing c.env reads the Node request too; without it, the Request as before', async () => {
    const { server, handle } = echoServer()
    const app = new Hono()
    app.on(['GET', 'POST'], '/wechat', (c) => server.fetch(c.req.raw, c.env))
    app.on(['GET', 'POST'], '/plain', (c) => server.fetch(c.req.raw))
    const url = await serveOnHono(app.fetch)
    const toWeb = vi.spyOn(Readable, 'toWeb')
    onTestFinished(() => toWeb.mockRestore())
    expect((await pushTo(url, '5002')).reply).toContain('echo: hi 5002')
    expect(toWeb).not.toHaveBeenCalled()
    // The same push path without env: read through the Request's body, same answer.
    expect((await pushTo(url.replace('/wechat', '/plain'), '5003')).reply).toContain('echo: hi 5003')
    expect(toWeb).toHaveBeenCalledTimes(1)
    expect(handle).toHaveBeenCalledTimes(2)
  })

  it('a body read by middleware first is still refused with 500 (c.env passed or not)', async () => {
    const { server, handle, rejected } = echoServer()
    const app = new Hono()
    app.post('/wechat', async (c) => {
      await c.req.text()
      return server.fetch(c.req.raw, c.env)
    })
    const url = await serveOnHono(app.fetch)
    expect((await pushTo(url, '5004')).status).toBe(500)
    expect(handle).not.toHaveBeenCalled()
    expect(rejected[0]?.reason).toMatch(/already read/)
  })

  it('a chunked body past maxBodyBytes is 413 and one that never ends is 408, read from the Node request', async () => {
    const { server, handle, rejected } = echoServer({ maxBodyBytes: 1024, replyTimeoutMs: 300 })
    const url = await serveOnHono(server.fetch)
    expect(await chunkedPost(url, ['<xml>', 'x'.repeat(800), 'y'.repeat(800)], true)).toBe(413)
    expect(await chunkedPost(url, ['<xml><Encrypt>'], false)).toBe(408)
    expect(handle).not.toHaveBeenCalled()
    expect(rejected.map((r) => r.status)).toEqual([413, 408])
  })
})

describe('env.incoming is read only when the Request is its @hono/node-server view, untouched', () => {
  // A signed push as the Request's URL and body, and a Node-style request for the same path.
  async function capturePush(id: string) {
    let captured: { url: string; body: string } | undefined
    const url = await serveOnHono(async (request) => {
      captured = { url: request.url, body: await request.text() }
      return new Response('success')
    })
    await pushTo(url, id)
    const { url: full, body } = captured!
    const nodeRequest = (content: string) => {
      const incoming = Object.assign(new PassThrough(), { url: full.slice(full.indexOf('/wechat')), method: 'POST', headers: {} })
      incoming.end(content)
      return incoming
    }
    return { full, body, nodeRequest }
  }
  // What @hono/node-server's lightweight Request holds: the Node request under a symbol, and the
  // web Request it made, once something asked for one, under a symbol named `requestCache`.
  const viewOf = <R extends Request>(request: R, incoming: object, made?: Request) =>
    Object.assign(request, { [Symbol('incomingKey')]: incoming }, made ? { [Symbol('requestCache')]: made } : {})

  it('used: the Request body is never touched', async () => {
    const { server, handle } = echoServer()
    const { full, body, nodeRequest } = await capturePush('5101')
    const incoming = nodeRequest(body)
    // A Request whose body fails if read: the answer can only come from the Node request.
    const poisoned = new ReadableStream({
      pull() {
        throw new Error('the Request body was read')
      },
    })
    const request = viewOf(new Request(full, { method: 'POST', body: poisoned, duplex: 'half' } as RequestInit), incoming)
    const res = await server.fetch(request, { incoming })
    expect(res.status).toBe(200)
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['held by no view (a Request made by the app)', (request: Request, _: PassThrough) => request],
    ['held by a view that made its web Request', (request: Request, s: PassThrough) => viewOf(request, s, new Request('http://x/'))],
    ['held by a view of another Node request', (request: Request, _: PassThrough) => viewOf(request, new PassThrough())],
  ])('not used when it is %s: the Request body is read', async (name, spoil) => {
    const { server, handle, rejected } = echoServer()
    const { full, body, nodeRequest } = await capturePush(String(5110 + name.length))
    // The Node request carries garbage: read, it would be refused (400).
    const incoming = nodeRequest('<xml>not this one</xml>')
    const res = await server.fetch(spoil(new Request(full, { method: 'POST', body }), incoming), { incoming })
    expect(rejected).toEqual([])
    expect(res.status).toBe(200)
    expect(handle).toHaveBeenCalledTimes(1)
  })

  // Read by someone else first (an earlier fetch, a middleware listening to it), or its client gone:
  // the view's own Request would read what is left of it, so neither is read.
  it.each([
    ['already flowing', (s: PassThrough) => s.on('data', () => undefined)],
    ['already read', (s: PassThrough) => (s.read(1), s)],
    ['destroyed (the client left)', (s: PassThrough) => s.destroy()],
  ])('a Node request %s is answered 500, already read, at once', async (name, spoil) => {
    // A minute's deadline: an answer that waited for it (a 408) would not come within the test's time.
    const { server, handle, rejected } = echoServer({ replyTimeoutMs: 60_000 })
    const { full, body, nodeRequest } = await capturePush(String(5130 + name.length))
    const incoming = nodeRequest(body)
    spoil(incoming)
    const res = await server.fetch(viewOf(new Request(full, { method: 'POST', body }), incoming), { incoming })
    expect(res.status).toBe(500)
    expect(rejected[0]?.reason).toMatch(/already read/)
    expect(handle).not.toHaveBeenCalled()
  })
})
