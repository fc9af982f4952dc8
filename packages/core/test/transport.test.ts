// Core's request path against a local fixture server: what goes on the wire and how answers are read.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError, isWeChatTransportError, WeChatApiError, WeChatTransportError, type WeChatClient } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
let wx: WeChatClient

beforeAll(async () => {
  server = await startFixtureServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.received.length = 0
  wx = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url, retry: { limit: 2, backoffMs: 1 } })
})

const calls = (path: string) => server.received.filter((r) => r.url.startsWith(path)).length

describe('request', () => {
  it('adds the access token as a query parameter and sends GET without a body', async () => {
    const echo = await wx.request<{ method: string; url: string }>('/echo', { query: { openid: 'o1', lang: 'en', skip: undefined } })
    expect(echo.method).toBe('GET')
    const url = new URL(echo.url, 'http://x')
    expect(url.searchParams.get('access_token')).toMatch(/^fixture-token-/)
    expect(url.searchParams.get('openid')).toBe('o1')
    expect(url.searchParams.has('skip')).toBe(false)
  })

  it('sends JSON as raw UTF-8, never \\u-escaped Chinese', async () => {
    const echo = await wx.request<{ method: string; body: string; contentType: string }>('/echo', { json: { name: '星标组' } })
    expect(echo.method).toBe('POST')
    expect(echo.contentType).toContain('application/json')
    expect(echo.body).toBe('{"name":"星标组"}')
  })

  it('leaves the token off when the call says so', async () => {
    const echo = await wx.request<{ url: string }>('/echo', { accessToken: false })
    expect(echo.url).not.toContain('access_token')
    expect(calls('/cgi-bin/stable_token')).toBe(0)
  })

  it('adds appid and secret for app-credential calls', async () => {
    const echo = await wx.request<{ url: string }>('/echo', { accessToken: false, appCredentials: true })
    const url = new URL(echo.url, 'http://x')
    expect(url.searchParams.get('appid')).toBe('wxfixture')
    expect(url.searchParams.get('secret')).toBe('fixture-secret-value')
  })

  it('returns integers beyond 2^53 as exact strings and keeps small numbers as numbers', async () => {
    server.queue(
      '/big',
      json(
        '{"errcode":0,"errmsg":"ok","msgid":3717005636572528642,"count":12,"ratio":0.12345678901234567890,"text":"12345678901234567890"}',
      ),
    )
    const data = await wx.request<{ msgid: string; count: number; ratio: number; text: string }>('/big')
    expect(data.msgid).toBe('3717005636572528642')
    expect(data.count).toBe(12)
    expect(typeof data.ratio).toBe('number')
    expect(data.text).toBe('12345678901234567890')
  })

  it('throws WeChatApiError with errcode, errmsg, rid and path', async () => {
    server.queue('/fail', json('{"errcode":40003,"errmsg":"invalid openid rid: 6565a1b2-12345678-0abcdef0"}'))
    const error = await wx.request('/fail').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WeChatApiError)
    expect(isWeChatApiError(error)).toBe(true)
    const e = error as WeChatApiError
    expect(e.errcode).toBe(40003)
    expect(e.errmsg).toBe('invalid openid')
    expect(e.rid).toBe('6565a1b2-12345678-0abcdef0')
    expect(e.path).toBe('/fail')
    expect(e.message).toContain('40003')
  })

  it('returns the Response of a binary answer and throws the JSON error a binary endpoint sends with HTTP 200', async () => {
    server.queue('/bin', (res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      res.end(Buffer.from([0xff, 0xd8, 0xff, 0x00]))
    })
    server.queue('/bin', json('{"errcode":40007,"errmsg":"invalid media_id"}'))
    const res = await wx.request('/bin', { responseType: 'response' })
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0x00]))
    await expect(wx.request('/bin', { responseType: 'response' })).rejects.toMatchObject({ name: 'WeChatApiError', errcode: 40007 })
  })

  it('hands back a JSON success from a binary endpoint as a readable Response', async () => {
    server.queue('/bin-json', json('{"video_url":"http://example.invalid/v.mp4"}'))
    const res = await wx.request('/bin-json', { responseType: 'response' })
    expect(await res.json()).toEqual({ video_url: 'http://example.invalid/v.mp4' })
  })

  it('sends multipart bodies', async () => {
    const form = new FormData()
    form.append('media', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'a.png')
    const echo = await wx.request<{ contentType: string; body: string }>('/echo', { body: form })
    expect(echo.contentType).toMatch(/^multipart\/form-data; boundary=/)
    expect(echo.body).toContain('filename="a.png"')
  })

  it('reports an HTTP error status as a transport error', async () => {
    server.queue('/status', json('oops', 404))
    const error = await wx.request('/status').catch((e: unknown) => e)
    expect(isWeChatTransportError(error)).toBe(true)
    expect(error).toMatchObject({ kind: 'http', status: 404 })
  })

  it('reports HTTP 400 as an HTTP error, not as its body', async () => {
    server.queue('/bad-request', json('{"errcode":0,"errmsg":"ok"}', 400))
    expect(await wx.request('/bad-request').catch((e: unknown) => e)).toMatchObject({
      name: 'WeChatTransportError',
      kind: 'http',
      status: 400,
    })
  })

  it('reports a body that is not JSON as a parse error', async () => {
    server.queue('/garbled', json('<html>gateway</html>'), json('<html>gateway</html>'), json('<html>gateway</html>'))
    const error = await wx.request('/garbled', { method: 'POST', json: {}, idempotent: false }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WeChatTransportError)
    expect(error).toMatchObject({ kind: 'parse', status: 200 })
    expect((error as Error).message).toMatch(/^WeChat answered a body that is not JSON \(POST /)
  })

  it('times out a slow answer with a timeout error', async () => {
    server.queue('/slow', (res) => setTimeout(() => json('{}')(res), 500))
    const error = await wx.request('/slow', { timeout: 50, idempotent: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'timeout' })
    // Which timeout, in the message; the cause named as fetch names its own timeouts.
    expect((error as Error).message).toMatch(/^WeChat request timed out: timed out after 50 ms \(GET /)
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError', message: 'timed out after 50 ms' })
  })

  it('lets the caller abort with a signal', async () => {
    server.queue('/slow2', (res) => setTimeout(() => json('{}')(res), 500))
    const controller = new AbortController()
    const pending = wx.request('/slow2', { signal: controller.signal })
    setTimeout(() => controller.abort(new Error('caller gave up')), 20)
    await expect(pending).rejects.toThrow('caller gave up')
  })

  it("rejects an aborted call with the caller's own reason, not a network error wrapping it", async () => {
    const controller = new AbortController()
    const reason = new Error('caller gave up')
    // Aborted once the request has arrived: the token is in hand, the send is in flight.
    server.queue('/slow-send', (res) => {
      controller.abort(reason)
      setTimeout(() => json('{}')(res), 500)
    })
    expect(await wx.request('/slow-send', { signal: controller.signal, idempotent: false }).catch((e: unknown) => e)).toBe(reason)
  })

  it('sends nothing for a call whose signal is already aborted', async () => {
    const controller = new AbortController()
    const reason = new Error('aborted before the call')
    controller.abort(reason)
    expect(await wx.request('/echo', { accessToken: false, signal: controller.signal }).catch((e: unknown) => e)).toBe(reason)
    expect(calls('/echo')).toBe(0)
  })

  it('waits for a call with the largest timeout (2147483647 ms) instead of timing it out at once', async () => {
    server.queue('/longest', (res) => setTimeout(() => json('{"errcode":0,"n":4}')(res), 50))
    expect(await wx.request<{ n: number }>('/longest', { timeout: 2_147_483_647, idempotent: false })).toMatchObject({ n: 4 })
  })

  it('never times out a call with timeout: false', async () => {
    server.queue('/no-timeout', (res) => setTimeout(() => json('{"errcode":0,"n":3}')(res), 100))
    expect(await wx.request<{ n: number }>('/no-timeout', { timeout: false, idempotent: false })).toMatchObject({ n: 3 })
  })

  it('reports a refused connection of a call with timeout: false as a network error', async () => {
    const closed = await startFixtureServer()
    await closed.close()
    const error = await wx.request('/x', { baseUrl: closed.url, accessToken: false, timeout: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'network' })
  })

  it('refuses a path that does not start with a slash, before any request', async () => {
    await expect(wx.request('cgi-bin/user/get')).rejects.toThrow(TypeError)
    expect(server.received).toHaveLength(0)
  })

  it('refuses every path that could leave the base URL, before any request and without echoing a token', async () => {
    const prefixed = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: `${server.url}/wechat/` })
    const bad = [
      '/../cgi-bin/user/get',
      '/cgi-bin/../../admin',
      '/cgi-bin/./user/get',
      '/cgi-bin/%2e%2e/x',
      '/cgi-bin/.%2E/x',
      '/%2E/x',
      '/cgi-bin%2f..%2fx',
      '/cgi-bin%5c..',
      '//evil.example/cgi-bin/user/get',
      'https://evil.example/cgi-bin/user/get',
      '/cgi-bin\\..\\x',
      '/cgi-bin/user/get#frag',
      '/cgi-bin/user get',
      '/cgi-bin/user/get\r\nHost: evil',
    ]
    for (const path of bad) await expect(prefixed.request(path), path).rejects.toThrow(TypeError)
    await expect(prefixed.request('/../x?access_token=leaked-token-value')).rejects.toThrow(
      /request path must not contain "\." or "\.\." segments, got "\/\.\.\/x\?access_token=\[REDACTED\]"/,
    )
    expect(server.received).toHaveLength(0)
  })

  it('keeps dots that are not whole segments and a query in the path', async () => {
    const echo = await wx.request<{ url: string }>('/echo?lang=zh_CN', { query: { v: '1.2' } })
    expect(echo.url).toMatch(/^\/echo\?lang=zh_CN&v=1\.2&access_token=fixture-token-/)
  })

  it("keeps the caller's own access_token when the client adds none (OAuth sns calls)", async () => {
    const echo = await wx.request<{ url: string }>('/echo', {
      accessToken: false,
      query: { access_token: 'oauth-user-token', openid: 'o1' },
    })
    expect(new URL(echo.url, 'http://x').searchParams.get('access_token')).toBe('oauth-user-token')
  })

  it('sends a bigint query value as its decimal digits and leaves an undefined one out', async () => {
    const echo = await wx.request<{ url: string }>('/echo', { query: { next_openid: undefined, msg_id: 2n ** 63n } })
    expect(echo.url).toMatch(/^\/echo\?msg_id=9223372036854775808&access_token=/)
  })

  it('puts the platform token in place of an access_token the caller put in the query', async () => {
    const echo = await wx.request<{ url: string }>('/echo', { query: { access_token: 'stale' } })
    expect(new URL(echo.url, 'http://x').searchParams.getAll('access_token')).toEqual([expect.stringMatching(/^fixture-token-/)])
  })

  it('sends a stream body as it is read', async () => {
    const bytes = new TextEncoder().encode('{"streamed":true}')
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 5))
        c.enqueue(bytes.subarray(5))
        c.close()
      },
    })
    const echo = await wx.request<{ body: string }>('/echo', { body, headers: { 'content-type': 'application/json' } })
    expect(echo.body).toBe('{"streamed":true}')
  })

  it('times out only the slow one of two calls started together', async () => {
    server.queue('/slow3', (res) => setTimeout(() => json('{}')(res), 2500))
    const slow = wx.request('/slow3', { timeout: 1000, idempotent: false }).catch((e: unknown) => e)
    const fast = wx.request<{ method: string }>('/echo', { timeout: 1000 })
    expect((await fast).method).toBe('GET')
    expect(await slow).toMatchObject({ name: 'WeChatTransportError', kind: 'timeout' })
  })

  it('gives a call started after a slow one its own full timeout', async () => {
    server.queue('/slow4', (res) => setTimeout(() => json('{}')(res), 1500))
    server.queue('/later', (res) => setTimeout(() => json('{"errcode":0,"n":2}')(res), 200))
    const slow = wx.request('/slow4', { timeout: 400, idempotent: false }).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Answered about 500 ms after the slow call started (past its 400 ms), 200 ms after its own start.
    const later = await wx.request<{ n: number }>('/later', { timeout: 400, idempotent: false })
    expect(later.n).toBe(2)
    expect(await slow).toMatchObject({ kind: 'timeout' })
  })

  it('times out an answer whose body stalls after the headers', async () => {
    server.queue('/stall', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"errcode":0,')
    })
    const error = await wx.request('/stall', { timeout: 100, idempotent: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'timeout' })
  })

  it("cancels a streamed download when the caller's signal aborts after the Response was handed back", async () => {
    server.queue('/slow-file', (res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.write(Buffer.alloc(1024, 1))
    })
    const controller = new AbortController()
    const res = await wx.request('/slow-file', { responseType: 'response', signal: controller.signal, timeout: 5000 })
    const reader = res.body!.getReader()
    expect((await reader.read()).value?.byteLength).toBe(1024)
    const next = reader.read()
    controller.abort(new Error('caller gave up'))
    await expect(next).rejects.toThrow()
  })

  it('returns a file that starts with { but is not JSON byte for byte', async () => {
    const file = Buffer.concat([Buffer.from('{ not json '), Buffer.alloc(3 * 1024 * 1024, 0xfe)])
    server.queue('/brace-file', (res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(file)
    })
    const res = await wx.request('/brace-file', { responseType: 'response' })
    expect(Buffer.from(await res.arrayBuffer()).equals(file)).toBe(true)
  })

  it('reports a cut-off JSON answer labelled JSON on a binary endpoint as a parse error', async () => {
    server.queue('/cut', json('{"errcode":0,"errmsg":"o'))
    const error = await wx.request('/cut', { responseType: 'response', idempotent: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'parse', status: 200 })
    expect((error as Error).message).toMatch(/^WeChat answered a body that is not JSON \(GET /)
  })

  it('reports a download cut off before its first byte as a network error that says the body could not be read', async () => {
    server.queue('/cut-file', (res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      res.flushHeaders()
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const error = await wx.request('/cut-file', { responseType: 'response', idempotent: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'network', status: 200 })
    expect((error as Error).message).toMatch(/^WeChat response body could not be read: /)
  })

  it('reports a JSON answer cut off after its headers as a network error that says the body could not be read', async () => {
    server.queue('/cut-json', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"errcode":0,')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const error = await wx.request('/cut-json', { idempotent: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'network', status: 200 })
    expect((error as Error).message).toMatch(/^WeChat response body could not be read: /)
  })

  it('gives an empty errmsg, not a made-up one, for an errcode answer without errmsg', async () => {
    server.queue('/no-errmsg', json('{"errcode":40003}'))
    const error = await wx.request('/no-errmsg').catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 40003, errmsg: '' })
  })
})

