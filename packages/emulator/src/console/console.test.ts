// The web console's server side: loaded only when asked, its page safe to serve without the token,
// its snapshot behind the control API's rules, and what the snapshot shows (the follower's chat in
// order, a mass send to all in every chat, tokens masked). The browser side is tested end to end
// in examples/console (Chromium).
import { execFileSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../index'

let plain: Emulator
let emu: Emulator
let receiver: Server

/** A plaintext-mode receiver that answers every text message with a passive text reply. */
function reply(to: string, from: string, content: string): string {
  return `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`
}

beforeAll(async () => {
  plain = await startEmulator()
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      const field = (name: string) => new RegExp(`<${name}><!\\[CDATA\\[(.*?)\\]\\]></${name}>`).exec(body)?.[1] ?? ''
      if (field('MsgType') !== 'text') return res.end('success')
      if (field('Content') === 'break') return res.end('<xml><ToUserName>not closed')
      res.end(reply(field('FromUserName'), field('ToUserName'), `echo: ${field('Content')}`))
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wechat`
  emu = await startEmulator({ console: true, push: { url, token: 'consoleTest1', timeoutMs: 2000 } })
})
afterAll(async () => {
  await plain.close()
  await emu.close()
  receiver.closeAllConnections()
  receiver.close()
})

const get = (base: string, path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers })

describe('an emulator started without console: true', () => {
  it('serves no console page and no console route', async () => {
    // With the token, so the 404 is "no such route", not the control API's 401.
    const headers = { 'x-emulator-token': plain.controlToken }
    expect((await get(plain.url, '/__emulator/console', headers)).status).toBe(404)
    expect((await get(plain.url, '/__emulator/console/app.js', headers)).status).toBe(404)
    await expect(plain.control.consoleState()).rejects.toMatchObject({ status: 404 })
    expect(plain.consoleUrl).toBeUndefined()
  })
})

describe('the console page', () => {
  it('is served without the token, never cached, framed or sniffed, under a strict CSP', async () => {
    const res = await get(emu.url, '/__emulator/console')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    const csp = res.headers.get('content-security-policy') ?? ''
    for (const rule of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'"])
      expect(csp).toContain(rule)
    expect(csp).not.toContain('unsafe-inline')
    const html = await res.text()
    // No inline script (the CSP would block it anyway) and no secret in the page.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/)
    expect(html).not.toContain(emu.controlToken)
  })

  it('serves its script and stylesheet with their types', async () => {
    const js = await get(emu.url, '/__emulator/console/app.js')
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(js.headers.get('cache-control')).toBe('no-store')
    expect(await js.text()).toContain('x-emulator-token')
    const css = await get(emu.url, '/__emulator/console/app.css')
    expect(css.headers.get('content-type')).toMatch(/^text\/css/)
    expect(await css.text()).toContain('Noto Sans CJK SC')
  })

  it('is announced with the control token in the fragment', () => {
    expect(emu.consoleUrl).toBe(`${emu.url}/__emulator/console#token=${encodeURIComponent(emu.controlToken)}`)
  })

  it('ships a bundle built from the current sources', () => {
    const script = fileURLToPath(new URL('../../scripts/build-console.mjs', import.meta.url))
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow()
  })
})

describe("the console's snapshot is a control route", () => {
  it('refuses a request without the token', async () => {
    expect((await get(emu.url, '/__emulator/console/state')).status).toBe(401)
  })

  it('refuses a foreign Host (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${emu.url}/__emulator/console/state`, {
        headers: { host: 'attacker.example:80', 'x-emulator-token': emu.controlToken },
      })
      req.on('response', (res) => (res.resume(), resolve(res.statusCode)))
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(403)
  })

  it("refuses the console's actions sent as a cross-site form would (text/plain)", async () => {
    const openid = await emu.control.followerAt(0)
    const res = await fetch(`${emu.url}/__emulator/push/message`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-emulator-token': emu.controlToken },
      body: JSON.stringify({ openid, message: { msgType: 'text', content: 'hi' } }),
    })
    expect(res.status).toBe(415)
  })

  it('answers 304 to a poll when nothing changed, and a new tag after a change', async () => {
    const headers = { 'x-emulator-token': emu.controlToken }
    const first = await get(emu.url, '/__emulator/console/state', headers)
    const etag = first.headers.get('etag') ?? ''
    expect(etag).not.toBe('')
    expect((await get(emu.url, '/__emulator/console/state', { ...headers, 'if-none-match': etag })).status).toBe(304)
    await emu.control.addFollower({ nickname: 'new' })
    const after = await get(emu.url, '/__emulator/console/state', { ...headers, 'if-none-match': etag })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(etag)
  })
})

