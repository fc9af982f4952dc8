// Customer-service (kf) accounts: /cgi-bin/customservice/getkflist, getonlinekflist and
// /customservice/kfaccount/{add,update,del,uploadheadimg,inviteworker}, with WeChat's 6145x codes.
import type { Context } from 'hono'
import type { EmuEnv, EmuHono, EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { KF_MAX } from './limits'
import { controlApp, customState, type KfRecord } from './state'

const PREFIX = /^\w+$/

/** 0 when `account` is a well-formed `prefix@wechatid`, else WeChat's errcode. */
function accountErrcode(account: unknown): number {
  if (typeof account !== 'string' || account === '') return 61451
  const at = account.indexOf('@')
  if (at <= 0 || at === account.length - 1) return 61451
  const prefix = account.slice(0, at)
  if (prefix.length > 10) return 61454
  if (!PREFIX.test(prefix)) return 61455
  return 0
}

const nicknameOk = (nick: unknown): nick is string => typeof nick === 'string' && nick !== '' && [...nick].length <= 16

function listed(r: KfRecord): Record<string, unknown> {
  const { online: _online, ...wire } = r
  return wire
}

export function kfRoutes(app: EmuHono, emu: EmulatorContext): void {
  app.get('/cgi-bin/customservice/getkflist', (c: Context<EmuEnv>) =>
    wxJson(c, { kf_list: [...customState(c.get('app')).kf.values()].map(listed) }),
  )

  app.get('/cgi-bin/customservice/getonlinekflist', (c: Context<EmuEnv>) => {
    const online = [...customState(c.get('app')).kf.values()].filter((r) => r.online)
    return wxJson(c, {
      kf_online_list: online.map((r) => ({ kf_account: r.kf_account, status: r.online?.status ?? 1, kf_id: String(r.kf_id), accepted_case: r.online?.accepted_case ?? 0 })),
    })
  })

  app.post('/customservice/kfaccount/add', async (c: Context<EmuEnv>) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const bad = accountErrcode(body.kf_account)
    if (bad) return wxError(c, bad)
    if (!nicknameOk(body.nickname)) return wxError(c, 61451, 'invalid parameter')
    const state = customState(c.get('app'))
    const account = body.kf_account as string
    if (state.kf.has(account)) return wxError(c, 61453, 'kf_account exsited')
    if (state.kf.size >= KF_MAX) return wxError(c, 61456, 'kf_account count exceeded')
    state.kf.set(account, { kf_account: account, kf_nick: body.nickname, kf_id: state.nextKfId++, kf_headimgurl: '' })
    return wxOk(c)
  })

  app.post('/customservice/kfaccount/update', async (c: Context<EmuEnv>) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const bad = accountErrcode(body.kf_account)
    if (bad) return wxError(c, bad)
    const record = customState(c.get('app')).kf.get(body.kf_account as string)
    if (!record) return wxError(c, 61452, 'invalid kf_account')
    if (!nicknameOk(body.nickname)) return wxError(c, 61451, 'invalid parameter')
    record.kf_nick = body.nickname
    return wxOk(c)
  })

  // WeChat documents del as a GET with ?kf_account=; newer pages show a POST body: take both.
  const del = async (c: Context<EmuEnv>) => {
    let account: unknown = c.req.query('kf_account')
    if (account === undefined && c.req.method === 'POST') {
      const body = await readJson(c)
      if (body instanceof Response) return body
      account = body.kf_account
    }
    const bad = accountErrcode(account)
    if (bad) return wxError(c, bad)
    if (!customState(c.get('app')).kf.delete(account as string)) return wxError(c, 61452, 'invalid kf_account')
    return wxOk(c)
  }
  app.get('/customservice/kfaccount/del', del)
  app.post('/customservice/kfaccount/del', del)

  app.post('/customservice/kfaccount/uploadheadimg', async (c: Context<EmuEnv>) => {
    const account = c.req.query('kf_account')
    const bad = accountErrcode(account)
    if (bad) return wxError(c, bad)
    const state = customState(c.get('app'))
    const record = state.kf.get(account as string)
    if (!record) return wxError(c, 61452, 'invalid kf_account')
    let media: unknown
    try {
      media = (await c.req.parseBody())['media']
    } catch {
      return wxError(c, 41005, 'media data missing')
    }
    if (!(media instanceof Blob) || media.size === 0) return wxError(c, 41005, 'media data missing')
    const head = new Uint8Array(await media.slice(0, 3).arrayBuffer())
    if (!(head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)) return wxError(c, 61457, 'invalid file type')
    record.kf_headimgurl = `https://mmbiz.qpic.cn/mmbiz_jpg/emulator-kf-${record.kf_id}-${++state.avatarSeq}/0`
    return wxOk(c)
  })

  app.post('/customservice/kfaccount/inviteworker', async (c: Context<EmuEnv>) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const bad = accountErrcode(body.kf_account)
    if (bad) return wxError(c, bad)
    const record = customState(c.get('app')).kf.get(body.kf_account as string)
    if (!record) return wxError(c, 61452, 'invalid kf_account')
    if (typeof body.invite_wx !== 'string' || body.invite_wx === '') return wxError(c, 61451, 'invalid parameter')
    record.invite_wx = body.invite_wx
    record.invite_expire_time = Math.floor(emu.clock.now() / 1000) + 7 * 86400
    record.invite_status = 'waiting'
    return wxOk(c)
  })
}

export function kfControl(control: EmuHono, emu: EmulatorContext): void {
  // Puts a kf account online (or offline) so getonlinekflist lists it.
  control.post('/custom/kf/online', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const app = controlApp(emu, body.appId)
    const record = app ? customState(app).kf.get(String(body.kfAccount)) : undefined
    if (!record) return c.json({ error: `unknown kfAccount ${String(body.kfAccount)}` }, 404)
    if (body.online === false) delete record.online
    else record.online = { status: Number(body.status ?? 1), accepted_case: Number(body.acceptedCase ?? 0) }
    return c.json({ kfAccount: record.kf_account, online: record.online !== undefined })
  })
}
