// Who may drive the control API. A web page the developer visits can send simple requests to
// 127.0.0.1 (a text/plain POST needs no CORS preflight) or reach it by DNS rebinding, so every
// control request must: name a loopback or configured Host, carry the control token, and label a
// body-carrying method application/json. README "Security" has the story.
import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { EmuEnv } from '../context'
import { ControlError } from './kit'

export interface ControlAccess {
  /** Required on every control request (`x-emulator-token` or `Authorization: Bearer`). */
  readonly token: string
  /** Host names accepted beside localhost, 127.x.x.x and [::1] (lower case, no port). */
  readonly hosts: ReadonlySet<string>
}

export const TOKEN_HEADER = 'x-emulator-token'

/** The host name of a Host header value, lower case, without the port (IPv6 keeps its brackets). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  return h.replace(/:\d*$/, '')
}

function loopback(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function controlAccess(access: ControlAccess): MiddlewareHandler<EmuEnv> {
  return async (c, next) => {
    const name = hostName(c.req.header('host') ?? new URL(c.req.url).host)
    if (!loopback(name) && !access.hosts.has(name)) {
      throw new ControlError(
        `Host ${name} is not allowed for the control API (loopback only; add it with allowedHosts / --allow-host)`,
        403,
      )
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    const given = c.req.header(TOKEN_HEADER) ?? bearer
    if (given === undefined || !sameToken(given, access.token)) {
      throw new ControlError(
        `the control API needs the emulator's token (header ${TOKEN_HEADER}); startEmulator() hands it to emu.control, the CLI prints it`,
        401,
      )
    }
    const { method } = c.req
    if (method !== 'GET' && method !== 'HEAD') {
      const type = c.req.header('content-type') ?? ''
      if (!/^application\/json\s*(;|$)/i.test(type))
        throw new ControlError(`${method} control requests must be Content-Type: application/json, got ${type || 'none'}`, 415)
    }
    await next()
  }
}