describe('what the console shows', () => {
  it("lists a follower's message, then the passive reply it caused, in order", async () => {
    const openid = await emu.control.addFollower({ nickname: '阿达 Ada' })
    await emu.control.userMessage(openid, { msgType: 'text', content: '<b>hi</b>' }, { expectOk: true })
    const state = await emu.control.consoleState(openid)
    expect(state.follower?.nickname).toBe('阿达 Ada')
    expect(state.follower?.chat).toMatchObject([
      { side: 'follower', msgType: 'text', fields: { Content: '<b>hi</b>' }, status: 200 },
      { side: 'account', channel: 'reply', msgtype: 'text', payload: { content: 'echo: <b>hi</b>' } },
    ])
    // The message opened the 48-hour window: 5 sends.
    expect(state.follower?.window).toMatchObject({ open: true, remaining: 5 })
    expect(state.followers.map((f) => f.openid)).toContain(openid)
    const push = state.pushes.at(-1)
    expect(push).toMatchObject({ type: 'text', from: openid, status: 200, attempts: 1 })
    expect(push?.request?.url).toMatch(/[?&]signature=[0-9a-f]{40}&timestamp=\d+&nonce=/)
    expect(push?.request?.body).toContain('<Content><![CDATA[<b>hi</b>]]></Content>')
  })

  it("shows a receiver's bad answer as WeChat reports it, and what the follower saw", async () => {
    const openid = await emu.control.addFollower({ nickname: 'Bo' })
    await emu.control.userMessage(openid, { msgType: 'text', content: 'break' })
    const state = await emu.control.consoleState(openid)
    expect(state.pushes.at(-1)).toMatchObject({
      status: 200,
      response: '<xml><ToUserName>not closed',
      error: expect.stringMatching(/invalid reply/),
    })
    expect(state.follower?.chat.at(-1)).toMatchObject({
      side: 'account',
      msgtype: 'system',
      payload: { content: '该公众号暂时无法提供服务，请稍后再试' },
    })
  })

  it("puts a mass send to all in every follower's chat", async () => {
    const token = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
    const { access_token } = (await token.json()) as { access_token: string }
    const sent = await fetch(`${emu.url}/cgi-bin/message/mass/sendall?access_token=${access_token}`, {
      method: 'POST',
      body: JSON.stringify({ filter: { is_to_all: true }, msgtype: 'text', text: { content: '春季促销 spring sale' } }),
    })
    expect(await sent.json()).toMatchObject({ errcode: 0 })
    for (const index of [0, 1, 50]) {
      const state = await emu.control.consoleState(await emu.control.followerAt(index))
      expect(state.follower?.chat.at(-1)).toMatchObject({ side: 'account', channel: 'mass', payload: { content: '春季促销 spring sale' } })
    }
  })

  it('shows access tokens by their expiry and last 4 characters, never whole', async () => {
    const res = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
    const { access_token } = (await res.json()) as { access_token: string }
    const raw = await (await get(emu.url, '/__emulator/console/state', { 'x-emulator-token': emu.controlToken })).text()
    expect(raw).not.toContain(access_token)
    expect(raw).not.toContain(emu.appSecret)
    const state = JSON.parse(raw) as Awaited<ReturnType<typeof emu.control.consoleState>>
    expect(state.tokens.tokens[0]).toMatchObject({ kind: 'classic', tail: access_token.slice(-4), live: true, current: true })
    expect(state.tokens.usedToday.classic).toBeGreaterThanOrEqual(1)
  })
})

