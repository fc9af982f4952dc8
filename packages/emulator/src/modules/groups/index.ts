// Emulator module: legacy groups (分组) and their successor, user tags. WeChat keeps both as one
// record (same id, name and members), so both sets of routes read and write `app.tags`: a user's
// group is their first tag, group 1 (黑名单) is the blacklist, group 0 (未分组) everyone else.
import type { Context } from 'hono'
import { defineModule, type AppState, type EmuEnv } from '../../context'
import { ControlError, appOf, followerRange, readBody } from '../../control/kit'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { groupOf, listPage, pageBody, str, systemGroupCounts } from '../user/state'
import { GROUPS, TAGS, intOf, namedRoutes } from './named'

const MAX_TAGS_PER_USER = 20
const MEMBER_BATCH_MAX = 50

/** Puts a user in group `to` (a user is in one group): out of their current group, into `to`. */
function moveToGroup(appState: AppState, openid: string, to: number): void {
  const rec = appState.followers.record(openid)
  rec.blacklisted = to === 1
  const current = rec.tagIds[0]
  if (current !== undefined && current !== to) appState.tags.untag(openid, current)
  if (to === 0 || to === 1) return
  appState.tags.tag(openid, to)
  rec.tagIds = [to, ...rec.tagIds.filter((t) => t !== to)]
}

/** Would moving this user to `to` leave them with more than 20 tags? */
function overTagLimit(appState: AppState, openid: string, to: number): boolean {
  const tags = appState.followers.peek(openid)?.tagIds ?? []
  if (to === 0 || to === 1 || tags.includes(to)) return false
  return tags.length - (tags.length > 0 ? 1 : 0) + 1 > MAX_TAGS_PER_USER
}

/** Every openid known and following, or the errcode WeChat answers for the list. */
function members(appState: AppState, list: unknown): string[] | number {
  if (!Array.isArray(list) || list.length === 0 || list.length > MEMBER_BATCH_MAX) return 40032
  for (const openid of list) if (typeof openid !== 'string' || !appState.followers.isFollowing(openid)) return 40003
  return list as string[]
}

