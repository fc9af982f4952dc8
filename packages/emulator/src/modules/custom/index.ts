// Emulator module: customer-service messages (POST /cgi-bin/message/custom/send), typing, and kf
// accounts (./custom/kf.ts). A send is checked like WeChat does (user, 48-hour window, allowance
// per interaction, body per msgtype) and lands in the outbox on channel 'custom'; its payload is
// the `<msgtype>` object as received, plus `customservice` when a kf account sent it.
import type { Context } from 'hono'
import { defineModule, type AppState, type EmuEnv, type EmulatorContext } from '../../context'
import { readJson, wxError, wxOk } from '../../wechat'
import { allowance, TEXT_MAX_BYTES } from './limits'
import { checkCustomMessage } from './messages'
import { customState } from './state'
import { kfControl, kfRoutes } from './kf'
import { appOf, requiredString } from '../../control/kit'

/** 0 when `touser` may be messaged now, else WeChat's errcode. */
function windowErrcode(appState: AppState, touser: unknown, now: number): number {
  if (typeof touser !== 'string' || touser === '') return 41009
  if (!appState.followers.exists(touser)) return 40003
  // WeChat's 45015 reads "response out of time limit or subscription is canceled": both cases.
  if (!appState.followers.isFollowing(touser)) return 45015
  const last = appState.interactions.get(touser)
  if (last === undefined || now - last > allowance(appState.interactionScenes.get(touser)).windowMs) return 45015
  return 0
}

/** Messages sent to `openid` since their last interaction (the count restarts when they interact again). */
function usage(appState: AppState, openid: string): { since: number; count: number } {
  const state = customState(appState)
  const since = appState.interactions.get(openid) ?? 0
  let used = state.used.get(openid)
  if (!used || used.since !== since) state.used.set(openid, (used = { since, count: 0 }))
  return used
}

export const customModule = defineModule({
  name: 'custom',
  routes(hono, emu) {
    hono.post('/cgi-bin/message/custom/send', async (c: Context<EmuEnv>) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      const state = c.get('appState')
      const now = emu.clock.now()
      const closed = windowErrcode(state, body.touser, now)
      if (closed !== 0) return wxError(c, closed)
      const touser = body.touser as string
      const checked = checkCustomMessage(body, TEXT_MAX_BYTES)
      if ('errcode' in checked) return wxError(c, checked.errcode, checked.errmsg)
      const cs = body.customservice as { kf_account?: unknown } | undefined
      const kfAccount = cs && typeof cs === 'object' ? cs.kf_account : undefined
      if (kfAccount !== undefined && (typeof kfAccount !== 'string' || !customState(state).kf.has(kfAccount))) {
        return wxError(c, 65401, 'invalid custom service account')
      }
      const used = usage(state, touser)
      if (used.count >= allowance(state.interactionScenes.get(touser)).sends) return wxError(c, 45047)
      used.count++
      // A message ends the typing indicator, as in WeChat's client.
      customState(state).typing.set(touser, { on: false, at: now })
      emu.outbox.deliver({
        appId: state.appId,
        channel: 'custom',
        touser,
        msgtype: body.msgtype as string,
        payload: kfAccount === undefined ? checked.payload : { ...checked.payload, customservice: { kf_account: kfAccount } },
        at: now,
      })
      return wxOk(c)
    })

    hono.post('/cgi-bin/message/custom/typing', async (c: Context<EmuEnv>) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      const state = c.get('appState')
      const now = emu.clock.now()
      const closed = windowErrcode(state, body.touser, now)
      if (closed !== 0) return wxError(c, closed)
      if (body.command !== 'Typing' && body.command !== 'CancelTyping') return wxError(c, 40035)
      customState(state).typing.set(body.touser as string, { on: body.command === 'Typing', at: now })
      return wxOk(c)
    })

    kfRoutes(hono, emu)
  },

  control(control, emu: EmulatorContext) {
    // Whether "typing..." shows for a user now (WeChat drops it after 15 seconds).
    control.get('/custom/typing', (c) => {
      const appState = appOf(emu, c.req.query('appId'))
      const openid = requiredString(c.req.query('openid'), 'openid')
      const t = customState(appState).typing.get(openid)
      const on = t !== undefined && t.on && emu.clock.now() - t.at < 15_000
      return c.json({ openid, typing: on, at: t?.at ?? null })
    })

    // The 48-hour window and the allowance left for a user.
    control.get('/custom/window', (c) => {
      const appState = appOf(emu, c.req.query('appId'))
      const openid = requiredString(c.req.query('openid'), 'openid')
      const now = emu.clock.now()
      const last = appState.interactions.get(openid)
      const open = windowErrcode(appState, openid, now) === 0
      const { windowMs, sends } = allowance(appState.interactionScenes.get(openid))
      return c.json({
        openid,
        open,
        lastInteraction: last ?? null,
        closesAt: last === undefined ? null : last + windowMs,
        remaining: open ? sends - usage(appState, openid).count : 0,
      })
    })

    kfControl(control, emu)
  },
})