describe('hostile requests', () => {
  it('answers 404, never 500, for an asset named like an Object.prototype member', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const res = await get(emu.url, `/__emulator/console/${name}`, { 'x-emulator-token': emu.controlToken })
      expect(res.status, name).toBe(404)
    }
  })

  it('keeps the snapshot bounded however long the chat and the lists grow', async () => {
    // In process, to reach the outbox directly: 10,000 messages without 10,000 round trips.
    const { buildApp } = await import('../app')
    const { EmulatorRuntime } = await import('../runtime')
    const rt = new EmulatorRuntime({ console: true })
    const hono = buildApp(rt)
    const base = 'http://127.0.0.1'
    const [config] = rt.configs
    const appId = config?.appId as string
    const token = await hono.request(`${base}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${config?.appSecret}`)
    const { access_token } = (await token.json()) as { access_token: string }
    const openid = [...rt.apps.values()][0]?.followers.at(0) as string
    for (let i = 0; i < 10_000; i++)
      rt.outbox.deliver({ appId, channel: 'custom', touser: openid, msgtype: 'text', payload: { content: `m${i}` }, at: i })
    for (let i = 0; i < 120; i++)
      await hono.request(`${base}/cgi-bin/qrcode/create?access_token=${access_token}`, {
        method: 'POST',
        body: JSON.stringify({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: `s${i}` } } }),
      })
    const res = await hono.request(`${base}/__emulator/console/state?openid=${openid}`, {
      headers: { 'x-emulator-token': rt.access.token },
    })
    const raw = await res.text()
    expect(res.status).toBe(200)
    expect(raw.length).toBeLessThan(200_000)
    const state = JSON.parse(raw) as Awaited<ReturnType<typeof emu.control.consoleState>>
    // The newest messages, and how many older ones were left out.
    expect(state.follower?.chat.at(-1)).toMatchObject({ payload: { content: 'm9999' } })
    expect(state.follower?.chatHidden).toBe(10_000 - (state.follower?.chat.length ?? 0))
    expect(state.qrTickets.length).toBeLessThanOrEqual(50)
    expect(state.qrTickets.at(-1)).toMatchObject({ scene: 's119' })
  })
})

describe("the request log and the console's own requests", () => {
  it('skips only requests the console makes in-process, not any request that names its header', async () => {
    const { vi } = await import('vitest')
    const { buildApp } = await import('../app')
    const { EmulatorRuntime } = await import('../runtime')
    const rt = new EmulatorRuntime({ console: true, log: true })
    const hono = buildApp(rt)
    const lines: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')))
    try {
      const [config] = rt.configs
      // A caller hiding from the log by sending the console's marker header: logged all the same.
      await hono.request(`http://127.0.0.1/cgi-bin/token?grant_type=client_credential&appid=${config?.appId}&secret=${config?.appSecret}`, {
        headers: { 'x-wxmp-console-internal': '1' },
      })
      await hono.request('http://127.0.0.1/__emulator/push/log', {
        headers: { 'x-wxmp-console-internal': '1', 'x-emulator-token': rt.access.token },
      })
      expect(lines.filter((l) => l.includes('/cgi-bin/token'))).toHaveLength(1)
      expect(lines.filter((l) => l.includes('/__emulator/push/log'))).toHaveLength(1)
      // The console's poll, and the control routes it asks in-process, stay out of the log.
      lines.length = 0
      expect(
        (await hono.request('http://127.0.0.1/__emulator/console/state', { headers: { 'x-emulator-token': rt.access.token } })).status,
      ).toBe(200)
      expect(lines).toEqual([])
      // A refused one (a guessed token, a foreign Host) is worth a line: the poll never is refused.
      await hono.request('http://127.0.0.1/__emulator/console/state', { headers: { 'x-emulator-token': 'guess' } })
      expect(lines).toEqual([expect.stringMatching(/GET \/__emulator\/console\/state 401/)])
    } finally {
      spy.mockRestore()
    }
  })
})

describe('an emulator listening on every address', () => {
  it('announces a console and control address its own Host check accepts, for :: as for 0.0.0.0', async () => {
    for (const hostname of ['0.0.0.0', '::']) {
      const any = await startEmulator({ console: true, hostname })
      try {
        expect(any.consoleUrl).not.toContain('[::]')
        const res = await fetch(`${any.url}/__emulator/console/state`, { headers: { 'x-emulator-token': any.controlToken } })
        expect(res.status, hostname).toBe(200)
        expect(await any.control.now()).toBeGreaterThan(0)
      } finally {
        await any.close()
      }
    }
  })
})
