// Emulator module: followers act, and the emulator pushes what they did to the account's server
// (接收普通消息 / 接收事件推送), then delivers the passive reply. Control routes only: WeChat has no
// API for this; tests drive it through `control.userMessage`, `userEvent`, `configurePush`, `pushes`.
// https://developers.weixin.qq.com/doc/service/guide/product/message/Receiving_standard_messages.html
// https://developers.weixin.qq.com/doc/service/guide/product/message/Receiving_event_pushes.html
import { randomBytes } from 'node:crypto'
import { defineModule, type AppState, type EmulatorContext } from '../../context'
import { ControlError, appOf, isObject as isObj, readBody, type Body } from '../../control/kit'
import { describeTarget, pushTarget } from '../../push/pusher'
import type { PushConfig, PushRecord } from '../../types'
import { storeOf as qrStore } from '../qrcode'
import { verifyUrl } from './verify'

/** The id a push is about: a message's MsgId, or a job result's MsgID (the send's msg_id / msgid), decimal. */
const pushMsgId = (p: PushRecord): string | undefined => p.msgId ?? (p.fields.MsgID === undefined ? undefined : String(p.fields.MsgID))

// 64-bit like WeChat's MsgId, beyond 2^53 so a receiver that parses it as a number gets it wrong.
let nextMsgId = 7_000_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e9)) * 1000n
const newMsgId = () => (nextMsgId += 1n + BigInt(Math.floor(Math.random() * 97)))

const mediaId = () => randomBytes(48).toString('base64url').slice(0, 64)
/** A temporary QR ticket for a scene given without one lives WeChat's longest: 30 days. */
const SCENE_TICKET_SECONDS = 2_592_000

function text(b: Body, name: string, where: string, required = true): string | undefined {
  const v = b[name]
  if (v === undefined && !required) return undefined
  if (typeof v !== 'string' || (required && v === '')) throw new ControlError(`${where}.${name} must be a non-empty string`)
  return v
}

function num(b: Body, name: string, where: string): number {
  const v = b[name]
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ControlError(`${where}.${name} must be a number`)
  return v
}

/** WeChat's fields for a follower's message (after ToUserName, FromUserName, CreateTime). */
function messageFields(m: Body, msgId: bigint): Record<string, unknown> {
  const t = m.msgType
  switch (t) {
    case 'text':
      return { MsgType: t, Content: text(m, 'content', 'message'), MsgId: msgId }
    case 'image':
      return {
        MsgType: t,
        PicUrl: text(m, 'picUrl', 'message', false) ?? `http://mmbiz.qpic.cn/mmbiz_jpg/${mediaId().slice(0, 32)}/0`,
        MediaId: text(m, 'mediaId', 'message', false) ?? mediaId(),
        MsgId: msgId,
      }
    case 'voice': {
      const recognition = text(m, 'recognition', 'message', false)
      return {
        MsgType: t,
        MediaId: text(m, 'mediaId', 'message', false) ?? mediaId(),
        Format: text(m, 'format', 'message', false) ?? 'amr',
        ...(recognition === undefined ? {} : { Recognition: recognition }),
        MsgId: msgId,
      }
    }
    case 'video':
    case 'shortvideo':
      return {
        MsgType: t,
        MediaId: text(m, 'mediaId', 'message', false) ?? mediaId(),
        ThumbMediaId: text(m, 'thumbMediaId', 'message', false) ?? mediaId(),
        MsgId: msgId,
      }
    case 'location':
      return {
        MsgType: t,
        Location_X: num(m, 'locationX', 'message'),
        Location_Y: num(m, 'locationY', 'message'),
        Scale: num(m, 'scale', 'message'),
        Label: text(m, 'label', 'message'),
        MsgId: msgId,
      }
    case 'link':
      return {
        MsgType: t,
        Title: text(m, 'title', 'message'),
        Description: text(m, 'description', 'message'),
        Url: text(m, 'url', 'message'),
        MsgId: msgId,
      }
    default:
      throw new ControlError(`message.msgType must be text, image, voice, video, shortvideo, location or link, got ${JSON.stringify(t)}`)
  }
}

