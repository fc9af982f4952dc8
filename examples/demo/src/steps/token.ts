import type { DemoStep } from '../context'

export const tokenStep: DemoStep = {
  title: 'Client and access token',
  run: async ({ wx, emu, log }) => {
    log(`client for app ${wx.appId}, token mode "${wx.tokenMode}", host ${wx.baseUrl}`)
    const token = await wx.getAccessToken()
    log(`got an access token (${token.length} characters, not printed: tokens are secrets)`)
    await Promise.all(Array.from({ length: 50 }, () => wx.getAccessToken()))
    log('50 concurrent getAccessToken() calls served from the cache')
    if (emu) {
      const counters = await emu.control.counters()
      log(`emulator token requests so far: ${counters.token_requests ?? 0}`)
    }
  },
}
