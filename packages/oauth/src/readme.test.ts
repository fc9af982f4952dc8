// The README's flow, step by step, against the emulator.
import { expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { buildAuthorizeUrl, createState, exchangeCode, getOAuthUserInfo, verifyState } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu } = useEmulator()

it('runs the README flow: login URL, callback state check, code exchange, profile', async () => {
  const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  const STATE_SECRET = 'readme-state-secret-0123456789abcdef'
  const sessionNonce = 'nonce-from-a-cookie'

  const state = await createState({ secret: STATE_SECRET, binding: sessionNonce })
  const url = buildAuthorizeUrl({
    appId: wx.appId,
    redirectUri: 'https://app.example.com/callback',
    scope: 'snsapi_userinfo',
    state,
    authorizeBaseUrl: emu.url,
  })

  // The user approves on the consent page (here: the form the page posts).
  const consent = await (await fetch(url)).text()
  const openid = /name="openid" value="([^"]+)" checked/.exec(consent)?.[1] ?? ''
  const form = new URLSearchParams({
    appid: wx.appId,
    redirect_uri: 'https://app.example.com/callback',
    response_type: 'code',
    scope: 'snsapi_userinfo',
    state,
    openid,
    decision: 'allow',
  })
  const back = await fetch(`${emu.url}/connect/oauth2/authorize/confirm`, { method: 'POST', body: form, redirect: 'manual' })
  const query = Object.fromEntries(new URL(back.headers.get('location') ?? '').searchParams)

  const check = await verifyState(query.state, { secret: STATE_SECRET, binding: sessionNonce })
  expect(check.ok).toBe(true)
  const token = await exchangeCode(wx, query.code ?? '')
  expect(token.isSnapshotUser).toBe(false)
  const user = await getOAuthUserInfo(wx, token)
  expect(user.openid).toBe(openid)
  expect(user.nickname).toBe('Follower 1')
})
