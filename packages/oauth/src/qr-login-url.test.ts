import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { buildQrLoginUrl, exchangeCode, getOAuthUserInfo } from './index'

describe('buildQrLoginUrl', () => {
  it('builds the qrconnect URL with scope snsapi_login in WeChat order', () => {
    expect(buildQrLoginUrl({ appId: 'wxf1e2d3c4b5a69788', redirectUri: 'https://www.example.com/login/done', state: 'q1' })).toBe(
      'https://open.weixin.qq.com/connect/qrconnect?appid=wxf1e2d3c4b5a69788&redirect_uri=https%3A%2F%2Fwww.example.com%2Flogin%2Fdone&response_type=code&scope=snsapi_login&state=q1#wechat_redirect',
    )
  })

  it('refuses a relative redirect URI', () => {
    expect(() => buildQrLoginUrl({ appId: 'wxf1e2d3c4b5a69788', redirectUri: '/login/done', state: 'q1' })).toThrow(
      /redirectUri must be an absolute http\(s\) URL/,
    )
  })
})

describe('QR login against the emulator', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
  })
  afterAll(() => emu.close())

  it('scanning and confirming yields a snsapi_login code that gives the profile', async () => {
    const url = buildQrLoginUrl({ appId: emu.appId, redirectUri: 'https://www.example.com/done', state: 'qr7', authorizeBaseUrl: emu.url })
    const page = await fetch(url)
    expect(await page.text()).toContain('Scan to log in')
    const openid = await emu.control.followerAt(1)
    const body = new URLSearchParams({
      appid: emu.appId,
      redirect_uri: 'https://www.example.com/done',
      response_type: 'code',
      scope: 'snsapi_login',
      state: 'qr7',
      openid,
      decision: 'allow',
    })
    const res = await fetch(`${emu.url}/connect/oauth2/authorize/confirm`, { method: 'POST', body, redirect: 'manual' })
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? ''
    const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
    const token = await exchangeCode(wx, code)
    expect(token).toMatchObject({ openid, scope: 'snsapi_login' })
    expect((await getOAuthUserInfo(wx, token)).nickname).toBe('Follower 2')
  })
})
