// No secret (app secret, access token) in any thrown error's message, stack, JSON or inspection,
// nor in any hook payload: scanned for the literal values after provoking every kind of failure.
import { inspect } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient, type ErrorEvent, type RequestEvent, type ResponseEvent } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())

it('keeps the app secret and every access token out of errors and hook payloads', async () => {
  const payloads: Array<RequestEvent | ResponseEvent | ErrorEvent> = []
  const hooks = {
    beforeRequest: (e: RequestEvent) => payloads.push(e),
    afterResponse: (e: ResponseEvent) => payloads.push(e),
    onError: (e: ErrorEvent) => payloads.push(e),
  }
  const errors: unknown[] = []
  const capture = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => errors.push(e),
    )
  const tokens: string[] = []

  for (const tokenMode of ['classic', 'stable'] as const) {
    const wx = createClient({
      appId: emu.appId,
      appSecret: emu.appSecret,
      baseUrl: emu.url,
      tokenMode,
      hooks,
      retry: { limit: 1, backoffMs: 1 },
    })
    tokens.push(await wx.getAccessToken())
    await capture(wx.request('/cgi-bin/no/such/api'))
    await emu.control.fault({ path: '/cgi-bin/get_api_domain_ip', kind: 'http', status: 500, times: 2 })
    await capture(wx.request('/cgi-bin/get_api_domain_ip'))
    await emu.control.fault({ path: '/cgi-bin/get_api_domain_ip', kind: 'reset', times: 2 })
    await capture(wx.request('/cgi-bin/get_api_domain_ip'))
    await emu.control.fault({ path: '/cgi-bin/get_api_domain_ip', kind: 'malformed', times: 2 })
    await capture(wx.request('/cgi-bin/get_api_domain_ip'))
    await emu.control.fault({ path: '/cgi-bin/openapi/quota/get', kind: 'latency', ms: 300 })
    await capture(wx.request('/cgi-bin/openapi/quota/get', { json: { cgi_path: '/x' }, timeout: 50 }))
    await emu.control.fault({ path: '/cgi-bin/openapi/quota/get', kind: 'errcode', errcode: 40001, times: 2 })
    await capture(wx.request('/cgi-bin/openapi/quota/get', { json: { cgi_path: '/x' } }))
    tokens.push(await wx.getAccessToken())
    // An error on the token endpoint itself (the classic one carries the secret in its URL).
    await emu.control.fault({
      path: tokenMode === 'classic' ? '/cgi-bin/token' : '/cgi-bin/stable_token',
      kind: 'http',
      status: 502,
      times: 3,
    })
    await capture(wx.getAccessToken({ forceRefresh: true }))
  }
  const wrong = createClient({ appId: emu.appId, appSecret: 'a-wrong-secret-for-this-app', baseUrl: emu.url, tokenMode: 'classic', hooks })
  await capture(wrong.request('/cgi-bin/get_api_domain_ip'))

  expect(errors.length).toBeGreaterThanOrEqual(13)
  expect(payloads.length).toBeGreaterThan(20)
  const secrets = [emu.appSecret, 'a-wrong-secret-for-this-app', ...tokens]
  const texts = [
    ...errors.flatMap((e) => {
      const err = e as Error & { cause?: unknown }
      return [err.message, String(err.stack), JSON.stringify(err), inspect(err, { depth: 6 }), inspect(err.cause, { depth: 6 })]
    }),
    ...payloads.map((p) => inspect(p, { depth: 6 })),
  ]
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret)
  // The URLs are still useful: the parameter names stay, their values are replaced.
  expect(payloads.some((p) => p.url.includes('access_token=[REDACTED]'))).toBe(true)
  expect(payloads.some((p) => p.url.includes('secret=[REDACTED]'))).toBe(true)
})

it("keeps tokens out of a thrown fetch error's message, properties and cause chain", async () => {
  // A closed port: a real connection failure. The fetch in between reports it the way undici does
  // for a bad URL: a clean top message, the URL (token included) in the cause's message and `input`.
  const closed = await startEmulator({ port: 0 })
  const deadUrl = closed.url
  await closed.close()
  const token = 'tok-abcdefghijklmnop-secret-value'
  const wx = createClient({
    appId: 'wx0123456789abcdef',
    baseUrl: deadUrl,
    getAccessToken: async () => token,
    retry: false,
    fetch: async (input, init) => {
      try {
        return await fetch(input, init)
      } catch (error) {
        const url = input instanceof Request ? input.url : String(input)
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error(`request to ${url} failed: ${(error as Error).message}`), { input: url }),
        })
      }
    },
  })
  const error = (await wx.request('/cgi-bin/get_api_domain_ip').catch((e: unknown) => e)) as Error & { cause?: Error }
  expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'network' })
  const seen = [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 8 }), inspect(error.cause, { depth: 8 })]
  for (const text of seen) expect(text).not.toContain(token)
  // What went wrong is still there, with the value replaced.
  expect((error.cause?.cause as Error | undefined)?.message).toContain('access_token=[REDACTED]')
})

