// Customer-service (kf) accounts: /cgi-bin/customservice/getkflist, getonlinekflist and
// /customservice/kfaccount/{add,update,del,uploadheadimg,inviteworker}, answering the errcodes and
// errmsgs WeChat's current pages list (65400-65412, 40005), not the retired 6145x codes:
// https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_addkfaccount (65403-65406),
// api_delkfaccount (65401), api_uploadkfheadimg (40005; media in form-data, within 5M),
// api_invitekfworker (65407-65412).
import type { Context } from 'hono'
import type { EmuEnv, EmuHono, EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { KF_MAX } from './limits'
import { customState, type KfRecord } from './state'
import { ControlError, appOf, readBody } from '../../control/kit'

/** The errmsg each page gives for its code. */
const KF_ERRMSG: Record<number, string> = {
  40005: 'invalid file type',
  40009: 'invalid media size',
  65401: 'invalid custom service account',
  65403: 'illegal nickname',
  65404: 'illegal custom service account',
  65405: 'custom service account number reach limit',
  65406: 'custom service account exists',
  65407: 'the wechat user have been one of your workers',
  65408: 'you have already invited the wechat user',
  65409: 'wechat account invalid',
  65411: 'a effective invitation to bind the custom service account exists',
  65412: 'the custom service account have been bound by a wechat user',
}
const fail = (c: Context<EmuEnv>, errcode: number) => wxError(c, errcode, KF_ERRMSG[errcode])

/** Avatar files: "文件大小为5M 以内" (api_uploadkfheadimg). */
const KF_AVATAR_MAX_BYTES = 5 * 1024 * 1024

const PREFIX = /^\w{1,10}$/

/**
 * Whether `account` is a well-formed `prefix@wechatid` (api_addkfaccount: prefix at most 10
 * letters, digits or underscores; the suffix, the account's WeChat ID, at most 30 characters).
 */
function accountOk(account: unknown): account is string {
  if (typeof account !== 'string') return false
  const at = account.indexOf('@')
  if (at < 0 || at !== account.lastIndexOf('@')) return false
  const suffix = account.slice(at + 1)
  return PREFIX.test(account.slice(0, at)) && suffix !== '' && suffix.length <= 30
}

const nicknameOk = (nick: unknown): nick is string => typeof nick === 'string' && nick !== '' && [...nick].length <= 16

/** The image formats WeChat takes as media (bmp/png/jpeg/jpg/gif), by their first bytes. */
function isImage(b: Uint8Array): boolean {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return true // JPEG
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return true // PNG
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return true // GIF8
  return b[0] === 0x42 && b[1] === 0x4d // BMP
}

function listed(r: KfRecord): Record<string, unknown> {
  const { online: _online, ...wire } = r
  return wire
}

export function kfRoutes(hono: EmuHono, emu: EmulatorContext): void {
  hono.get('/cgi-bin/customservice/getkflist', (c: Context<EmuEnv>) =>
    wxJson(c, { kf_list: [...customState(c.get('appState')).kf.values()].map(listed) }),
  )

  hono.get('/cgi-bin/customservice/getonlinekflist', (c: Context<EmuEnv>) => {
    const online = [...customState(c.get('appState')).kf.values()].filter((r) => r.online)
    return wxJson(c, {
      kf_online_list: online.map((r) => ({
        kf_account: r.kf_account,
        status: r.online?.status ?? 1,
        kf_id: String(r.kf_id),
        accepted_case: r.online?.accepted_case ?? 0,
      })),
    })
  })

  hono.post('/customservice/kfaccount/add', async (c: Context<EmuEnv>) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const account = body.kf_account
    if (!accountOk(account)) return fail(c, 65404)
    if (!nicknameOk(body.nickname)) return fail(c, 65403)
    const state = customState(c.get('appState'))
    if (state.kf.has(account)) return fail(c, 65406)
    if (state.kf.size >= KF_MAX) return fail(c, 65405)
    state.kf.set(account, { kf_account: account, kf_nick: body.nickname, kf_id: state.nextKfId++, kf_headimgurl: '' })
    return wxOk(c)
  })

  hono.post('/customservice/kfaccount/update', async (c: Context<EmuEnv>) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    // An account that was never added (a malformed one never is): 65401.
    const record = typeof body.kf_account === 'string' ? customState(c.get('appState')).kf.get(body.kf_account) : undefined
    if (!record) return fail(c, 65401)
    if (!nicknameOk(body.nickname)) return fail(c, 65403)
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
    if (typeof account !== 'string' || !customState(c.get('appState')).kf.delete(account)) return fail(c, 65401)
    return wxOk(c)
  }
  hono.get('/customservice/kfaccount/del', del)
  hono.post('/customservice/kfaccount/del', del)

  hono.post('/customservice/kfaccount/uploadheadimg', async (c: Context<EmuEnv>) => {
    const account = c.req.query('kf_account')
    const state = customState(c.get('appState'))
    const record = account === undefined ? undefined : state.kf.get(account)
    if (!record) return fail(c, 65401)
    let media: unknown
    try {
      media = (await c.req.parseBody())['media']
    } catch {
      return wxError(c, 41005, 'media data missing')
    }
    if (!(media instanceof Blob) || media.size === 0) return wxError(c, 41005, 'media data missing')
    // api_uploadkfheadimg names no format (its example is a .jpg), only "文件大小为5M 以内" and 40005
    // for a file of the wrong format: any image WeChat takes as media is an avatar here.
    if (media.size > KF_AVATAR_MAX_BYTES) return fail(c, 40009)
    if (!isImage(new Uint8Array(await media.slice(0, 4).arrayBuffer()))) return fail(c, 40005)
    record.kf_headimgurl = `https://mmbiz.qpic.cn/mmbiz_jpg/emulator-kf-${record.kf_id}-${++state.avatarSeq}/0`
    return wxOk(c)
  })

  hono.post('/customservice/kfaccount/inviteworker', async (c: Context<EmuEnv>) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const state = customState(c.get('appState'))
    const record = typeof body.kf_account === 'string' ? state.kf.get(body.kf_account) : undefined
    if (!record) return fail(c, 65401)
    const wx = body.invite_wx
    if (typeof wx !== 'string' || wx === '') return fail(c, 65409)
    if (record.kf_wx) return fail(c, 65412)
    const now = Math.floor(emu.clock.now() / 1000)
    const pending = (r: KfRecord) => r.invite_status === 'waiting' && (r.invite_expire_time ?? 0) > now
    const accounts = [...state.kf.values()]
    if (accounts.some((r) => r.kf_wx === wx)) return fail(c, 65407)
    if (accounts.some((r) => r.invite_wx === wx && pending(r))) return fail(c, 65408)
    if (pending(record)) return fail(c, 65411)
    record.invite_wx = wx
    record.invite_expire_time = now + 7 * 86400
    record.invite_status = 'waiting'
    return wxOk(c)
  })
}

export function kfControl(control: EmuHono, emu: EmulatorContext): void {
  // Puts a kf account online (or offline) so getonlinekflist lists it.
  control.post('/custom/kf/online', async (c) => {
    const body = await readBody(c)
    const record = customState(appOf(emu, body.appId)).kf.get(String(body.kfAccount))
    if (!record) throw new ControlError(`unknown kfAccount ${String(body.kfAccount)}`, 404)
    if (body.online === false) delete record.online
    else record.online = { status: Number(body.status ?? 1), accepted_case: Number(body.acceptedCase ?? 0) }
    return c.json({ kfAccount: record.kf_account, online: record.online !== undefined })
  })
}
