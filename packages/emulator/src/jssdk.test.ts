// The JS-SDK module: getticket (a ticket per type that lives 7200 s on the emulator clock, behind
// the token check) and the wx.config check of WeChat's client on a control route.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (附录1 签名算法, 附录5 常见错误)
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useEmulator } from '../../../test-support/emulator'

const app = {
  appId: 'wx3333333333333333',
  appSecret: '33333333333333333333333333333333',
  jsApiDomains: ['example.com', 'shop.example.com/mp', '127.0.0.1:8080'],
}
const { emu } = useEmulator({ apps: [app], reset: true })

async function accessToken(): Promise<string> {
  const res = await fetch(`${emu.url}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: app.appId, secret: app.appSecret }),
  })
  return ((await res.json()) as { access_token: string }).access_token
}

async function getticket(type: string, token?: string): Promise<Record<string, unknown>> {
  const t = token ?? (await accessToken())
  return (await (await fetch(`${emu.url}/cgi-bin/ticket/getticket?access_token=${t}&type=${type}`)).json()) as Record<string, unknown>
}

const sign = (ticket: string, nonceStr: string, timestamp: number, url: string) =>
  createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`).digest('hex')

describe('getticket', () => {
  it('answers a jsapi ticket valid for 7200 seconds, the same one while it lives', async () => {
    const first = await getticket('jsapi')
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 })
    expect(first.ticket).toMatch(/^[A-Za-z0-9_-]{86}$/)
    await emu.control.advanceClock(100_000)
    const again = await getticket('jsapi')
    expect(again.ticket).toBe(first.ticket)
    // The emulator clock moves with real time too: the remaining life, rounded down.
    expect([7099, 7100]).toContain(again.expires_in)
  })

  it('issues a new ticket once the old one expired on the emulator clock', async () => {
    const first = await getticket('jsapi')
    await emu.control.advanceClock(7_200_000)
    expect((await getticket('jsapi')).ticket).not.toBe(first.ticket)
  })

  it('keeps the wx_card ticket apart from the jsapi ticket', async () => {
    expect((await getticket('wx_card')).ticket).not.toBe((await getticket('jsapi')).ticket)
  })

  it('answers 40097 for an unknown type and 40001 for a token it never issued', async () => {
    expect(await getticket('jsapii')).toMatchObject({ errcode: 40097 })
    expect(await getticket('jsapi', `x${'A'.repeat(40)}`)).toMatchObject({ errcode: 40001 })
  })

  it('counts ticket requests per type', async () => {
    await getticket('jsapi')
    await getticket('wx_card')
    expect(await emu.control.counters()).toMatchObject({ ticket_requests: 2, 'getticket:jsapi': 1, 'getticket:wx_card': 1 })
  })
})

describe('checkJsApiConfig', () => {
  it('accepts a config signed with the live ticket over the URL without its fragment', async () => {
    const ticket = (await getticket('jsapi')).ticket as string
    const url = 'https://example.com/page?a=1&b=%E4%B8%AD'
    const result = await emu.control.checkJsApiConfig({
      url: `${url}#/route?x=1`,
      timestamp: 1414587457,
      nonceStr: 'abc',
      signature: sign(ticket, 'abc', 1414587457, url),
    })
    expect(result).toMatchObject({ ok: true, errMsg: 'config:ok' })
  })

  it('answers invalid signature for a config signed over the URL with its fragment', async () => {
    const ticket = (await getticket('jsapi')).ticket as string
    const href = 'https://example.com/page#/route'
    const result = await emu.control.checkJsApiConfig({ url: href, timestamp: 1, nonceStr: 'n', signature: sign(ticket, 'n', 1, href) })
    expect(result).toMatchObject({ ok: false, errMsg: 'config:invalid signature' })
  })

  it('answers invalid signature once the ticket that signed it has expired', async () => {
    const ticket = (await getticket('jsapi')).ticket as string
    await emu.control.advanceClock(7_200_000)
    const url = 'https://example.com/'
    expect(await emu.control.checkJsApiConfig({ url, timestamp: 1, nonceStr: 'n', signature: sign(ticket, 'n', 1, url) })).toMatchObject({
      errMsg: 'config:invalid signature',
    })
  })

  it('answers invalid url domain for a page outside the JS safe domains, a path or a port', async () => {
    const ticket = (await getticket('jsapi')).ticket as string
    for (const url of [
      'https://evil.example.net/',
      'https://shop.example.com/other',
      'https://example.com:8443/',
      'http://127.0.0.1:9090/',
    ]) {
      const result = await emu.control.checkJsApiConfig({ url, timestamp: 1, nonceStr: 'n', signature: sign(ticket, 'n', 1, url) })
      expect(result, url).toMatchObject({ ok: false, errMsg: 'config:invalid url domain' })
    }
    for (const url of ['https://shop.example.com/mp/item', 'http://127.0.0.1:8080/x']) {
      expect(
        await emu.control.checkJsApiConfig({ url, timestamp: 1, nonceStr: 'n', signature: sign(ticket, 'n', 1, url) }),
        url,
      ).toMatchObject({ ok: true })
    }
  })
})
