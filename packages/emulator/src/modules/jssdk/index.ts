// Emulator module: JS-SDK tickets (`GET /cgi-bin/ticket/getticket?type=jsapi|wx_card`, behind the
// token check like every /cgi-bin/ path) and, on a control route, the check WeChat's client runs on
// `wx.config`: the page's domain against the app's JS safe domains, then the signature.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (附录1, 附录5)
import { createHash, randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { defineModule, type AppState, type EmuEnv } from '../../context'
import type { JsApiConfigCheck } from '../../control-client'
import { wxError, wxJson } from '../../wechat'
import { appOf, readBody } from '../../control/kit'

export const TICKET_LIFETIME_MS = 7_200_000
const TICKET_TYPES = new Set(['jsapi', 'wx_card'])

interface Ticket {
  readonly ticket: string
  readonly expiresAt: number
}

/** The tickets of one app: the current one per type, and every one issued (a check accepts any live one). */
class Tickets {
  readonly current = new Map<string, Ticket>()
  readonly issued = new Map<string, Ticket & { readonly type: string }>()

  get(type: string, now: number): Ticket {
    const live = this.current.get(type)
    if (live && live.expiresAt > now) return live
    // 86 characters of base64url, the shape of WeChat's documented example ticket.
    const ticket = { ticket: randomBytes(66).toString('base64url').slice(0, 86), expiresAt: now + TICKET_LIFETIME_MS }
    this.current.set(type, ticket)
    this.issued.set(ticket.ticket, { ...ticket, type })
    return ticket
  }

  /** Live jsapi tickets (the one just replaced may still sign a page loaded a moment ago). */
  liveJsApi(now: number): string[] {
    return [...this.issued.values()].filter((t) => t.type === 'jsapi' && t.expiresAt > now).map((t) => t.ticket)
  }

  /** Control: every ticket dies now (as after WeChat expired them). */
  expireAll(now: number): number {
    let n = 0
    for (const [key, t] of this.issued) {
      if (t.expiresAt > now) n++
      this.issued.set(key, { ...t, expiresAt: now })
    }
    this.current.clear()
    return n
  }
}

export function ticketsOf(appState: AppState): Tickets {
  return appState.ext('jssdk:tickets', () => new Tickets())
}

/**
 * Does `url` sit under one of the app's JS safe domains? An entry is a host, optionally with a
 * path (`example.com` or `example.com/mp`, as the MP console takes them); WeChat serves ports 80
 * and 443 only, so an entry without a port matches only the scheme's default port, and a test
 * server on another port lists it explicitly (`127.0.0.1:5173`).
 */
export function domainAllowed(domains: readonly string[] | undefined, url: URL): boolean {
  if (domains === undefined) return true
  return domains.some((entry) => {
    const slash = entry.indexOf('/')
    const host = slash === -1 ? entry : entry.slice(0, slash)
    const path = slash === -1 ? '' : entry.slice(slash)
    const hostMatches = host.includes(':') ? url.host === host : url.hostname === host && url.port === ''
    return hostMatches && url.pathname.startsWith(path)
  })
}

export function jsApiSignature(ticket: string, nonceStr: string, timestamp: string, url: string): string {
  return createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`).digest('hex')
}

export const jssdkModule = defineModule({
  name: 'jssdk',
  routes(hono, emu) {
    hono.get('/cgi-bin/ticket/getticket', (c: Context<EmuEnv>) => {
      const state = c.get('appState')
      const type = c.req.query('type') ?? ''
      // WeChat's answer to an unknown type: 40097 invalid args.
      if (!TICKET_TYPES.has(type)) return wxError(c, 40097, `invalid args type ${JSON.stringify(type)}`)
      state.count('ticket_requests')
      state.count(`getticket:${type}`)
      const now = emu.clock.now()
      const ticket = ticketsOf(state).get(type, now)
      // The remaining life, never rounded up: a cache must not think it lives longer than it does.
      return wxJson(c, { errcode: 0, errmsg: 'ok', ticket: ticket.ticket, expires_in: Math.floor((ticket.expiresAt - now) / 1000) })
    })
  },

  control(control, emu) {
    // What WeChat's client answers to wx.config: `config:ok`, `config:invalid url domain` or
    // `config:invalid signature` (附录5-常见错误及解决方法).
    control.post('/jssdk/check', async (c) => {
      const body = (await readBody(c)) as Partial<JsApiConfigCheck> & { appId?: string }
      const target = appOf(emu, body.appId)
      let url: URL
      try {
        url = new URL(String(body.url))
      } catch {
        return c.json({ ok: false, errMsg: 'config:invalid url domain', reason: 'url is not absolute' })
      }
      if (!domainAllowed(target.config.jsApiDomains, url)) {
        return c.json({ ok: false, errMsg: 'config:invalid url domain', reason: `${url.host} is not a JS safe domain of ${target.appId}` })
      }
      const signed = String(body.url).split('#')[0] as string
      const now = emu.clock.now()
      const expected = ticketsOf(target)
        .liveJsApi(now)
        .map((ticket) => jsApiSignature(ticket, String(body.nonceStr), String(body.timestamp), signed))
      if (typeof body.signature !== 'string' || !expected.includes(body.signature)) {
        return c.json({
          ok: false,
          errMsg: 'config:invalid signature',
          reason: expected.length === 0 ? 'no live jsapi ticket' : 'signature mismatch',
        })
      }
      return c.json({ ok: true, errMsg: 'config:ok' })
    })

    control.post('/jssdk/expire', async (c) => {
      const target = appOf(emu, (await readBody(c)).appId)
      return c.json({ expired: ticketsOf(target).expireAll(emu.clock.now()) })
    })
  },
})
