// EmulatorControl: the typed client of the emulator's control API (`/__emulator/...`), one class
// built by area: transport, core (clock, faults, followers, outbox), pushes, module routes
// (client/*.ts; today's platform modules in client/features.ts). Every call takes the app as `{ appId }` in its options object, last.
import { FeatureControl } from './client/features'
import { appBody } from './client/transport'
import type { AppOption, JsApiConfigCheck, RevokeOptions } from './client/types'
import type { ConsoleState } from './console/types'

export { EmulatorControlError, TOKEN_HEADER, type EmulatorControlOptions } from './client/transport'
export type * from './client/types'
export type { ChatItem, ConsoleMenuButton, ConsoleState } from './console/types'
export type { PublishBehaviour, PublishJobInfo, SubscribeChoice, SubscribePopupOptions } from './client/features'

/**
 * Drives a running emulator from a test. `startEmulator()` hands one out as `emu.control` (with the
 * control token); for an emulator the CLI started, give its URL and the token it printed.
 *
 * @example
 * ```ts
 * const control = new EmulatorControl('http://127.0.0.1:8080', { token: process.env.WXMP_EMULATOR_TOKEN })
 * await control.advanceClock(7_200_000)              // every token issued so far has expired
 * const openid = await control.followerAt(0)
 * await control.interact(openid)                     // opens the 48-hour reply window
 * await control.fault({ path: '/cgi-bin/message/custom/send', kind: 'reset', phase: 'after' })
 * ```
 */
export class EmulatorControl extends FeatureControl {
  /** Kills the app's live tokens, as if someone else had rotated them. Returns how many died. */
  async revokeTokens(options: RevokeOptions = {}): Promise<number> {
    return (await this.request<{ revoked: number }>('POST', '/tokens/revoke', { ...options, ...appBody(options) })).revoked
  }

  /**
   * Checks a `wx.config` the way WeChat's client does: the page's domain against the app's
   * `jsApiDomains`, then the signature against the app's live jsapi tickets. Answers `config:ok`,
   * `config:invalid url domain` or `config:invalid signature`, with the emulator's `reason`.
   */
  checkJsApiConfig(config: JsApiConfigCheck, options?: AppOption): Promise<{ ok: boolean; errMsg: string; reason?: string }> {
    return this.request('POST', '/jssdk/check', { ...config, ...appBody(options) })
  }

  /**
   * What the web console shows (README "Console"), read from the emulator's state: the app, some
   * followers, the follower `openid`'s chat, reply window and menu, pushes, QR tickets, tokens
   * (masked), quotas, jobs and faults. Needs an emulator started with `console: true` (404 otherwise).
   */
  consoleState(openid?: string, options?: AppOption): Promise<ConsoleState> {
    const query = new URLSearchParams()
    if (openid !== undefined) query.set('openid', openid)
    const appId = appBody(options).appId
    if (appId !== undefined) query.set('appId', appId)
    const qs = query.toString()
    return this.request('GET', qs === '' ? '/console/state' : `/console/state?${qs}`)
  }

  /** Expires every JS-SDK ticket of the app now; the next getticket issues a new one. Returns how many were live. */
  async expireJsApiTickets(options?: AppOption): Promise<number> {
    return (await this.request<{ expired: number }>('POST', '/jssdk/expire', appBody(options))).expired
  }
}
