// Emulator module: user info, followers, remarks, blacklist. Followers are the app's synthetic
// (lazy) followers plus any added by tests; per-user state lives in the follower records.
import type { Context } from 'hono'
import { defineModule, type AppState, type EmuEnv } from '../../context'
import type { UserRecord } from '../../model/followers'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { ControlError, appOf, followerRange, readBody } from '../../control/kit'
import { blacklist, followerPage, groupOf, listPage, pageBody, str } from './state'

const LANGS = new Set(['zh_CN', 'zh_TW', 'en'])
const BATCH_INFO_MAX = 100
const BLACKLIST_BATCH_MAX = 20
/** updateremark: WeChat documents "under 30 bytes"; in practice 30 bytes (10 Chinese characters) pass. */
const REMARK_MAX_BYTES = 30
const encoder = new TextEncoder()

/** user/info's answer: since 2021-12-27 no nickname, sex, city, province, country or headimgurl. */
function userInfo(rec: UserRecord): Record<string, unknown> {
  const unionid = rec.unionid === undefined ? {} : { unionid: rec.unionid }
  if (!rec.subscribed) return { subscribe: 0, openid: rec.openid, ...unionid }
  return {
    subscribe: 1,
    openid: rec.openid,
    language: rec.language,
    subscribe_time: rec.subscribeTime,
    ...unionid,
    remark: rec.remark,
    groupid: groupOf(rec),
    tagid_list: [...rec.tagIds],
    subscribe_scene: rec.subscribeScene,
    qr_scene: rec.qrScene,
    qr_scene_str: rec.qrSceneStr,
  }
}

/** Every openid in `list` known to the app, or the errcode WeChat answers for the list. */
function knownOpenIds(appState: AppState, list: unknown, max: number): string[] | number {
  if (!Array.isArray(list) || list.length === 0 || list.length > max) return 40032
  for (const openid of list) if (typeof openid !== 'string' || !appState.followers.exists(openid)) return 40003
  return list as string[]
}

export const userModule = defineModule({
  name: 'user',
  routes(hono) {
    hono.get('/cgi-bin/user/info', (c: Context<EmuEnv>) => {
      const appState = c.get('appState')
      const openid = c.req.query('openid')
      const lang = c.req.query('lang')
      if (openid === undefined || openid === '') return wxError(c, 41009)
      if (lang !== undefined && lang !== '' && !LANGS.has(lang)) return wxError(c, 40035)
      const rec = appState.followers.peek(openid)
      if (!rec) return wxError(c, 40003)
      return wxJson(c, userInfo(rec))
    })

    hono.post('/cgi-bin/user/info/batchget', async (c: Context<EmuEnv>) => {
      const body = await readJson<{ user_list?: unknown }>(c)
      if (body instanceof Response) return body
      const appState = c.get('appState')
      const list = body.user_list
      if (!Array.isArray(list) || list.length === 0 || list.length > BATCH_INFO_MAX) return wxError(c, 40032)
      const records: UserRecord[] = []
      for (const item of list as unknown[]) {
        const { openid, lang } = (item ?? {}) as { openid?: unknown; lang?: unknown }
        if (lang !== undefined && (typeof lang !== 'string' || !LANGS.has(lang))) return wxError(c, 40035)
        const rec = typeof openid === 'string' ? appState.followers.peek(openid) : undefined
        if (!rec) return wxError(c, 40003)
        records.push(rec)
      }
      return wxJson(c, { user_info_list: records.map(userInfo) })
    })

    hono.get('/cgi-bin/user/get', (c: Context<EmuEnv>) => {
      const page = followerPage(c.get('appState'), c.req.query('next_openid') ?? '')
      if (!page) return wxError(c, 40003)
      return wxJson(c, pageBody(page.openids, page.total))
    })

    hono.post('/cgi-bin/user/info/updateremark', async (c: Context<EmuEnv>) => {
      const body = await readJson<{ openid?: unknown; remark?: unknown }>(c)
      if (body instanceof Response) return body
      const appState = c.get('appState')
      const openid = str(body.openid)
      if (openid === undefined || openid === '') return wxError(c, 41009)
      if (typeof body.remark !== 'string' || encoder.encode(body.remark).length > REMARK_MAX_BYTES)
        return wxError(c, 40092, 'invalid remark name')
      if (!appState.followers.isFollowing(openid)) return wxError(c, 40003)
      appState.followers.record(openid).remark = body.remark
      return wxOk(c)
    })

    hono.post('/cgi-bin/tags/members/getblacklist', async (c: Context<EmuEnv>) => {
      const body = await readJson<{ begin_openid?: unknown }>(c)
      if (body instanceof Response) return body
      const all = blacklist(c.get('appState'))
      const page = listPage(all, str(body.begin_openid) ?? '')
      if (!page) return wxError(c, 40003)
      return wxJson(c, pageBody(page, all.length))
    })

    for (const [path, blacklisted] of [
      ['/cgi-bin/tags/members/batchblacklist', true],
      ['/cgi-bin/tags/members/batchunblacklist', false],
    ] as const) {
      hono.post(path, async (c: Context<EmuEnv>) => {
        const body = await readJson<{ openid_list?: unknown }>(c)
        if (body instanceof Response) return body
        const appState = c.get('appState')
        // Checked whole before anything changes: WeChat refuses the call, it does not half-do it.
        const openids = knownOpenIds(appState, body.openid_list, BLACKLIST_BATCH_MAX)
        if (typeof openids === 'number') return wxError(c, openids)
        for (const openid of openids) appState.followers.record(openid).blacklisted = blacklisted
        return wxOk(c)
      })
    }
  },

  control(control, emu) {
    // A user's stored state as the emulator holds it: lets tests check a write without the read
    // API under test.
    control.get('/user/record', (c) => {
      const rec = appOf(emu, c.req.query('appId')).followers.peek(c.req.query('openid') ?? '')
      if (!rec) throw new ControlError('unknown openid', 404)
      return c.json({ ...rec, groupId: groupOf(rec) })
    })

    // Openids at follow positions `from .. from+count-1` in one call (followerAt, in bulk).
    control.get('/user/openids', (c) => {
      const state = appOf(emu, c.req.query('appId'))
      const { from, count } = followerRange(state, c.req.query())
      return c.json(Array.from({ length: count }, (_, i) => state.followers.at(from + i)))
    })

    // Blacklists synthetic followers `from .. from+count-1` at once (the API takes 20 a call), so
    // tests can page through a blacklist longer than one page.
    control.post('/user/blacklist', async (c) => {
      const body = await readBody(c)
      const state = appOf(emu, body.appId)
      const { from, count } = followerRange(state, body)
      for (let i = from; i < from + count; i++) state.followers.record(state.followers.at(i) as string).blacklisted = true
      return c.json({ blacklisted: blacklist(state).length })
    })
  },
})