/** Follows (again): the user APIs report subscribe 1 from now on. */
function follow(appState: AppState, openid: string, now: number, scene?: number | string): void {
  const patch = {
    subscribed: true,
    subscribeTime: Math.floor(now / 1000),
    subscribeScene: scene === undefined ? 'ADD_SCENE_OTHERS' : 'ADD_SCENE_QR_CODE',
    qrScene: typeof scene === 'number' ? scene : 0,
    qrSceneStr: typeof scene === 'string' ? scene : '',
  }
  if (appState.followers.exists(openid)) Object.assign(appState.followers.record(openid), patch)
  else appState.followers.add(openid, patch)
}

function needFollower(appState: AppState, openid: string): void {
  if (!appState.followers.isFollowing(openid))
    throw new ControlError(`${openid} does not follow ${appState.appId}: only followers can do that (subscribe first)`)
}

type Scene = 'click' | 'subscribe' | 'scan'

/** The event's fields, after changing the follower's state as WeChat would; `interaction` the reply window it opens, if any. */
function eventFields(
  appState: AppState,
  openid: string,
  e: Body,
  now: number,
): { fields: Record<string, unknown>; interaction: Scene | undefined; replies: boolean } {
  switch (e.event) {
    case 'subscribe': {
      const scene = e.scene
      if (
        scene !== undefined &&
        !(typeof scene === 'string' && scene !== '') &&
        !(typeof scene === 'number' && Number.isInteger(scene) && scene > 0)
      ) {
        throw new ControlError('event.scene must be a positive integer or a non-empty string')
      }
      follow(appState, openid, now, scene as number | string | undefined)
      if (scene === undefined) return { fields: { MsgType: 'event', Event: 'subscribe' }, interaction: 'subscribe', replies: true }
      const action = typeof scene === 'number' ? 'QR_SCENE' : 'QR_STR_SCENE'
      const ticket = qrStore(appState).temporary(appState.appId, action, scene as number | string, now, SCENE_TICKET_SECONDS)
      return {
        fields: { MsgType: 'event', Event: 'subscribe', EventKey: `qrscene_${scene}`, Ticket: ticket.ticket },
        interaction: 'scan',
        replies: true,
      }
    }
    case 'unsubscribe': {
      needFollower(appState, openid)
      appState.followers.record(openid).subscribed = false
      appState.interactions.delete(openid)
      return { fields: { MsgType: 'event', Event: 'unsubscribe' }, interaction: undefined, replies: false }
    }
    case 'scan': {
      const ticket = text(e, 'ticket', 'event') as string
      const found = qrStore(appState).get(ticket)
      if (!found) throw new ControlError(`unknown ticket for ${appState.appId} (create one with /cgi-bin/qrcode/create)`, 404)
      if (found.expiresAt !== undefined && now >= found.expiresAt)
        throw new ControlError('the QR code has expired: WeChat would not open it')
      if (!appState.followers.isFollowing(openid)) {
        follow(appState, openid, now, found.scene)
        return {
          fields: { MsgType: 'event', Event: 'subscribe', EventKey: `qrscene_${found.scene}`, Ticket: ticket },
          interaction: 'scan',
          replies: true,
        }
      }
      return {
        fields: { MsgType: 'event', Event: 'SCAN', EventKey: String(found.scene), Ticket: ticket },
        interaction: 'scan',
        replies: true,
      }
    }
    case 'CLICK':
      needFollower(appState, openid)
      return { fields: { MsgType: 'event', Event: 'CLICK', EventKey: text(e, 'key', 'event') }, interaction: 'click', replies: true }
    case 'VIEW': {
      needFollower(appState, openid)
      const menuId = text(e, 'menuId', 'event', false)
      return {
        fields: { MsgType: 'event', Event: 'VIEW', EventKey: text(e, 'url', 'event'), ...(menuId === undefined ? {} : { MenuId: menuId }) },
        interaction: undefined,
        replies: false,
      }
    }
    case 'LOCATION':
      needFollower(appState, openid)
      return {
        fields: {
          MsgType: 'event',
          Event: 'LOCATION',
          Latitude: num(e, 'latitude', 'event'),
          Longitude: num(e, 'longitude', 'event'),
          Precision: num(e, 'precision', 'event'),
        },
        interaction: undefined,
        replies: true,
      }
    default:
      throw new ControlError(`event.event must be subscribe, unsubscribe, scan, CLICK, VIEW or LOCATION, got ${JSON.stringify(e.event)}`)
  }
}

