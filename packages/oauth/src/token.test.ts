import { describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError, type WeChatClient } from '@wxmp/core'
import { exchangeCode, isWeChatOAuthError, refreshOAuthToken, WeChatOAuthError } from './index'
import { everythingIn, issueCode, requestsTo, revokeAuthorization } from '../test/support'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

describe('exchangeCode', () => {
  it("gives the user's OAuth token and the openid the code was issued for", async () => {
    const issued = await issueCode(emu, { openid: await emu.control.followerAt(3) })
    const token = await exchangeCode(wx, issued.code)
    expect(token.openid).toBe(issued.openid)
    expect(token.scope).toBe('snsapi_userinfo')
    expect(token.expiresIn).toBeGreaterThan(7000)
    expect(token.expiresIn).toBeLessThanOrEqual(7200)
    expect(token.accessToken).not.toBe(token.refreshToken)
    expect(token.isSnapshotUser).toBe(false)
    expect(token.unionid).toBeUndefined()
  })

  it('works with plain credentials instead of a client', async () => {
    const issued = await issueCode(emu, { scope: 'snsapi_base' })
    const token = await exchangeCode({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url }, issued.code)
    expect(token.openid).toBe(issued.openid)
    expect(token.scope).toBe('snsapi_base')
  })

  it('answers code_used when a code is exchanged twice', async () => {
    const { code } = await issueCode(emu)
    await exchangeCode(wx, code)
    const error = await rejection(exchangeCode(wx, code))
    expect(error).toBeInstanceOf(WeChatOAuthError)
    expect(isWeChatApiError(error)).toBe(true)
    expect(error).toMatchObject({ errcode: 40163, reason: 'code_used' })
    expect((error as Error).message).toMatch(/codes work once/)
  })

  it('answers invalid_code for a code WeChat never issued', async () => {
    const error = await rejection(exchangeCode(wx, 'thisCodeWasNeverIssuedByWeChat00'))
    expect(isWeChatOAuthError(error) && error.reason).toBe('invalid_code')
  })

  it('answers code_expired for a code older than 5 minutes', async () => {
    const { code } = await issueCode(emu)
    await emu.control.advanceClock(300_001)
    const error = await rejection(exchangeCode(wx, code))
    expect(error).toMatchObject({ errcode: 42003, reason: 'code_expired' })
  })

  it('flags a snapshot-page visitor, whose openid is virtual', async () => {
    const issued = await issueCode(emu, { openid: await emu.control.followerAt(5), snapshotUser: true })
    const token = await exchangeCode(wx, issued.code)
    expect(token.isSnapshotUser).toBe(true)
    expect(token.scope).toBe('snsapi_base')
  })

  it('returns the unionid of a user bound to an Open Platform account', async () => {
    const openid = await emu.control.addFollower({ nickname: 'Bound', unionid: 'oUnion_emulator_0001' })
    const token = await exchangeCode(wx, (await issueCode(emu, { openid })).code)
    expect(token.unionid).toBe('oUnion_emulator_0001')
  })

  it('keeps the code, the app secret and the tokens out of the error', async () => {
    const { code } = await issueCode(emu)
    const token = await exchangeCode(wx, code)
    const error = await rejection(exchangeCode(wx, code))
    const text = everythingIn(error)
    expect(text).toContain('40163')
    for (const secret of [code, emu.appSecret, token.accessToken, token.refreshToken]) expect(text).not.toContain(secret)
  })

  it('refuses an empty code before any request', async () => {
    const before = await requestsTo(emu, '/sns/oauth2/access_token')
    await expect(exchangeCode(wx, '')).rejects.toThrow(new RangeError('code must not be empty'))
    expect(await requestsTo(emu, '/sns/oauth2/access_token')).toBe(before)
  })

  it('refuses an overlong code naming its size but not its value', async () => {
    const code = 'Q'.repeat(513)
    const error = await rejection(exchangeCode(wx, code))
    expect(error).toEqual(new RangeError('code must be at most 512 characters, got 513'))
    expect(everythingIn(error)).not.toContain(code)
  })

  it('refuses a client that is neither a WeChatClient nor credentials', async () => {
    // @ts-expect-error not a client
    await expect(exchangeCode(null, 'abc')).rejects.toThrow(/client must be a WeChatClient or \{ appId, appSecret \}/)
  })
})

describe('refreshOAuthToken', () => {
  it('keeps a still-valid access token and renews its life', async () => {
    const token = await exchangeCode(wx, (await issueCode(emu)).code)
    await emu.control.advanceClock(3_600_000)
    const renewed = await refreshOAuthToken(wx, token.refreshToken)
    expect(renewed.accessToken).toBe(token.accessToken)
    expect(renewed.refreshToken).toBe(token.refreshToken)
    expect(renewed.openid).toBe(token.openid)
    expect(renewed.expiresIn).toBeGreaterThan(7000)
  })

  it('issues a new access token once the old one expired', async () => {
    const token = await exchangeCode(wx, (await issueCode(emu)).code)
    await emu.control.advanceClock(7_200_001)
    const renewed = await refreshOAuthToken({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url }, token.refreshToken)
    expect(renewed.accessToken).not.toBe(token.accessToken)
    expect(renewed.openid).toBe(token.openid)
  })

  it('answers refresh_token_expired after 30 days', async () => {
    const token = await exchangeCode(wx, (await issueCode(emu)).code)
    await emu.control.advanceClock(30 * 86_400_000 + 1000)
    const error = await rejection(refreshOAuthToken(wx, token.refreshToken))
    expect(error).toMatchObject({ errcode: 42002, reason: 'refresh_token_expired' })
    expect(everythingIn(error)).not.toContain(token.refreshToken)
  })

  it('answers invalid_refresh_token for a refresh token WeChat never issued', async () => {
    const bogus = '86_thisRefreshTokenWasNeverIssuedByWeChat'
    const error = await rejection(refreshOAuthToken(wx, bogus))
    expect(error).toMatchObject({ errcode: 40030, reason: 'invalid_refresh_token' })
    expect(everythingIn(error)).not.toContain(bogus)
  })

  it('answers authorization_revoked after the user revoked access', async () => {
    const token = await exchangeCode(wx, (await issueCode(emu, { openid: await emu.control.followerAt(7) })).code)
    expect(await revokeAuthorization(emu, token.openid)).toBeGreaterThan(0)
    const error = await rejection(refreshOAuthToken(wx, token.refreshToken))
    expect(error).toMatchObject({ errcode: 42007, reason: 'authorization_revoked' })
  })

  it('sends the appid but never the app secret', async () => {
    const token = await exchangeCode(wx, (await issueCode(emu)).code)
    const urls: string[] = []
    const spy = createClient({
      appId: emu.appId,
      appSecret: emu.appSecret,
      baseUrl: emu.url,
      hooks: { beforeRequest: (e) => urls.push(e.url) },
    })
    await refreshOAuthToken(spy, token.refreshToken)
    expect(urls).toHaveLength(1)
    expect(urls[0]).toContain(`appid=${emu.appId}`)
    expect(urls[0]).not.toMatch(/[?&]secret=/)
  })

  it('refuses a refresh token that is not a string before any request', async () => {
    const before = await requestsTo(emu, '/sns/oauth2/refresh_token')
    // @ts-expect-error not a string
    await expect(refreshOAuthToken(wx, 42)).rejects.toThrow(new TypeError('refreshToken must be a string, got number 42'))
    expect(await requestsTo(emu, '/sns/oauth2/refresh_token')).toBe(before)
  })
})
