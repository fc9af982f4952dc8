// The platform token check WeChat runs before any handler under /cgi-bin/ and /customservice/.
import type { MiddlewareHandler } from 'hono'
import type { EmuEnv, EmulatorContext } from './context'
import { isTokenShaped, tokensOf } from './tokens'
import { wxError } from './wechat'

/** Paths that take no platform token: the token endpoints, the QR image and the quota reset by AppSecret. */
const OPEN_PATHS = new Set(['/cgi-bin/token', '/cgi-bin/stable_token', '/cgi-bin/showqrcode', '/cgi-bin/clear_quota/v2'])

export function tokenCheck(emu: EmulatorContext): MiddlewareHandler<EmuEnv> {
  return async (c, next) => {
    if (OPEN_PATHS.has(c.req.path)) return next()
    const token = c.req.query('access_token')
    if (token === undefined || token === '') return wxError(c, 41001)
    const now = emu.clock.now()
    for (const appState of emu.apps.values()) {
      const state = tokensOf(appState).check(token, now)
      if (state === undefined) continue
      if (state !== 'ok') return wxError(c, state)
      appState.count(`path:${c.req.path}`)
      c.set('appState', appState)
      c.set('app', appState) // the old name, for modules written before the rename
      return next()
    }
    // WeChat answers 40014 for a string that cannot be a token and 40001 for a well-formed one it
    // does not know (issued elsewhere, or forgotten a day after it died).
    return wxError(c, isTokenShaped(token) ? 40001 : 40014)
  }
}