describe('retries', () => {
  it('retries a read after a connection reset and succeeds', async () => {
    server.queue('/flaky', (res) => res.socket?.destroy(), json('{"errcode":0,"errmsg":"ok","n":1}'))
    const data = await wx.request<{ n: number }>('/flaky')
    expect(data.n).toBe(1)
    expect(calls('/flaky')).toBe(2)
  })

  it('never retries a send after a connection reset', async () => {
    server.queue('/send', (res) => res.socket?.destroy(), json('{"errcode":0,"errmsg":"ok"}'))
    await expect(wx.request('/send', { json: { touser: 'o1' } })).rejects.toMatchObject({ kind: 'network' })
    expect(calls('/send')).toBe(1)
  })

  it('gives up after the retry limit', async () => {
    const fail = json('{"errcode":-1,"errmsg":"system error"}')
    server.queue('/busy', fail, fail, fail, fail)
    await expect(wx.request('/busy')).rejects.toMatchObject({ errcode: -1 })
    expect(calls('/busy')).toBe(3)
  })

  it('does not retry a read when retries are disabled', async () => {
    const client = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url, retry: false })
    server.queue('/busy2', json('{"errcode":-1,"errmsg":"system error"}'), json('{}'))
    await expect(client.request('/busy2')).rejects.toMatchObject({ errcode: -1 })
    expect(calls('/busy2')).toBe(1)
  })

  it('does not retry an errcode that is not transient', async () => {
    server.queue('/quota', json('{"errcode":45009,"errmsg":"reach max api daily quota limit"}'), json('{}'))
    await expect(wx.request('/quota')).rejects.toMatchObject({ errcode: 45009 })
    expect(calls('/quota')).toBe(1)
  })
})