/**
 * A click, follow or scan allows 3 customer-service sends within 1 minute; it never shortens the
 * 48 hours a follower's recent message opened (客服消息下发规则).
 * https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage.html
 */
function openWindow(appState: AppState, openid: string, scene: Scene, now: number): void {
  const last = appState.interactions.get(openid)
  const messageWindowOpen = last !== undefined && !appState.interactionScenes.has(openid) && now - last <= 48 * 3600_000
  if (messageWindowOpen) return
  appState.interactions.set(openid, now)
  appState.interactionScenes.set(openid, scene)
}

/** A follower's action with nowhere to push it is a test set-up mistake, not a push that failed. */
function needTarget(appState: AppState): void {
  if (!appState.pushTarget)
    throw new ControlError(`${appState.appId} has no push URL: configurePush({ url, token }) first (or startEmulator({ push }))`, 409)
}

export const pushModule = defineModule({
  name: 'push',
  control(control, emu: EmulatorContext) {
    const openidOf = (b: Body): string => {
      const openid = b.openid
      if (typeof openid !== 'string' || !/^[\w-]{1,64}$/.test(openid))
        throw new ControlError('openid must be 1 to 64 letters, digits, - or _')
      return openid
    }

    control.get('/push/config', (c) => c.json(describeTarget(appOf(emu, c.req.query('appId')).pushTarget)))
    control.post('/push/config', async (c) => {
      const b = await readBody(c)
      const appState = appOf(emu, b.appId)
      appState.pushTarget = b.push === null ? undefined : pushTarget(b.push as PushConfig)
      return c.json(describeTarget(appState.pushTarget))
    })

    // WeChat's URL verification (the console's signed GET with echostr), sent to the push URL now.
    control.post('/push/verify', async (c) => {
      const b = await readBody(c)
      const state = appOf(emu, b.appId)
      needTarget(state)
      if (b.echostr !== undefined && (typeof b.echostr !== 'string' || b.echostr === ''))
        throw new ControlError('echostr must be a non-empty string')
      return c.json(await verifyUrl(state.pushTarget as NonNullable<AppState['pushTarget']>, emu.clock, b.echostr as string | undefined))
    })

    control.get('/push/log', (c) => {
      const appState = appOf(emu, c.req.query('appId'))
      const { type, msgId, after } = c.req.query()
      if (msgId !== undefined && !/^\d{1,20}$/.test(msgId))
        throw new ControlError(`msgId must be a decimal id, got ${JSON.stringify(msgId)}`)
      if (after !== undefined && !/^\d{1,15}$/.test(after))
        throw new ControlError(`after must be a push's seq (a non-negative integer), got ${JSON.stringify(after)}`)
      const pushes = appState.pushes.filter(
        (p) =>
          (type === undefined || p.type === type) &&
          (after === undefined || p.seq > Number(after)) &&
          (msgId === undefined || pushMsgId(p) === msgId),
      )
      return c.json(pushes)
    })

    control.post('/push/message', async (c) => {
      const b = await readBody(c)
      const appState = appOf(emu, b.appId)
      const openid = openidOf(b)
      if (!isObj(b.message)) throw new ControlError('message must be an object { msgType, ... }')
      needFollower(appState, openid)
      needTarget(appState)
      const fields = messageFields(b.message, newMsgId())
      appState.interactions.set(openid, emu.clock.now())
      appState.interactionScenes.delete(openid)
      // WeChat: a news reply to a follower's message holds 1 article (8 after an event).
      const record = await emu.push(appState, { kind: 'message', from: openid, fields, replies: true, maxArticles: 1 })
      return c.json(record)
    })

    control.post('/push/event', async (c) => {
      const b = await readBody(c)
      const appState = appOf(emu, b.appId)
      const openid = openidOf(b)
      if (!isObj(b.event)) throw new ControlError('event must be an object { event, ... }')
      needTarget(appState)
      const now = emu.clock.now()
      const { fields, interaction, replies } = eventFields(appState, openid, b.event, now)
      if (interaction) openWindow(appState, openid, interaction, now)
      return c.json(await emu.push(appState, { kind: 'event', from: openid, fields, replies }))
    })
  },
})