export const groupsModule = defineModule({
  name: 'groups',
  routes(hono) {
    // ---- legacy groups ----
    namedRoutes(hono, GROUPS)
    hono.get('/cgi-bin/groups/get', (c: Context<EmuEnv>) => {
      const appState = c.get('appState')
      const system = systemGroupCounts(appState)
      const groups = appState.tags.list().map((t) => ({
        id: t.id,
        name: t.name,
        count: t.id === 0 ? system.ungrouped : t.id === 1 ? system.blacklisted : appState.tags.count(t.id),
      }))
      return wxJson(c, { groups })
    })

    hono.post('/cgi-bin/groups/getid', async (c: Context<EmuEnv>) => {
      const body = await readJson<{ openid?: unknown }>(c)
      if (body instanceof Response) return body
      const openid = str(body.openid)
      if (openid === undefined || openid === '') return wxError(c, 41009)
      const appState = c.get('appState')
      if (!appState.followers.isFollowing(openid)) return wxError(c, 40003)
      return wxJson(c, { groupid: groupOf(appState.followers.peek(openid)!) })
    })

    const moveRoute = (path: string, batch: boolean) =>
      hono.post(path, async (c: Context<EmuEnv>) => {
        const body = await readJson<{ openid?: unknown; openid_list?: unknown; to_groupid?: unknown }>(c)
        if (body instanceof Response) return body
        const appState = c.get('appState')
        const openids = batch
          ? members(appState, body.openid_list)
          : members(appState, body.openid === undefined ? undefined : [body.openid])
        if (typeof openids === 'number') return wxError(c, !batch && openids === 40032 ? 41009 : openids)
        const to = intOf(body.to_groupid)
        if (to === undefined || !appState.tags.get(to)) return wxError(c, 40050)
        if (openids.some((o) => overTagLimit(appState, o, to))) return wxError(c, 45059)
        for (const openid of openids) moveToGroup(appState, openid, to)
        return wxOk(c)
      })
    moveRoute('/cgi-bin/groups/members/update', false)
    moveRoute('/cgi-bin/groups/members/batchupdate', true)

    // ---- tags ----
    namedRoutes(hono, TAGS)
    hono.get('/cgi-bin/tags/get', (c: Context<EmuEnv>) => {
      const appState = c.get('appState')
      // 未分组 and 黑名单 are not tags; 星标组 (2) is, as WeChat lists it.
      const tags = appState.tags
        .list()
        .filter((t) => t.id !== 0 && t.id !== 1)
        .map((t) => ({ id: t.id, name: t.name, count: appState.tags.count(t.id) }))
      return wxJson(c, { tags })
    })

    hono.post('/cgi-bin/user/tag/get', async (c: Context<EmuEnv>) => {
      const body = await readJson<{ tagid?: unknown; next_openid?: unknown }>(c)
      if (body instanceof Response) return body
      const appState = c.get('appState')
      const id = intOf(body.tagid)
      if (id === undefined || id === 0 || id === 1 || !appState.tags.get(id)) return wxError(c, 45159)
      const page = listPage(appState.tags.membersOf(id), str(body.next_openid) ?? '')
      if (!page) return wxError(c, 40003)
      return wxJson(c, pageBody(page))
    })

    for (const [path, add] of [
      ['/cgi-bin/tags/members/batchtagging', true],
      ['/cgi-bin/tags/members/batchuntagging', false],
    ] as const) {
      hono.post(path, async (c: Context<EmuEnv>) => {
        const body = await readJson<{ openid_list?: unknown; tagid?: unknown }>(c)
        if (body instanceof Response) return body
        const appState = c.get('appState')
        const id = intOf(body.tagid)
        if (id === undefined || id === 0 || id === 1 || !appState.tags.get(id)) return wxError(c, 45159)
        // Checked whole before anything changes: WeChat refuses the call, it does not half-do it.
        const openids = members(appState, body.openid_list)
        if (typeof openids === 'number') return wxError(c, openids)
        if (add) {
          const full = openids.some(
            (o) => !appState.tags.has(o, id) && (appState.followers.peek(o)?.tagIds.length ?? 0) >= MAX_TAGS_PER_USER,
          )
          if (full) return wxError(c, 45059)
          for (const openid of openids) appState.tags.tag(openid, id)
        } else {
          for (const openid of openids) appState.tags.untag(openid, id)
        }
        return wxOk(c)
      })
    }

    hono.post('/cgi-bin/tags/getidlist', async (c: Context<EmuEnv>) => {
      const body = await readJson<{ openid?: unknown }>(c)
      if (body instanceof Response) return body
      const openid = str(body.openid)
      if (openid === undefined || openid === '') return wxError(c, 41009)
      const appState = c.get('appState')
      if (!appState.followers.isFollowing(openid)) return wxError(c, 40003)
      return wxJson(c, { tagid_list: appState.tags.tagsOf(openid) })
    })
  },

  control(control, emu) {
    // Tags synthetic followers `from .. from+count-1` at once (the API takes 50 a call), so tests
    // can page through a tag with more members than one page.
    control.post('/tags/members', async (c) => {
      const body = await readBody(c)
      const state = appOf(emu, body.appId)
      const id = intOf(body.tagId)
      if (id === undefined || !state.tags.get(id)) throw new ControlError('unknown tagId')
      const { from, count } = followerRange(state, body)
      for (let i = from; i < from + count; i++) state.tags.tag(state.followers.at(i) as string, id)
      return c.json({ count: state.tags.count(id) })
    })

    // Members counted but not listed: makes a tag "too big to delete" (45057) without a million records.
    control.post('/tags/extra-count', async (c) => {
      const body = await readBody(c)
      const state = appOf(emu, body.appId)
      const tag = state.tags.get(intOf(body.tagId) ?? -1)
      const extra = intOf(body.extraCount)
      if (!tag || extra === undefined) throw new ControlError('tagId must name a tag and extraCount be an integer >= 0')
      tag.extraCount = extra
      return c.json({ count: state.tags.count(tag.id) })
    })
  },
})
