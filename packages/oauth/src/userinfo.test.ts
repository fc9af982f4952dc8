import { beforeAll, describe, expect, it } from 'vitest'
import { checkOAuthToken, exchangeCode, getOAuthUserInfo, refreshOAuthToken } from './index'
import { everythingIn, issueCode, requestsTo, revokeAuthorization } from '../test/support'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
let ada: string
beforeAll(async () => {
  ada = await emu.control.addFollower({
    nickname: 'Ada 阿达',
    headimgurl: 'https://thirdwx.qlogo.cn/mmopen/ada/132',
    unionid: 'oUnion_ada',
  })
})

const login = async (openid?: string, scope: 'snsapi_base' | 'snsapi_userinfo' = 'snsapi_userinfo') =>
  exchangeCode(wx, (await issueCode(emu, { ...(openid ? { openid } : {}), scope })).code)

describe('getOAuthUserInfo', () => {
  it("returns the user's nickname and avatar", async () => {
    const user = await getOAuthUserInfo(wx, await login(ada))
    expect(user).toEqual({
      openid: ada,
      nickname: 'Ada 阿达',
      sex: 0,
      province: '',
      city: '',
      country: '',
      headImgUrl: 'https://thirdwx.qlogo.cn/mmopen/ada/132',
      privilege: [],
      unionid: 'oUnion_ada',
    })
  })

  it('works with plain credentials and a lang', async () => {
    const token = await login()
    const user = await getOAuthUserInfo({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url }, token, { lang: 'en' })
    expect(user.openid).toBe(token.openid)
    expect(user.nickname).toBe('Follower 1')
  })

  it('answers scope_insufficient for a snsapi_base token', async () => {
    const token = await login(undefined, 'snsapi_base')
    await expect(getOAuthUserInfo(wx, token)).rejects.toMatchObject({ errcode: 48001, reason: 'scope_insufficient' })
  })

  it('answers openid_mismatch for another openid', async () => {
    const token = await login(ada)
    await expect(getOAuthUserInfo(wx, { accessToken: token.accessToken, openid: await emu.control.followerAt(1) })).rejects.toMatchObject({
      errcode: 40003,
      reason: 'openid_mismatch',
    })
  })

  it('answers authorization_revoked, keeping the token out of the error', async () => {
    const openid = await emu.control.followerAt(9)
    const token = await login(openid)
    await revokeAuthorization(emu, openid)
    const error = await getOAuthUserInfo(wx, token).catch((e: unknown) => e)
    expect(error).toMatchObject({ errcode: 42007, reason: 'authorization_revoked' })
    const text = everythingIn(error)
    expect(text).toContain('[REDACTED]')
    for (const secret of [token.accessToken, token.refreshToken, emu.appSecret]) expect(text).not.toContain(secret)
  })

  it('refuses a token without accessToken before any request', async () => {
    const before = await requestsTo(emu, '/sns/userinfo')
    // @ts-expect-error accessToken missing
    await expect(getOAuthUserInfo(wx, { openid: ada })).rejects.toThrow(/^token\.accessToken must be a string, got undefined/)
    await expect(getOAuthUserInfo(wx, { accessToken: 'x'.repeat(20), openid: 'not an openid!' })).rejects.toThrow(
      /token\.openid must be an openid/,
    )
    // @ts-expect-error unknown lang
    await expect(getOAuthUserInfo(wx, { accessToken: 'x'.repeat(20), openid: ada }, { lang: 'fr' })).rejects.toThrow(RangeError)
    expect(await requestsTo(emu, '/sns/userinfo')).toBe(before)
  })
})

describe('checkOAuthToken', () => {
  it('says true for a valid token', async () => {
    expect(await checkOAuthToken(wx, await login(ada))).toBe(true)
  })

  it('says false for another openid', async () => {
    const token = await login(ada)
    expect(await checkOAuthToken(wx, { accessToken: token.accessToken, openid: await emu.control.followerAt(2) })).toBe(false)
  })

  it('says false for a token WeChat never issued', async () => {
    expect(await checkOAuthToken(wx, { accessToken: '86_neverIssuedByWeChatAtAll', openid: ada })).toBe(false)
  })

  it('says false once the token expired, and true again after a refresh', async () => {
    const token = await login(ada)
    await emu.control.advanceClock(7_200_001)
    expect(await checkOAuthToken(wx, token)).toBe(false)
    const renewed = await refreshOAuthToken(wx, token.refreshToken)
    expect(await checkOAuthToken(wx, renewed)).toBe(true)
  })

  it('throws for failures that say nothing about the token', async () => {
    await emu.control.fault({ path: '/sns/auth', kind: 'errcode', errcode: 45009 })
    await expect(checkOAuthToken(wx, await login(ada))).rejects.toMatchObject({ errcode: 45009 })
  })

  it('refuses a missing openid before any request', async () => {
    const before = await requestsTo(emu, '/sns/auth')
    // @ts-expect-error openid missing
    await expect(checkOAuthToken(wx, { accessToken: 'x'.repeat(20) })).rejects.toThrow(/^token\.openid must be a string, got undefined/)
    expect(await requestsTo(emu, '/sns/auth')).toBe(before)
  })
})
