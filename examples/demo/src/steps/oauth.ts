import {
  buildAuthorizeUrl,
  checkOAuthToken,
  createState,
  exchangeCode,
  getOAuthUserInfo,
  isWeChatOAuthError,
  refreshOAuthToken,
  verifyState,
} from '@wxmp/oauth'
import type { DemoStep } from '../context'

export const oauthStep: DemoStep = {
  title: 'OAuth web login URL and signed state',
  run: async ({ wx, emu, log }) => {
    const secret = 'demo-state-secret-not-for-production-0123'
    const state = await createState({ secret, binding: 'demo-session' })
    const url = buildAuthorizeUrl({
      appId: wx.appId,
      redirectUri: 'https://app.example.com/callback',
      scope: 'snsapi_userinfo',
      state,
      ...(emu ? { authorizeBaseUrl: emu.url } : {}),
    })
    log(`authorize URL: ${url.slice(0, 96)}...`)
    const check = await verifyState(state, { secret, binding: 'demo-session' })
    const forged = await verifyState(state, { secret, binding: 'another-browser' })
    log(
      `state (${state.length} chars) verifies: ${check.ok}; from another browser: ${forged.ok ? 'accepted' : `refused (${forged.reason})`}`,
    )
    if (!emu) {
      log('code exchange needs a user in WeChat: skipped on the real host')
      return
    }

    // The emulator stands in for the user approving on WeChat's consent page.
    const { code } = await emu.control.issueOAuthCode({ scope: 'snsapi_userinfo' })
    const token = await exchangeCode(wx, code)
    log(`exchanged the code: openid ${token.openid}, scope ${token.scope}, expires in ${token.expiresIn}s (tokens not printed)`)
    const user = await getOAuthUserInfo(wx, token)
    log(`profile: ${user.nickname}, avatar ${user.headImgUrl}`)
    log(`token valid: ${await checkOAuthToken(wx, token)}`)
    const renewed = await refreshOAuthToken(wx, token.refreshToken)
    log(`refreshed: same access token while still valid = ${renewed.accessToken === token.accessToken}`)
    try {
      await exchangeCode(wx, code)
    } catch (error) {
      if (isWeChatOAuthError(error)) log(`the same code again: ${error.errcode} ${error.reason}`)
      else throw error
    }
  },
}
