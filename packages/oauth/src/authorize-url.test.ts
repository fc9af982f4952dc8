import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { buildAuthorizeUrl } from './index'

const appId = 'wx5e6d0e3a1a7e0001'
const redirectUri = 'https://app.example.com/auth/callback?next=/orders&x=1 2'

describe('buildAuthorizeUrl', () => {
  it('writes the parameters in the order WeChat insists on, then #wechat_redirect', () => {
    const url = buildAuthorizeUrl({ appId, redirectUri: 'https://app.example.com/cb', scope: 'snsapi_userinfo', state: 'abc123' })
    expect(url).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx5e6d0e3a1a7e0001&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&response_type=code&scope=snsapi_userinfo&state=abc123#wechat_redirect',
    )
  })

  it('encodes the redirect URI exactly once, so one decode gives it back', () => {
    const url = buildAuthorizeUrl({ appId, redirectUri, scope: 'snsapi_base', state: 's' })
    const raw = /redirect_uri=([^&]*)/.exec(url)?.[1] ?? ''
    expect(raw).not.toMatch(/%25/)
    expect(decodeURIComponent(raw)).toBe(redirectUri)
    expect(new URL(url).searchParams.get('redirect_uri')).toBe(redirectUri)
  })

  it('adds forcePopup=true after state when asked', () => {
    const url = buildAuthorizeUrl({ appId, redirectUri, scope: 'snsapi_userinfo', state: 's', forcePopup: true })
    expect(url).toMatch(/&state=s&forcePopup=true#wechat_redirect$/)
  })

  it('points at another host with authorizeBaseUrl', () => {
    const url = buildAuthorizeUrl({ appId, redirectUri, scope: 'snsapi_base', state: 's', authorizeBaseUrl: 'http://127.0.0.1:9/' })
    expect(url.startsWith('http://127.0.0.1:9/connect/oauth2/authorize?appid=')).toBe(true)
  })

  it('accepts a state of exactly 128 letters and digits', () => {
    const state = 'aZ9'.repeat(42) + 'ab'
    expect(state).toHaveLength(128)
    expect(buildAuthorizeUrl({ appId, redirectUri, scope: 'snsapi_base', state })).toContain(`&state=${state}#`)
  })

  it('refuses a state over 128 characters, naming the limit and the size', () => {
    expect(() => buildAuthorizeUrl({ appId, redirectUri, scope: 'snsapi_base', state: 'a'.repeat(129) })).toThrow(
      new RangeError('state must be at most 128 characters, got 129'),
    )
  })

  it('refuses a state with characters outside a-zA-Z0-9', () => {
    expect(() => buildAuthorizeUrl({ appId, redirectUri, scope: 'snsapi_base', state: 'abc-def' })).toThrow(
      /state must be letters and digits only/,
    )
  })

  it('refuses a redirect URI that is already encoded', () => {
    expect(() =>
      buildAuthorizeUrl({ appId, redirectUri: encodeURIComponent('https://app.example.com/cb'), scope: 'snsapi_base', state: 's' }),
    ).toThrow(/redirectUri must be an absolute http\(s\) URL/)
  })

  it('refuses an unknown scope', () => {
    // @ts-expect-error snsapi_login belongs to buildQrLoginUrl
    expect(() => buildAuthorizeUrl({ appId, redirectUri, scope: 'snsapi_login', state: 's' })).toThrow(RangeError)
  })

  it('refuses a missing appId', () => {
    expect(() => buildAuthorizeUrl({ appId: '', redirectUri, scope: 'snsapi_base', state: 's' })).toThrow(
      new RangeError('appId must not be empty'),
    )
  })
})

describe('buildAuthorizeUrl against the emulator', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
  })
  afterAll(() => emu.close())

  it('snsapi_base redirects straight back with a code and the state', async () => {
    const url = buildAuthorizeUrl({ appId: emu.appId, redirectUri, scope: 'snsapi_base', state: 'xyz789', authorizeBaseUrl: emu.url })
    const res = await fetch(url, { redirect: 'manual' })
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get('location') ?? '')
    expect(location.origin + location.pathname).toBe('https://app.example.com/auth/callback')
    expect(location.searchParams.get('next')).toBe('/orders')
    expect(location.searchParams.get('x')).toBe('1 2')
    expect(location.searchParams.get('state')).toBe('xyz789')
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{32}$/)
  })

  it('snsapi_userinfo shows the consent page with the seeded users', async () => {
    const url = buildAuthorizeUrl({ appId: emu.appId, redirectUri, scope: 'snsapi_userinfo', state: 's1', authorizeBaseUrl: emu.url })
    const res = await fetch(url, { redirect: 'manual' })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(await emu.control.followerAt(0))
    expect(html).toContain('id="approve"')
    expect(html).toContain('id="deny"')
  })

  it('approving on the consent page redirects back with a code, denying without one', async () => {
    const openid = await emu.control.followerAt(2)
    const form = (decision: string) =>
      new URLSearchParams({
        appid: emu.appId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'snsapi_userinfo',
        state: 'st8',
        openid,
        decision,
      })
    const allow = await fetch(`${emu.url}/connect/oauth2/authorize/confirm`, { method: 'POST', body: form('allow'), redirect: 'manual' })
    expect(allow.status).toBe(302)
    const approved = new URL(allow.headers.get('location') ?? '')
    expect(approved.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(approved.searchParams.get('state')).toBe('st8')
    const deny = await fetch(`${emu.url}/connect/oauth2/authorize/confirm`, { method: 'POST', body: form('deny'), redirect: 'manual' })
    expect(deny.status).toBe(302)
    const denied = new URL(deny.headers.get('location') ?? '')
    expect(denied.searchParams.has('code')).toBe(false)
    expect(denied.searchParams.get('state')).toBe('st8')
  })

  it('is refused by the emulator when the parameters are reordered', async () => {
    const url = buildAuthorizeUrl({ appId: emu.appId, redirectUri, scope: 'snsapi_base', state: 's', authorizeBaseUrl: emu.url })
    const [base, query] = url.split('#')[0]!.split('?') as [string, string]
    const reordered = `${base}?${query.split('&').reverse().join('&')}`
    const res = await fetch(reordered, { redirect: 'manual' })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('parameters must come in the order appid, redirect_uri, response_type, scope, state')
  })

  it('is refused by the emulator when the redirect URI was encoded twice', async () => {
    const url = buildAuthorizeUrl({ appId: emu.appId, redirectUri, scope: 'snsapi_base', state: 's', authorizeBaseUrl: emu.url })
    const doubled = url.replace(/redirect_uri=([^&]*)/, (_m, v: string) => `redirect_uri=${encodeURIComponent(v)}`)
    const res = await fetch(doubled, { redirect: 'manual' })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('redirect_uri must be an absolute http(s) URL encoded once')
  })
})

describe('the emulator with an OAuth domain configured', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, apps: [{ appId, appSecret: '0123456789abcdef0123456789abcdef', oauthDomain: 'app.example.com' }] })
  })
  afterAll(() => emu.close())

  it('answers error page 10003 for a redirect URI on another domain', async () => {
    const url = buildAuthorizeUrl({
      appId,
      redirectUri: 'https://evil.example.net/cb',
      scope: 'snsapi_base',
      state: 's',
      authorizeBaseUrl: emu.url,
    })
    const res = await fetch(url, { redirect: 'manual' })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<span id="errcode">10003</span>')
  })
})