describe('createClient', () => {
  it('refuses missing credentials with a clear error', () => {
    expect(() => createClient({ appId: '', appSecret: 'x' })).toThrow(/appId/)
    expect(() => createClient({ appId: 'wx0123456789abcdef' })).toThrow(/appSecret/)
  })

  it('fetches nothing until the first call', async () => {
    createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url })
    expect(server.received).toHaveLength(0)
  })

  it('uses the fetch it is given', async () => {
    const seen: string[] = []
    const client = createClient({
      appId: 'wxfixture',
      appSecret: 'fixture-secret-value',
      baseUrl: server.url,
      fetch: (input, init) => {
        seen.push(input instanceof Request ? input.url : String(input))
        return fetch(input, init)
      },
    })
    await client.request('/echo')
    expect(seen.some((u) => u.includes('/echo'))).toBe(true)
  })

  it("sends each attempt once through the client's fetch, as fetch(url, init) with what ky built", async () => {
    const seen: Array<{ input: unknown; init: RequestInit | undefined }> = []
    const client = createClient({
      appId: 'wxfixture',
      appSecret: 'fixture-secret-value',
      baseUrl: server.url,
      fetch: (input, init) => {
        if (String(input).includes('/echo')) seen.push({ input, init })
        return fetch(input, init)
      },
    })
    const echo = await client.request<{ method: string; body: string }>('/echo', { json: { a: 1 } })
    expect(echo).toMatchObject({ method: 'POST', body: '{"a":1}' })
    expect(seen).toHaveLength(1)
    // A plain URL string and init: what any fetch-shaped function (npm undici's included) takes.
    expect(typeof seen[0]?.input).toBe('string')
    expect(seen[0]?.init?.method).toBe('POST')
    expect(seen[0]?.init?.body).toBe('{"a":1}')
    // Headers as a plain record, which fetch wrappers spread and index.
    expect(Object.getPrototypeOf(seen[0]?.init?.headers)).toBe(Object.prototype)
    expect((seen[0]?.init?.headers as Record<string, string>)['content-type']).toContain('application/json')
    expect(calls('/echo')).toBe(1)
  })

  it('ties many concurrent calls to one caller signal without piling listeners on it', async () => {
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.name)
    process.on('warning', onWarning)
    try {
      const client = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url })
      const controller = new AbortController()
      await Promise.all(Array.from({ length: 30 }, () => client.request('/echo', { signal: controller.signal })))
      await new Promise((r) => setTimeout(r, 20))
      expect(warnings).not.toContain('MaxListenersExceededWarning')
    } finally {
      process.off('warning', onWarning)
    }
  })

  it('reads the answer of a fetch whose Response is not the global class (npm undici) and sends once', async () => {
    const client = createClient({
      appId: 'wxfixture',
      appSecret: 'fixture-secret-value',
      baseUrl: server.url,
      fetch: async (input, init) => {
        const real = await fetch(input, init)
        // What another realm's fetch returns: a Response-shaped object of a different class.
        return {
          status: real.status,
          statusText: real.statusText,
          headers: real.headers,
          body: real.body,
          ok: real.ok,
        } as unknown as Response
      },
    })
    const echo = await client.request<{ method: string }>('/echo', { json: { b: 2 } })
    expect(echo.method).toBe('POST')
    expect(calls('/echo')).toBe(1)
  })

  it("reports an HTTP error with no body from a fetch wrapper (a circuit breaker's own 503) as an HTTP error", async () => {
    const client = createClient({
      appId: 'wxfixture',
      appSecret: 'fixture-secret-value',
      baseUrl: server.url,
      retry: false,
      fetch: (input, init) =>
        String(input).includes('/breaker') ? Promise.resolve(new Response(null, { status: 503 })) : fetch(input, init),
    })
    const error = await client.request('/breaker').catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'http', status: 503 })
  })

  it('accepts a user token source instead of a secret', async () => {
    let asked = 0
    const client = createClient({ appId: 'wxfixture', baseUrl: server.url, getAccessToken: async () => `central-token-${++asked}-xyz` })
    const echo = await client.request<{ url: string }>('/echo')
    expect(echo.url).toContain('access_token=central-token-1-xyz')
    expect(calls('/cgi-bin/')).toBe(0)
  })
})
