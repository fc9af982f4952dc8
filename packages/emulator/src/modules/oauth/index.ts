// Emulator module: web authorization. The authorize and QR-login pages (a consent page standing in
// for WeChat's in-app screen) and the sns endpoints, with WeChat's lifetimes and errcodes. None of
// these paths take the platform access token: /sns and /connect sit outside the token check.
import type { Context } from 'hono'
import { appOf, ControlError, readBody } from '../../control/kit'
import { defineModule, type AppState, type EmuEnv, type EmulatorContext } from '../../context'
import type { UserRecord } from '../../model/followers'
import { isTokenShaped } from '../../tokens'
import { wxError, wxJson, wxOk } from '../../wechat'
import { consentHtml, errorHtml } from './pages'
import { oauthOf, type Grant, type GrantScope } from './store'

/** WeChat rejects an authorize URL whose parameters come in another order. */
const PARAM_ORDER = ['appid', 'redirect_uri', 'response_type', 'scope', 'state']
const STATE = /^[A-Za-z0-9]{0,128}$/
/** How many seeded users the consent page offers. */
const CONSENT_USERS = 5

interface AuthorizeRequest {
  readonly appState: AppState
  readonly redirectUri: string
  readonly scope: GrantScope
  readonly state: string
}

class PageError extends Error {
  constructor(
    readonly code: number | undefined,
    message: string,
  ) {
    super(message)
  }
}

/** Checks authorize parameters as WeChat does (its error page on failure). */
function readAuthorize(emu: EmulatorContext, get: (name: string) => string | undefined, scopes: readonly GrantScope[]): AuthorizeRequest {
  const appId = get('appid')
  if (!appId) throw new PageError(undefined, 'appid missing (参数错误)')
  const appState = emu.apps.get(appId)
  if (!appState) throw new PageError(40013, `invalid appid ${appId}`)
  const redirectUri = get('redirect_uri')
  if (!redirectUri) throw new PageError(undefined, 'redirect_uri missing (参数错误)')
  let target: URL
  try {
    target = new URL(redirectUri)
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('scheme')
  } catch {
    // The usual cause: redirect_uri encoded twice, so one decode leaves "https%3A%2F%2F...".
    throw new PageError(undefined, `redirect_uri must be an absolute http(s) URL encoded once (参数错误), got ${redirectUri.slice(0, 80)}`)
  }
  if (appState.oauthDomain !== undefined && target.hostname !== appState.oauthDomain) {
    throw new PageError(
      10003,
      `redirect_uri domain ${target.hostname} is not the configured OAuth domain ${appState.oauthDomain} (redirect_uri域名与后台配置不一致)`,
    )
  }
  if (get('response_type') !== 'code') throw new PageError(undefined, 'response_type must be code (参数错误)')
  const scope = get('scope') as GrantScope | undefined
  if (!scope || !scopes.includes(scope))
    throw new PageError(10005, `scope must be ${scopes.join(' or ')}, got ${scope ?? '(none)'} (此公众号并没有这些scope的权限)`)
  const state = get('state') ?? ''
  // Stricter than WeChat, which mangles rather than refuses: catches the bug in tests.
  if (!STATE.test(state)) throw new PageError(undefined, 'state must be at most 128 characters of a-zA-Z0-9')
  return { appState, redirectUri, scope, state }
}

function checkOrder(c: Context): void {
  const keys = new URL(c.req.url).search
    .slice(1)
    .split('&')
    .map((pair) => decodeURIComponent(pair.split('=')[0] ?? ''))
  const positions = PARAM_ORDER.map((k) => keys.indexOf(k)).filter((i) => i >= 0)
  if (positions.some((p, i) => i > 0 && p < (positions[i - 1] ?? 0))) {
    throw new PageError(undefined, `parameters must come in the order ${PARAM_ORDER.join(', ')}, got ${keys.join(', ')} (参数错误)`)
  }
}

function callback(redirectUri: string, state: string, code?: string): string {
  const target = new URL(redirectUri)
  if (code !== undefined) target.searchParams.set('code', code)
  target.searchParams.set('state', state)
  return target.toString()
}

function pageError(c: Context, error: unknown): Response {
  if (error instanceof PageError) return c.html(errorHtml(error.code, error.message))
  throw error
}

/** The users the consent page offers: the first seeded followers, and the browser's user. */
function consentUsers(appState: AppState): UserRecord[] {
  const openids: string[] = []
  for (let i = 0; i < Math.min(CONSENT_USERS, appState.followers.total); i++) {
    const openid = appState.followers.at(i)
    if (openid !== undefined) openids.push(openid)
  }
  const browser = oauthOf(appState).browserUser
  if (browser !== undefined && !openids.includes(browser)) openids.unshift(browser)
  return openids.map((o) => appState.followers.peek(o)).filter((u): u is UserRecord => u !== undefined)
}