it("keeps tokens out of a fetch error's name and code too", async () => {
  const token = 'tok-qrstuvwxyzabcdef-secret-value'
  const wx = createClient({
    appId: 'wx0123456789abcdef',
    baseUrl: 'http://127.0.0.1:9',
    getAccessToken: async () => token,
    retry: false,
    // A fetch that puts the URL where few look: the error's name and code.
    fetch: async (input) => {
      throw Object.assign(new Error('failed'), { name: `FetchError ${String(input)}`, code: `E_FETCH ${String(input)}` })
    },
  })
  const error = (await wx.request('/cgi-bin/get_api_domain_ip').catch((e: unknown) => e)) as Error & { cause?: Error & { code?: string } }
  for (const text of [inspect(error, { depth: 8 }), String(error.cause?.name), String(error.cause?.code)]) expect(text).not.toContain(token)
  expect(error.cause?.code).toContain('access_token=[REDACTED]')
})

// Security review finding 5: OAuth secrets were redacted only as `key=value` in URLs; an errmsg that
// quotes one bare showed it. WeChat's sns endpoints take them in the query
// (https://developers.weixin.qq.com/doc/service/guide/h5/auth.html: /sns/oauth2/access_token?code=,
// /sns/oauth2/refresh_token?refresh_token=, /sns/userinfo?access_token=), and a call may send any
// secret-named value in its JSON body.
it('keeps an OAuth code, refresh token and user token out of errors WeChat quotes them in', async () => {
  const { startFixtureServer, json } = await import('./fixture-server')
  const server = await startFixtureServer()
  const code = 'oauth-code-0123456789abcdef'
  const refresh = 'refresh-token-0123456789abcdef'
  const userToken = 'user-access-token-0123456789abcdef'
  const bodyCode = 'body-code-0123456789abcdef'
  const quoting = (value: string, errcode: number) =>
    json(JSON.stringify({ errcode, errmsg: `invalid ${value}, hints: [ ${value} ] rid: 6571a2b3-1c2d3e4f-5a6b7c8d`, echo: value }))
  server.queue('/sns/oauth2/access_token', quoting(code, 40163))
  server.queue('/sns/oauth2/refresh_token', quoting(refresh, 40030))
  server.queue('/sns/userinfo', quoting(userToken, 40001))
  server.queue('/x/body', quoting(bodyCode, 40029))
  const events: ErrorEvent[] = []
  const wx = createClient({
    appId: 'wx0123456789abcdef',
    appSecret: 'fixture-secret-value',
    baseUrl: server.url,
    retry: false,
    hooks: { onError: (e) => events.push(e) },
  })
  const errors = await Promise.all(
    [
      wx.request('/sns/oauth2/access_token', {
        accessToken: false,
        appCredentials: true,
        query: { code, grant_type: 'authorization_code' },
      }),
      wx.request('/sns/oauth2/refresh_token', {
        accessToken: false,
        appCredentials: true,
        query: { grant_type: 'refresh_token', refresh_token: refresh },
      }),
      wx.request('/sns/userinfo', { accessToken: false, query: { access_token: userToken, openid: 'OPENID' } }),
      wx.request('/x/body', { json: { code: bodyCode } }),
    ].map((p) =>
      p.then(
        () => undefined,
        (e: unknown) => e as Error & { errcode?: number },
      ),
    ),
  )
  await server.close()
  expect(errors.map((e) => e?.errcode)).toEqual([40163, 40030, 40001, 40029])
  const texts = [
    ...errors.flatMap((e) => [e?.message, String(e?.stack), JSON.stringify(e), inspect(e, { depth: 6 })]),
    inspect(events, { depth: 6 }),
  ]
  for (const text of texts) for (const secret of [code, refresh, userToken, bodyCode]) expect(text).not.toContain(secret)
  expect(errors[0]?.message).toContain('invalid [REDACTED], hints: [ [REDACTED] ]')
})
