// Emulator module: platform access tokens, classic (`GET /cgi-bin/token`) and stable
// (`POST /cgi-bin/stable_token`). The token check on other paths lives in ../auth.ts.
import type { Context } from 'hono'
import { defineModule, type AppState, type EmuEnv, type EmulatorContext } from '../../context'
import { readJson, wxError, wxJson } from '../../wechat'
import { tokensOf } from '../../tokens'
import { appOf, readBody } from '../../control/kit'

interface Credentials {
  grant_type?: unknown
  appid?: unknown
  secret?: unknown
}

/** The app the credentials name, or WeChat's errcode for what is wrong with them. */
function authenticate(emu: EmulatorContext, body: Credentials): AppState | number {
  const { grant_type, appid, secret } = body
  if (grant_type !== 'client_credential') return 40002
  if (typeof appid !== 'string' || appid === '') return 41002
  if (typeof secret !== 'string' || secret === '') return 41004
  const appState = emu.apps.get(appid)
  if (!appState) return 40013
  if (appState.appSecret !== secret) return 40125
  return appState
}

function countRequest(appState: AppState, c: Context, name: string): void {
  appState.count(name)
  appState.count('token_requests')
  appState.count(`path:${c.req.path}`)
}

export const tokenModule = defineModule({
  name: 'token',
  routes(hono, emu) {
    hono.get('/cgi-bin/token', (c: Context<EmuEnv>) => {
      const found = authenticate(emu, c.req.query())
      if (typeof found === 'number') return wxError(c, found)
      countRequest(found, c, 'token')
      const issued = tokensOf(found).issueClassic(emu.clock.now())
      if (typeof issued === 'number') return wxError(c, issued)
      return wxJson(c, { access_token: issued.token, expires_in: 7200 })
    })

    hono.post('/cgi-bin/stable_token', async (c: Context<EmuEnv>) => {
      const body = await readJson<Credentials & { force_refresh?: unknown }>(c)
      if (body instanceof Response) return body
      const found = authenticate(emu, body)
      if (typeof found === 'number') return wxError(c, found)
      const force = body.force_refresh === true
      countRequest(found, c, 'stable_token')
      if (force) found.count('stable_token:force')
      const now = emu.clock.now()
      const issued = tokensOf(found).stableToken(now, force)
      if (typeof issued === 'number') return wxError(c, issued)
      // The remaining life, never rounded up: a caller must not think it lives longer than it does.
      return wxJson(c, { access_token: issued.token, expires_in: Math.floor((issued.expiresAt - now) / 1000) })
    })
  },

  control(control, emu) {
    // "Someone else rotated it": every live token of the app answers 40001 (or 42001 with
    // `mode: 'expire'`) from now on.
    control.post('/tokens/revoke', async (c) => {
      const body = (await readBody(c)) as { appId?: string; kind?: 'classic' | 'stable' | 'all'; mode?: 'invalidate' | 'expire' }
      const target = appOf(emu, body.appId)
      const revoked = tokensOf(target).revoke(emu.clock.now(), body.kind ?? 'all', body.mode ?? 'invalidate')
      return c.json({ appId: target.appId, revoked })
    })
  },
})
