// Emulator module: customer-service sessions and chat records (kfsession/*, msgrecord/getmsglist),
// which co-wechat-api and wechat-api call; shapes and 654xx errcodes from WeChat's pages:
// https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html
// https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Obtain_chat_transcript.html
import type { Context } from 'hono'
import { defineModule, type AppState, type EmuEnv, type EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { customState, type KfRecord } from '../custom/state'
import { ControlError, appOf, readBody } from '../../control/kit'

/** WeChat's operation codes in chat records (the transcript doc's opercode table). */
export const OPERCODE = { created: 1000, accepted: 1001, started: 1002, closed: 1004, kfSent: 2002 } as const

/** At most this many records a page (the transcript doc: number ≤ 10000). */
export const RECORDS_PAGE_MAX = 10_000
/** A query spans at most one day (65417 beyond it). */
export const RECORDS_SPAN_MAX_SECONDS = 24 * 3600

interface Session {
  readonly kfAccount: string
  /** Epoch seconds. */
  readonly createtime: number
}

interface ChatRecord {
  readonly openid: string
  readonly opercode: number
  readonly text: string
  /** Epoch seconds. */
  readonly time: number
  readonly worker: string
}

class KfSessionState {
  /** openid → the session serving them (a user is served by one account at a time). */
  readonly sessions = new Map<string, Session>()
  /** openid → when they last wrote while waiting (epoch seconds). */
  readonly waiting = new Map<string, number>()
  /** Every record, oldest first; a record's msgid is its index + 1. */
  readonly records: ChatRecord[] = []
}

// The session doc's errcodes, with messages in WeChat's style.
const ERRMSG: Record<number, string> = {
  65401: 'invalid kf_account',
  65402: 'kf_account not bound to a wechat user',
  65413: 'no session for this user',
  65414: 'user is being served by another kf_account',
  65415: 'kf_account is offline',
  65416: 'invalid query parameters',
  65417: 'query time span out of limit',
}
const fail = (c: Context<EmuEnv>, errcode: number): Response => wxError(c, errcode, ERRMSG[errcode])

/**
 * Tells the account's server, after the answer has gone out, as WeChat does (接收事件推送, 客服会话):
 * kf_create_session / kf_close_session carry KfAccount, kf_switch_session FromKfAccount and ToKfAccount.
 * https://developers.weixin.qq.com/doc/service/Customer_Service/Session_control.html (fields as WxJava, wechatpy and chanxuehong/wechat read them)
 */
function pushSessionEvent(emu: EmulatorContext, appState: AppState, openid: string, fields: Record<string, unknown>): void {
  if (appState.pushTarget)
    emu.schedule(
      emu.clock.now(),
      () => void emu.push(appState, { kind: 'event', from: openid, fields: { MsgType: 'event', ...fields }, replies: false }),
    )
}

const stateOf = (appState: AppState): KfSessionState => appState.ext('kfsession', () => new KfSessionState())
const seconds = (emu: EmulatorContext): number => Math.floor(emu.clock.now() / 1000)
const isText = (v: unknown): v is string => typeof v === 'string' && v !== ''

/** The kf account for a session, or WeChat's errcode: 65401 unknown, 65402 not bound to a WeChat user, 65415 offline. */
function servingAccount(appState: AppState, account: unknown): KfRecord | number {
  const record = isText(account) ? customState(appState).kf.get(account) : undefined
  if (!record) return 65401
  if (!record.kf_wx) return 65402
  if (!record.online) return 65415
  return record
}

/** A session body `{kf_account, openid}`, checked, or the error answer. */
async function sessionBody(c: Context<EmuEnv>): Promise<{ account: KfRecord; openid: string } | Response> {
  const body = await readJson(c)
  if (body instanceof Response) return body
  const appState = c.get('appState')
  const account = servingAccount(appState, body.kf_account)
  if (typeof account === 'number') return fail(c, account)
  if (!isText(body.openid) || !appState.followers.exists(body.openid)) return wxError(c, 40003)
  return { account, openid: body.openid }
}

export const kfSessionModule = defineModule({
  name: 'kfsession',
  routes(hono, emu) {
    // Creates a session; one that already exists with this account answers 0, with another 65414.
    hono.post('/customservice/kfsession/create', async (c: Context<EmuEnv>) => {
      const checked = await sessionBody(c)
      if (checked instanceof Response) return checked
      const state = stateOf(c.get('appState'))
      const current = state.sessions.get(checked.openid)
      if (current && current.kfAccount !== checked.account.kf_account) return fail(c, 65414)
      if (!current) {
        const now = seconds(emu)
        state.sessions.set(checked.openid, { kfAccount: checked.account.kf_account, createtime: now })
        state.waiting.delete(checked.openid)
        state.records.push({ openid: checked.openid, opercode: OPERCODE.started, text: '', time: now, worker: checked.account.kf_account })
        pushSessionEvent(emu, c.get('app'), checked.openid, { Event: 'kf_create_session', KfAccount: checked.account.kf_account })
      }
      return wxOk(c)
    })

    hono.post('/customservice/kfsession/close', async (c: Context<EmuEnv>) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      const appState = c.get('appState')
      if (!isText(body.kf_account) || !customState(appState).kf.has(body.kf_account)) return fail(c, 65401)
      if (!isText(body.openid) || !appState.followers.exists(body.openid)) return wxError(c, 40003)
      const state = stateOf(appState)
      const current = state.sessions.get(body.openid)
      if (!current || current.kfAccount !== body.kf_account) return fail(c, 65413)
      state.sessions.delete(body.openid)
      state.records.push({ openid: body.openid, opercode: OPERCODE.closed, text: '', time: seconds(emu), worker: body.kf_account })
      pushSessionEvent(emu, appState, body.openid, { Event: 'kf_close_session', KfAccount: body.kf_account })
      return wxOk(c)
    })

    // No session: kf_account is empty (the doc's words), createtime 0.
    hono.get('/customservice/kfsession/getsession', (c: Context<EmuEnv>) => {
      const openid = c.req.query('openid')
      const appState = c.get('appState')
      if (!isText(openid) || !appState.followers.exists(openid)) return wxError(c, 40003)
      const session = stateOf(appState).sessions.get(openid)
      return wxJson(c, { createtime: session?.createtime ?? 0, errcode: 0, errmsg: 'ok', kf_account: session?.kfAccount ?? '' })
    })

    hono.get('/customservice/kfsession/getsessionlist', (c: Context<EmuEnv>) => {
      const account = c.req.query('kf_account')
      const appState = c.get('appState')
      if (!isText(account) || !customState(appState).kf.has(account)) return fail(c, 65401)
      const sessionlist = [...stateOf(appState).sessions]
        .filter(([, s]) => s.kfAccount === account)
        .map(([openid, s]) => ({ createtime: s.createtime, openid }))
      return wxJson(c, { sessionlist })
    })

    hono.get('/customservice/kfsession/getwaitcase', (c: Context<EmuEnv>) => {
      const waitcaselist = [...stateOf(c.get('appState')).waiting].map(([openid, latest_time]) => ({ latest_time, openid }))
      return wxJson(c, { count: waitcaselist.length, waitcaselist })
    })

    // Records between starttime and endtime (one day at most), from msgid on, `number` at most.
    hono.post('/customservice/msgrecord/getmsglist', async (c: Context<EmuEnv>) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      const { starttime, endtime, msgid, number } = body as Record<string, unknown>
      const ints = [starttime, endtime, msgid, number].every((v) => Number.isSafeInteger(v))
      if (
        !ints ||
        (msgid as number) < 1 ||
        (number as number) < 1 ||
        (number as number) > RECORDS_PAGE_MAX ||
        (endtime as number) < (starttime as number)
      ) {
        return fail(c, 65416)
      }
      if ((endtime as number) - (starttime as number) > RECORDS_SPAN_MAX_SECONDS) return fail(c, 65417)
      const records = stateOf(c.get('appState')).records
      const recordlist: ChatRecord[] = []
      let next = msgid as number
      for (let i = next - 1; i < records.length && recordlist.length < (number as number); i++) {
        next = i + 2
        const r = records[i]!
        if (r.time >= (starttime as number) && r.time <= (endtime as number)) recordlist.push(r)
      }
      return wxJson(c, { recordlist, number: recordlist.length, msgid: next })
    })
  },

  control(control, emu) {
    // The invited WeChat user accepts: the account is bound (kf_wx) and can take sessions once online.
    control.post('/kfsession/accept-invite', async (c) => {
      const body = await readBody(c)
      const record = customState(appOf(emu, body.appId)).kf.get(String(body.kfAccount))
      if (!record) throw new ControlError(`unknown kfAccount ${String(body.kfAccount)}`, 404)
      const wechatId = record.invite_wx ?? (isText(body.wechatId) ? body.wechatId : undefined)
      if (!wechatId) throw new ControlError(`kfAccount ${record.kf_account} has no pending invitation and no wechatId was given`, 409)
      record.kf_wx = wechatId
      delete record.invite_wx
      delete record.invite_expire_time
      delete record.invite_status
      return c.json({ kfAccount: record.kf_account, kfWx: wechatId })
    })

    // A kf worker transfers the follower to another account in WeChat's kf client (no API does this):
    // the session moves and kf_switch_session is pushed.
    control.post('/kfsession/switch', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
      const target = appOf(emu, body.appId)
      if (!isText(body.openid)) return c.json({ error: 'openid required' }, 400)
      const state = stateOf(target)
      const current = state.sessions.get(body.openid)
      if (!current) return c.json({ error: `openid ${body.openid} has no session to switch` }, 409)
      const to = servingAccount(target, body.toKfAccount)
      if (typeof to === 'number')
        return c.json({ error: `toKfAccount ${String(body.toKfAccount)} cannot take sessions (errcode ${to})` }, 409)
      const now = seconds(emu)
      state.sessions.set(body.openid, { kfAccount: to.kf_account, createtime: now })
      state.records.push({ openid: body.openid, opercode: OPERCODE.started, text: '', time: now, worker: to.kf_account })
      const record = await emu.push(target, {
        kind: 'event',
        from: body.openid,
        fields: { MsgType: 'event', Event: 'kf_switch_session', FromKfAccount: current.kfAccount, ToKfAccount: to.kf_account },
        replies: false,
      })
      return c.json(record)
    })

    // A follower writes while no one serves them: they join the wait list (and the transcript).
    control.post('/kfsession/wait', async (c) => {
      const body = await readBody(c)
      const target = appOf(emu, body.appId)
      if (!isText(body.openid)) throw new ControlError('openid is required')
      const state = stateOf(target)
      const now = seconds(emu)
      state.waiting.set(body.openid, now)
      state.records.push({
        openid: body.openid,
        opercode: OPERCODE.created,
        text: isText(body.text) ? body.text : '',
        time: now,
        worker: '',
      })
      return c.json({ waiting: state.waiting.size })
    })
  },
})
