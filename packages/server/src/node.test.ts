// The node:http adapter: what a node server (http.createServer, Express, Koa) hands it.
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PassThrough } from 'node:stream'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { computeSignature, createMessageServer } from './index'
import type { CryptoProvider } from './internal/crypto'
import { nodeCrypto, toNodeHandler } from './node'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123' }

async function start(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const http = createServer(listener)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => http.close(() => resolve())))
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/wx`
}

async function signedQuery(): Promise<string> {
  const timestamp = String(Math.floor(Date.now() / 1000))
  return new URLSearchParams({ timestamp, nonce: '7', signature: await computeSignature(APP.token, timestamp, '7') }).toString()
}
const body = (id: string) =>
  `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>${id}</MsgId></xml>`

describe('toNodeHandler', () => {
  it("uses the server's crypto option (it used node:crypto whatever the option said)", async () => {
    const calls: string[] = []
    const counting: CryptoProvider = {
      sha1Hex: (text) => (calls.push('sha1'), nodeCrypto.sha1Hex(text)),
      importKey: async (raw) => (calls.push('importKey'), nodeCrypto.importKey(raw)),
    }
    const handle = vi.fn(() => undefined)
    const url = await start(toNodeHandler(createMessageServer({ ...APP, handle, crypto: counting })))
    const res = await fetch(`${url}?${await signedQuery()}`, { method: 'POST', body: body('11') })
    expect(await res.text()).toBe('success')
    expect(handle).toHaveBeenCalledTimes(1)
    // The signature, then the dedup key.
    expect(calls).toEqual(['sha1', 'sha1'])
  })

  it('uses node:crypto when the server was given no crypto option', async () => {
    const handle = vi.fn(() => undefined)
    const url = await start(toNodeHandler(createMessageServer({ ...APP, handle })))
    const sha1 = vi.spyOn(nodeCrypto, 'sha1Hex')
    onTestFinished(() => sha1.mockRestore())
    const res = await fetch(`${url}?${await signedQuery()}`, { method: 'POST', body: body('12') })
    expect(await res.text()).toBe('success')
    expect(sha1).toHaveBeenCalledTimes(2)
  })

  // The body as a socket delivers it: in several chunks, or none at all.
  it.each([
    ['several chunks', 3, 200],
    ['no chunk (an empty body)', 0, 400],
  ])('reads a body that arrives in %s', async (_, parts, status) => {
    const handle = vi.fn(() => ({ type: 'text' as const, content: 'in chunks' }))
    const adapter = toNodeHandler(createMessageServer({ ...APP, handle }))
    const req = Object.assign(new PassThrough(), {
      method: 'POST',
      url: `/wx?${await signedQuery()}`,
      headers: { host: 'localhost', 'content-type': 'text/xml' },
    })
    let answeredStatus = 0
    const answered = new Promise<string>((resolve) => {
      const res = {
        headersSent: false,
        writeHead(code: number) {
          answeredStatus = code
          return res
        },
        end: (data?: string) => resolve(String(data)),
      }
      adapter(req as never, res as never)
    })
    const text = body('31')
    const cuts = parts ? [0, 10, 50, text.length] : []
    for (let i = 0; i + 1 < cuts.length; i++) {
      req.write(text.slice(cuts[i], cuts[i + 1]))
      await new Promise((resolve) => setImmediate(resolve))
    }
    req.end()
    const answer = await answered
    expect(answeredStatus).toBe(status)
    if (parts) {
      expect(answer).toContain('<Content><![CDATA[in chunks]]></Content>')
      expect(handle).toHaveBeenCalledWith(expect.objectContaining({ content: 'hi' }))
    } else expect(handle).not.toHaveBeenCalled()
  })

  it('serves pushes on http.createServer', async () => {
    const url = await start(toNodeHandler(createMessageServer({ ...APP, handle: () => ({ type: 'text', content: 'from node' }) })))
    const res = await fetch(`${url}?${await signedQuery()}`, { method: 'POST', body: body('1') })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<Content><![CDATA[from node]]></Content>')
  })

  it('uses a body a framework already read into req.body (express.text())', async () => {
    const handle = vi.fn(() => undefined)
    const adapter = toNodeHandler(createMessageServer({ ...APP, handle }))
    const url = await start((req, res) => {
      // What express.text() leaves behind: the stream consumed, the text on req.body.
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => adapter(Object.assign(req, { body: Buffer.concat(chunks).toString('utf8') }), res))
    })
    const res = await fetch(`${url}?${await signedQuery()}`, { method: 'POST', body: body('2') })
    expect(await res.text()).toBe('success')
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ content: 'hi', msgId: '2' }))
  })

  it('reports a body already consumed by a JSON body parser to next() instead of hanging', async () => {
    const handle = vi.fn()
    const adapter = toNodeHandler(createMessageServer({ ...APP, handle }))
    const next = vi.fn()
    const url = await start((req, res) => {
      // What express.json() leaves behind: the stream consumed, a parsed object on req.body.
      req.resume()
      req.on('end', () =>
        adapter(Object.assign(req, { body: { parsed: true } }), res, (error) => {
          next(error)
          res.writeHead(500).end()
        }),
      )
    })
    const res = await fetch(`${url}?${await signedQuery()}`, { method: 'POST', body: '{"MsgType":"text"}' })
    expect(res.status).toBe(500)
    expect(next.mock.calls[0]?.[0]).toMatchObject({ message: expect.stringMatching(/already read by another middleware/) })
    expect(handle).not.toHaveBeenCalled()
  })

  it('answers 413 to a body over its own cap without reading it all', async () => {
    const handle = vi.fn()
    const url = await start(toNodeHandler(createMessageServer({ ...APP, handle }), { maxBodyBytes: 1024 }))
    const query = await signedQuery()
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}?${query}`, { method: 'POST' }, (res) => resolve(res.statusCode ?? 0))
      req.on('error', reject)
      req.end('x'.repeat(4096))
    })
    expect(status).toBe(413)
    expect(handle).not.toHaveBeenCalled()
  })

  // A body that never ends: answered as soon as the server has what it needs, not when the client stops.
  const stalled = (url: string, bytes: number) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST' }, (res) => resolve(res.statusCode ?? 0))
      req.on('error', () => undefined)
      req.write('x'.repeat(bytes))
      setTimeout(() => (req.destroy(), reject(new Error('no answer before the body ended'))), 1000)
    })

  it('answers 403 to a forged signature before reading the body', async () => {
    const handle = vi.fn()
    const url = await start(toNodeHandler(createMessageServer({ ...APP, handle })))
    const timestamp = String(Math.floor(Date.now() / 1000))
    expect(await stalled(`${url}?timestamp=${timestamp}&nonce=1&signature=${'0'.repeat(40)}`, 2048)).toBe(403)
    expect(handle).not.toHaveBeenCalled()
  })

  it("reads no more than the server's own maxBodyBytes (not the adapter's 1 MiB)", async () => {
    const url = await start(toNodeHandler(createMessageServer({ ...APP, maxBodyBytes: 1024, handle: () => undefined })))
    expect(await stalled(`${url}?${await signedQuery()}`, 4096)).toBe(413)
  })

  // A huge declared Content-Length on a signed POST whose body never comes: 413 at once, like the
  // fetch path, not 408 at the read deadline. Fake timers and a fake request: the test tells which
  // came first, the answer or the adapter starting to read, without any wall-clock wait.
  it.each([
    ['the adapter cap', {}, 99_999_999_999],
    ["the server's own cap", { maxBodyBytes: 1024 }, 1025],
  ])('answers 413 at once, Connection: close, to a Content-Length over %s', async (_, serverOptions, length) => {
    vi.useFakeTimers()
    onTestFinished(() => void vi.useRealTimers())
    const handle = vi.fn()
    const adapter = toNodeHandler(createMessageServer({ ...APP, ...serverOptions, handle }))
    const req = Object.assign(new PassThrough(), {
      method: 'POST',
      url: `/wx?${await signedQuery()}`,
      headers: { host: 'localhost', 'content-type': 'text/xml', 'content-length': String(length) },
    })
    let reading = false
    req.on('newListener', (event) => void (event === 'data' && (reading = true)))
    const startedAt = Date.now()
    let answered: { status: number; headers: Record<string, string>; at: number; reading: boolean } | undefined
    const done = new Promise<void>((resolve) => {
      const res = {
        headersSent: false,
        writeHead(status: number, headers: Record<string, string> = {}) {
          answered = { status, headers, at: Date.now(), reading }
          return res
        },
        end: () => resolve(),
      }
      adapter(req as never, res as never)
    })
    // Either the answer comes, or the adapter starts waiting for the body (the bug): then let the
    // (fake) read deadline pass so the test ends, on a 408 it then rejects.
    await new Promise<void>((resolve) => {
      void done.then(resolve)
      req.on('newListener', (event) => event === 'data' && queueMicrotask(resolve))
    })
    await vi.runAllTimersAsync()
    await done
    expect(answered).toEqual({ status: 413, headers: { connection: 'close' }, at: startedAt, reading: false })
    expect(handle).not.toHaveBeenCalled()
  })

  it('passes conversion errors to next() when given one', async () => {
    const server = { fetch: () => Promise.reject(new Error('broken')) }
    const next = vi.fn()
    const adapter = toNodeHandler(server)
    const url = await start((req, res) => {
      adapter(req, res, (error) => {
        next(error)
        res.writeHead(500).end()
      })
    })
    expect((await fetch(url)).status).toBe(500)
    expect(next).toHaveBeenCalledWith(expect.objectContaining({ message: 'broken' }))
  })
})

describe('toNodeHandler options', () => {
  const server = createMessageServer({ ...APP, handle: () => undefined })
  it('refuses an unknown option with a did-you-mean', () => {
    expect(() => toNodeHandler(server, { maxBodyByte: 5 } as never)).toThrow(/no option "maxBodyByte" \(did you mean "maxBodyBytes"\?\)/)
  })

  it('refuses a maxBodyBytes below 256', () => {
    expect(() => toNodeHandler(server, { maxBodyBytes: -1 })).toThrow(/maxBodyBytes must be at least 256, got -1/)
  })
})
