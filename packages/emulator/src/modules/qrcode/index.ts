// Emulator module: QR tickets (`POST /cgi-bin/qrcode/create`) and their image (`GET
// /cgi-bin/showqrcode`, unauthenticated like WeChat's mp.weixin.qq.com host). Tickets map back to
// their scene; temporary ones expire on the emulator clock.
import type { Context } from 'hono'
import QRCode from 'qrcode'
import { defineModule, type AppState, type EmuEnv, type EmulatorContext } from '../../context'
import { readJson, wxError, wxJson } from '../../wechat'
import { QrStore, type QrTicket } from './store'
import { ControlError, appOf, integer, readBody } from '../../control/kit'

export const TEMPORARY_DEFAULT_SECONDS = 60
export const TEMPORARY_MAX_SECONDS = 2_592_000
export const PERMANENT_MAX_SCENE_ID = 100_000
export const TEMPORARY_MAX_SCENE_ID = 4_294_967_295

const ACTIONS = new Set(['QR_SCENE', 'QR_STR_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE'])

interface CreateBody {
  expire_seconds?: unknown
  action_name?: unknown
  action_info?: { scene?: { scene_id?: unknown; scene_str?: unknown } }
}

/** The app's QR tickets (the push module scans them). */
export const storeOf = (appState: AppState): QrStore => appState.ext('qrcode', () => new QrStore())

/** The scene the action asks for, or undefined when it breaks WeChat's rules (40053). */
function sceneOf(action: string, body: CreateBody): number | string | undefined {
  const scene = body.action_info?.scene
  if (scene === null || typeof scene !== 'object') return undefined
  if (action === 'QR_SCENE' || action === 'QR_LIMIT_SCENE') {
    const max = action === 'QR_SCENE' ? TEMPORARY_MAX_SCENE_ID : PERMANENT_MAX_SCENE_ID
    const id = scene.scene_id
    return typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= max ? id : undefined
  }
  const str = scene.scene_str
  return typeof str === 'string' && str.length >= 1 && [...str].length <= 64 ? str : undefined
}

/** Any app's ticket: showqrcode carries no token, so the ticket alone says whose it is. */
function findTicket(emu: EmulatorContext, ticket: string): QrTicket | undefined {
  for (const appState of emu.apps.values()) {
    const found = storeOf(appState).get(ticket)
    if (found) return found
  }
  return undefined
}

function describe(t: QrTicket, now: number) {
  return {
    appId: t.appId,
    ticket: t.ticket,
    kind: t.kind,
    actionName: t.actionName,
    scene: t.scene,
    url: t.url,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt ?? null,
    expired: t.expiresAt !== undefined && now >= t.expiresAt,
  }
}

export const qrcodeModule = defineModule({
  name: 'qrcode',
  routes(hono, emu) {
    hono.post('/cgi-bin/qrcode/create', async (c: Context<EmuEnv>) => {
      const body = await readJson<CreateBody>(c)
      if (body instanceof Response) return body
      const action = body.action_name
      if (typeof action !== 'string' || !ACTIONS.has(action)) return wxError(c, 40053, 'invalid action name')
      const scene = sceneOf(action, body)
      if (scene === undefined) return wxError(c, 40053)
      const store = storeOf(c.get('appState'))
      const now = emu.clock.now()

      if (action.startsWith('QR_LIMIT')) {
        const issued = store.permanent(c.get('appState').appId, action, scene, now)
        if (issued === undefined) return wxError(c, 40053, `permanent qrcode limit ${store.permanentLimit} reached`)
        return wxJson(c, { ticket: issued.ticket, url: issued.url })
      }

      let seconds = TEMPORARY_DEFAULT_SECONDS
      if (body.expire_seconds !== undefined) {
        const e = body.expire_seconds
        if (typeof e !== 'number' || !Number.isInteger(e) || e < 1) return wxError(c, 40097, 'invalid args: expire_seconds')
        // WeChat documents 2,592,000 as the maximum; a longer request gets the maximum, not an error.
        seconds = Math.min(e, TEMPORARY_MAX_SECONDS)
      }
      const issued = store.temporary(c.get('appState').appId, action, scene, now, seconds)
      return wxJson(c, { ticket: issued.ticket, expire_seconds: seconds, url: issued.url })
    })

    // WeChat serves this from mp.weixin.qq.com without a token; an unknown or expired ticket is an
    // HTTP 404, not an errcode.
    hono.get('/cgi-bin/showqrcode', async (c) => {
      const ticket = c.req.query('ticket') ?? ''
      const found = findTicket(emu, ticket)
      if (!found || (found.expiresAt !== undefined && emu.clock.now() >= found.expiresAt)) {
        return c.body('<html><body><h1>404 Not Found</h1></body></html>', 404, { 'Content-Type': 'text/html; charset=utf-8' })
      }
      // WeChat answers a JPEG; a PNG says so in its Content-Type, and clients must go by that.
      const png = await QRCode.toBuffer(found.url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 })
      return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-cache' })
    })
  },

  control(control, emu) {
    // What a ticket stands for: the scene a scan would report, and whether it is still alive.
    control.get('/qrcode/ticket', (c) => {
      const ticket = c.req.query('ticket') ?? ''
      const found = findTicket(emu, ticket)
      if (!found) throw new ControlError(`unknown ticket ${JSON.stringify(ticket.slice(0, 20))}`, 404)
      return c.json(describe(found, emu.clock.now()))
    })

    // Lowers (or raises) the 100,000 permanent-code limit so a test can reach it.
    control.post('/qrcode/permanent-limit', async (c) => {
      const b = await readBody(c)
      const target = appOf(emu, b.appId)
      if (typeof b.limit !== 'number') throw new ControlError('limit must be an integer >= 0')
      const store = storeOf(target)
      store.permanentLimit = integer(b.limit, 'limit')
      return c.json({ appId: target.appId, limit: store.permanentLimit, used: store.permanentCount })
    })
  },
})
