// WeChat's URL verification (the console's signed GET with echostr) and a push the receiver did not
// handle failing the test. 消息与事件推送介绍, 第二步:
// https://developers.weixin.qq.com/doc/service/guide/dev/push/index.html
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../index'

const TOKEN = 'AAAAA'
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
/** The doc's check: sha1 of token, timestamp and nonce, sorted and joined. */
const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex')

let server: Server
let url: string
let emu: Emulator
let seen: URL[] = []
/** How the receiver answers: a well-written one by default. */
let handler: (method: string, q: URLSearchParams) => { status: number; body: string }
const wellWritten = (method: string, q: URLSearchParams) => {
  if (method === 'GET') {
    const ok = q.get('signature') === sha1(TOKEN, q.get('timestamp') ?? '', q.get('nonce') ?? '')
    return ok ? { status: 200, body: q.get('echostr') ?? '' } : { status: 403, body: 'bad signature' }
  }
  return { status: 200, body: 'success' }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x')
    seen.push(u)
    req.resume()
    req.on('end', () => {
      const { status, body } = handler(req.method ?? 'GET', u.searchParams)
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`
  emu = await startEmulator({ push: { url, token: TOKEN, timeoutMs: 500 } })
})
afterAll(async () => {
  await emu.close()
  server.closeAllConnections()
  server.close()
})
beforeEach(async () => {
  await emu.control.reset()
  seen = []
  handler = wellWritten
})

describe('verifyUrl', () => {
  it('sends the signed GET with echostr and reports a receiver that echoes it', async () => {
    const later = await emu.control.advanceClock(86_400_000)
    const result = await emu.control.verifyUrl({ echostr: 'hello-echo-123' })
    expect(result).toEqual({ ok: true, status: 200, echostr: 'hello-echo-123', body: 'hello-echo-123' })
    const q = seen[0]!.searchParams
    expect([...q.keys()].sort()).toEqual(['echostr', 'nonce', 'signature', 'timestamp'])
    expect(q.get('signature')).toBe(sha1(TOKEN, q.get('timestamp')!, q.get('nonce')!))
    // On the emulator clock (a day ahead), so a receiver that checks freshness sees WeChat's time.
    expect(Math.abs(Number(q.get('timestamp')) - later / 1000)).toBeLessThan(60)
  })

  it('fails a receiver mounted on POST only, as the real console would', async () => {
    handler = (method, q) => (method === 'POST' ? wellWritten(method, q) : { status: 405, body: 'Method Not Allowed' })
    expect(await emu.control.verifyUrl()).toMatchObject({
      ok: false,
      status: 405,
      error: 'the server answered HTTP 405: WeChat checks the URL with a GET, so mount the handler on GET as well as POST',
    })
  })

  it('fails a receiver that answers anything but echostr exactly', async () => {
    handler = (_, q) => ({ status: 200, body: `${q.get('echostr')}\n` })
    expect(await emu.control.verifyUrl()).toMatchObject({ ok: false, status: 200 })
  })

  it('sends the same plain GET in safe mode (no msg_signature, echostr not encrypted)', async () => {
    await emu.control.configurePush({ url, token: TOKEN, encodingAESKey: AES_KEY, mode: 'safe' })
    expect(await emu.control.verifyUrl({ echostr: 'plain' })).toMatchObject({ ok: true })
    expect(seen[0]!.searchParams.has('msg_signature')).toBe(false)
    expect(seen[0]!.searchParams.has('encrypt_type')).toBe(false)
  })

  it('throws when no push URL is configured', async () => {
    await emu.control.configurePush(null)
    await expect(emu.control.verifyUrl()).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/no push URL/) })
  })
})

describe('expectOk', () => {
  it('throws with the receiver status and body when it did not answer 200', async () => {
    handler = () => ({ status: 500, body: 'TypeError: handle is not a function' })
    const openid = await emu.control.followerAt(0)
    await expect(emu.control.userMessage(openid, { msgType: 'text', content: 'hi' }, { expectOk: true })).rejects.toMatchObject({
      name: 'EmulatorControlError',
      message: expect.stringMatching(/HTTP 500, body "TypeError: handle is not a function"/),
    })
  })

  it('throws for a receiver that is not there at all', async () => {
    await emu.control.configurePush({ url: 'http://127.0.0.1:9/wechat', token: TOKEN, timeoutMs: 200 })
    await expect(emu.control.userEvent(await emu.control.followerAt(0), { event: 'CLICK', key: 'K' }, { expectOk: true })).rejects.toThrow(
      /did not handle the CLICK push \(no answer/,
    )
  })

  it('resolves for a handled push, and without it callers still inspect a failure', async () => {
    const openid = await emu.control.followerAt(0)
    expect(await emu.control.userMessage(openid, { msgType: 'text', content: 'hi' }, { expectOk: true })).toMatchObject({
      status: 200,
      reply: null,
    })
    handler = () => ({ status: 404, body: 'Not Found' })
    expect(await emu.control.userMessage(openid, { msgType: 'text', content: 'hi' })).toMatchObject({ status: 404, response: 'Not Found' })
  })
})