function tokenAnswer(grant: Grant, now: number, appState: AppState): Record<string, unknown> {
  const unionid = grant.scope !== 'snsapi_base' ? appState.followers.peek(grant.openid)?.unionid : undefined
  return {
    access_token: grant.accessToken,
    expires_in: Math.floor((grant.accessExpiresAt - now) / 1000),
    refresh_token: grant.refreshToken,
    openid: grant.openid,
    scope: grant.scope,
    ...(grant.snapshot ? { is_snapshotuser: 1 } : {}),
    ...(unionid ? { unionid } : {}),
  }
}

/** The grant behind a user OAuth token, across apps, or the errcode to answer. */
function findGrant(emu: EmulatorContext, token: string, now: number): { appState: AppState; grant: Grant } | number {
  for (const appState of emu.apps.values()) {
    const found = oauthOf(appState).lookup(token, now)
    if (found === undefined) continue
    if (typeof found === 'number') return found
    return { appState, grant: found }
  }
  return isTokenShaped(token) ? 40001 : 40014
}

export const oauthModule = defineModule({
  name: 'oauth',
  routes(hono, emu) {
    const authorizePage = (path: string, scopes: readonly GrantScope[], qr: boolean) =>
      hono.get(path, (c: Context<EmuEnv>) => {
        try {
          checkOrder(c)
          const req = readAuthorize(emu, (n) => c.req.query(n), scopes)
          const store = oauthOf(req.appState)
          if (req.scope === 'snsapi_base') {
            // Silent: WeChat knows who is signed in and redirects at once.
            const openid = store.browserUser ?? req.appState.followers.at(0)
            if (openid === undefined) throw new PageError(undefined, 'the appState has no users to authorize as')
            return c.redirect(callback(req.redirectUri, req.state, store.issueCode(openid, req.scope, emu.clock.now()).code), 302)
          }
          return c.html(
            consentHtml({
              action: '/connect/oauth2/authorize/confirm',
              appId: req.appState.appId,
              scope: req.scope,
              redirectUri: req.redirectUri,
              state: req.state,
              users: consentUsers(req.appState),
              selected: store.browserUser,
              qr,
            }),
          )
        } catch (error) {
          return pageError(c, error)
        }
      })
    authorizePage('/connect/oauth2/authorize', ['snsapi_base', 'snsapi_userinfo'], false)
    authorizePage('/connect/qrconnect', ['snsapi_login'], true)

    // The consent page's form: allow issues a code, deny redirects without one (as WeChat does).
    hono.post('/connect/oauth2/authorize/confirm', async (c: Context<EmuEnv>) => {
      const form = await c.req.parseBody()
      const field = (n: string) => (typeof form[n] === 'string' ? (form[n] as string) : undefined)
      try {
        const req = readAuthorize(emu, field, ['snsapi_base', 'snsapi_userinfo', 'snsapi_login'])
        if (field('decision') !== 'allow') return c.redirect(callback(req.redirectUri, req.state), 302)
        const openid = field('openid')
        if (!openid || !req.appState.followers.exists(openid)) throw new PageError(40003, 'pick a user to sign in as')
        const code = oauthOf(req.appState).issueCode(openid, req.scope, emu.clock.now()).code
        return c.redirect(callback(req.redirectUri, req.state, code), 302)
      } catch (error) {
        return pageError(c, error)
      }
    })

    hono.get('/sns/oauth2/access_token', (c: Context<EmuEnv>) => {
      const { appid, secret, code, grant_type } = c.req.query()
      if (!appid) return wxError(c, 41002)
      const target = emu.apps.get(appid)
      if (!target) return wxError(c, 40013)
      target.count(`path:${c.req.path}`)
      if (!secret) return wxError(c, 41004)
      if (secret !== target.appSecret) return wxError(c, 40125)
      if (grant_type !== 'authorization_code') return wxError(c, 40002)
      if (!code) return wxError(c, 41008)
      const now = emu.clock.now()
      const grant = oauthOf(target).redeem(code, now)
      if (typeof grant === 'number') return wxError(c, grant)
      return wxJson(c, tokenAnswer(grant, now, target))
    })

    hono.get('/sns/oauth2/refresh_token', (c: Context<EmuEnv>) => {
      const { appid, refresh_token, grant_type } = c.req.query()
      if (!appid) return wxError(c, 41002)
      const target = emu.apps.get(appid)
      if (!target) return wxError(c, 40013)
      target.count(`path:${c.req.path}`)
      if (grant_type !== 'refresh_token') return wxError(c, 40002)
      if (!refresh_token) return wxError(c, 41003, 'refresh_token missing')
      const now = emu.clock.now()
      const grant = oauthOf(target).refresh(refresh_token, now)
      if (typeof grant === 'number') return wxError(c, grant, grant === 42007 ? 'access_token and refresh_token exception' : undefined)
      return wxJson(c, tokenAnswer(grant, now, target))
    })

    hono.get('/sns/userinfo', (c: Context<EmuEnv>) => {
      const { access_token, openid } = c.req.query()
      if (!access_token) return wxError(c, 41001)
      if (!openid) return wxError(c, 41009)
      const found = findGrant(emu, access_token, emu.clock.now())
      if (typeof found === 'number') return wxError(c, found, found === 42007 ? 'access_token and refresh_token exception' : undefined)
      found.appState.count(`path:${c.req.path}`)
      if (found.grant.openid !== openid) return wxError(c, 40003)
      // snsapi_base grants the openid only; WeChat answers "api unauthorized".
      if (found.grant.scope === 'snsapi_base') return wxError(c, 48001)
      const user = found.appState.followers.peek(openid)
      return wxJson(c, {
        openid,
        nickname: user?.nickname ?? '',
        // Since 2021 WeChat no longer gives sex or places.
        sex: 0,
        province: '',
        city: '',
        country: '',
        headimgurl: user?.headimgurl ?? '',
        privilege: [],
        ...(user?.unionid ? { unionid: user.unionid } : {}),
      })
    })

    hono.get('/sns/auth', (c: Context<EmuEnv>) => {
      const { access_token, openid } = c.req.query()
      if (!access_token) return wxError(c, 41001)
      if (!openid) return wxError(c, 41009)
      const found = findGrant(emu, access_token, emu.clock.now())
      // WeChat's documented answer for a token that is not valid is 40003 "invalid openid".
      if (typeof found === 'number') return wxError(c, found === 42001 || found === 42007 ? found : 40003)
      found.appState.count(`path:${c.req.path}`)
      if (found.grant.openid !== openid) return wxError(c, 40003)
      return wxOk(c)
    })
  },

  control(control, emu) {
    // A code as if the user had approved on the consent page: for tests without a browser.
    control.post('/oauth/code', async (c) => {
      const b = await readBody(c)
      const target = appOf(emu, b.appId)
      const scope = (b.scope ?? 'snsapi_userinfo') as GrantScope
      if (!['snsapi_base', 'snsapi_userinfo', 'snsapi_login'].includes(scope)) throw new ControlError(`invalid scope ${String(scope)}`)
      const openid = b.openid === undefined ? target.followers.at(0) : String(b.openid)
      if (openid === undefined || !target.followers.exists(openid)) throw new ControlError(`unknown openid ${String(b.openid)}`)
      const store = oauthOf(target)
      if (b.snapshotUser === true) store.snapshotUsers.add(openid)
      const record = store.issueCode(openid, scope, emu.clock.now())
      return c.json({ code: record.code, openid, scope, expiresAt: record.expiresAt, snapshotUser: record.snapshot })
    })

    // Who is signed in to WeChat in "the browser": silent snsapi_base flows authorize as them.
    control.post('/oauth/browser-user', async (c) => {
      const b = await readBody(c)
      const target = appOf(emu, b.appId)
      const openid = String(b.openid ?? '')
      if (!target.followers.exists(openid)) throw new ControlError(`unknown openid ${openid}`)
      oauthOf(target).browserUser = openid
      return c.json({ openid })
    })

    // A snapshot-page visitor (快照页): their codes carry is_snapshotuser 1 and only snsapi_base works.
    control.post('/oauth/snapshot-user', async (c) => {
      const b = await readBody(c)
      const target = appOf(emu, b.appId)
      const openid = String(b.openid ?? '')
      if (!target.followers.exists(openid)) throw new ControlError(`unknown openid ${openid}`)
      const store = oauthOf(target)
      if (b.snapshot === false) store.snapshotUsers.delete(openid)
      else store.snapshotUsers.add(openid)
      return c.json({ openid, snapshot: store.snapshotUsers.has(openid) })
    })

    // The user changed their password or revoked access: their OAuth tokens answer 42007.
    control.post('/oauth/revoke', async (c) => {
      const b = await readBody(c)
      const target = appOf(emu, b.appId)
      return c.json({ revoked: oauthOf(target).revoke(String(b.openid ?? '')) })
    })

    control.get('/oauth/stats', (c) => {
      const target = appOf(emu, c.req.query('appId'))
      return c.json(oauthOf(target).stats(emu.clock.now()))
    })
  },
})
