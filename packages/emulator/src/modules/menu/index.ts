// Emulator module: custom menus (自定义菜单) and conditional menus (个性化菜单) per app, and the
// follower's tap (`control.tapMenu`) that pushes the event WeChat would. Pages:
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_getmenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_deletemenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_deleteconditionalmenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_trymatchmenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_getcurrentselfmenuinfo
import type { Context } from 'hono'
import { defineModule, type AppState, type EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { answerButton, menuSeenBy, menuStoreOf, type WireButton } from './store'
import { findButton, tapFields, TapRefused } from './tap'
import { checkButtons, domainsOf } from './validate'

/** Rules WeChat refuses with 65320 since it stopped matching on personal data. */
const PRIVATE_RULES = ['sex', 'country', 'province', 'city', 'language']
/**
 * All conditional menus of an account together may link to at most this many domains (the page's
 * rule). The page names no errcode for it: 65316 is our reading of the global return-code list.
 */
const MAX_DOMAINS = 3

const MENU_ERRMSG: Record<number, string> = {
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40022: 'invalid sub button level',
  40023: 'invalid sub button size',
  40024: 'invalid sub button type',
  40025: 'invalid sub button name size',
  40026: 'invalid sub button key size',
  40027: 'invalid sub button url size',
  46003: 'menu no exist',
  65301: 'menuid not exist',
  65302: 'user not exist',
  65303: 'there is no selfmenu, please create selfmenu first',
  65304: 'match rule empty',
  65316: 'too many url domains in conditional menus (at most 3)',
  65320: 'matchrule contains private information (sex, region, language)',
}
const fail = (c: Context, errcode: number) => wxError(c, errcode, MENU_ERRMSG[errcode])

/** get_current_selfmenu_info's shape of an API-set button: keys and urls as set, others in `value`. */
function currentButton(b: WireButton): Record<string, unknown> {
  if (b.sub_button?.length) return { name: b.name, sub_button: { list: b.sub_button.map(currentButton) } }
  const { media_id, article_id, ...rest } = b
  const value = media_id ?? article_id
  return value === undefined ? rest : { ...rest, value }
}

export const menuModule = defineModule({
  name: 'menu',
  routes(app) {
    app.post('/cgi-bin/menu/create', async (c) => {
      const body = await readJson<{ button?: unknown }>(c)
      if (body instanceof Response) return body
      const { errcode, buttons } = checkButtons(body.button)
      if (errcode) return fail(c, errcode)
      const store = menuStoreOf(c.get('app'))
      store.default = { menuId: store.newId(), buttons }
      store.console = undefined
      return wxOk(c)
    })

    app.get('/cgi-bin/menu/get', (c) => {
      const store = menuStoreOf(c.get('app'))
      if (!store.default) return fail(c, 46003)
      const conditional = store.conditional.map((m) => ({
        button: m.buttons.map(answerButton),
        matchrule: m.matchrule,
        menuid: Number(m.menuId),
      }))
      // The default menu's menuid shows once conditional menus exist (the page's second example).
      const menu = {
        button: store.default.buttons.map(answerButton),
        ...(conditional.length ? { menuid: Number(store.default.menuId) } : {}),
      }
      return wxJson(c, conditional.length ? { menu, conditionalmenu: conditional } : { menu })
    })

    // Deletes the default menu and every conditional one.
    app.get('/cgi-bin/menu/delete', (c) => {
      const store = menuStoreOf(c.get('app'))
      store.default = undefined
      store.conditional.length = 0
      return wxOk(c)
    })

    app.post('/cgi-bin/menu/addconditional', async (c) => {
      const body = await readJson<{ button?: unknown; matchrule?: unknown }>(c)
      if (body instanceof Response) return body
      const { errcode, buttons } = checkButtons(body.button)
      if (errcode) return fail(c, errcode)
      const store = menuStoreOf(c.get('app'))
      if (!store.default) return fail(c, 65303)
      const rule = body.matchrule
      if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return fail(c, 65304)
      const set = Object.entries(rule as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null && v !== '')
      if (set.length === 0) return fail(c, 65304)
      if (set.some(([k]) => PRIVATE_RULES.includes(k))) return fail(c, 65320)
      const domains = new Set([...store.conditional.flatMap((m) => domainsOf(m.buttons)), ...domainsOf(buttons)])
      if (domains.size > MAX_DOMAINS) return fail(c, 65316)
      const menuId = store.newId()
      store.conditional.push({ menuId, buttons, matchrule: Object.fromEntries(set.map(([k, v]) => [k, String(v)])) })
      return wxJson(c, { menuid: menuId })
    })

    app.post('/cgi-bin/menu/delconditional', async (c) => {
      const body = await readJson<{ menuid?: unknown }>(c)
      if (body instanceof Response) return body
      const store = menuStoreOf(c.get('app'))
      const at = store.conditional.findIndex((m) => m.menuId === String(body.menuid ?? ''))
      if (at < 0) return fail(c, 65301)
      store.conditional.splice(at, 1)
      return wxOk(c)
    })

    app.post('/cgi-bin/menu/trymatch', async (c) => {
      const body = await readJson<{ user_id?: unknown }>(c)
      if (body instanceof Response) return body
      const state = c.get('app')
      const user = body.user_id
      if (typeof user !== 'string' || !state.followers.isFollowing(user)) return fail(c, 65302)
      const seen = menuSeenBy(state, user)
      if (!seen) return fail(c, 46003)
      return wxJson(c, { button: seen.buttons.map(answerButton) })
    })

    app.get('/cgi-bin/get_current_selfmenu_info', (c) => {
      const store = menuStoreOf(c.get('app'))
      if (store.console) return wxJson(c, { is_menu_open: 1, selfmenu_info: store.console })
      if (!store.default) return wxJson(c, { is_menu_open: 0, selfmenu_info: { button: [] } })
      return wxJson(c, { is_menu_open: 1, selfmenu_info: { button: store.default.buttons.map(currentButton) } })
    })
  },

  control(control, emu: EmulatorContext) {
    const appOf = (appId: unknown): AppState => {
      const app = typeof appId === 'string' && appId !== '' ? emu.apps.get(appId) : emu.apps.values().next().value
      if (!app) throw new TapRefused(`unknown appId ${String(appId)}`, 404)
      return app
    }
    const guard =
      (handler: (c: Context, body: Record<string, unknown>) => Promise<Response>) =>
      async (c: Context): Promise<Response> => {
        const body: unknown = await c.req.json().catch(() => undefined)
        if (body === null || typeof body !== 'object' || Array.isArray(body)) return c.json({ error: 'body must be a JSON object' }, 400)
        try {
          return await handler(c, body as Record<string, unknown>)
        } catch (err) {
          if (err instanceof TapRefused) return c.json({ error: err.message }, err.status)
          throw err
        }
      }

    // The follower taps a button of the menu they see; answers the push record, or null when
    // WeChat pushes nothing for that button type (media_id, article_id, article_view_limited).
    control.post(
      '/menu/tap',
      guard(async (c, b) => {
        const app = appOf(b.appId)
        const openid = b.openid
        if (typeof openid !== 'string' || !/^[\w-]{1,64}$/.test(openid))
          throw new TapRefused('openid must be 1 to 64 letters, digits, - or _')
        if (!app.followers.isFollowing(openid)) throw new TapRefused(`${openid} does not follow ${app.appId}: only followers see the menu`)
        const menu = menuSeenBy(app, openid)
        if (!menu) throw new TapRefused(`${app.appId} has no menu: create one with /cgi-bin/menu/create`, 404)
        const button = findButton(menu, b.button, openid)
        const tap = tapFields(menu, button, b)
        if (!tap.fields) return c.json(null)
        // A tap with nowhere to push it is a test set-up mistake (as for userEvent), not a failed push.
        if (!app.pushTarget)
          throw new TapRefused(`${app.appId} has no push URL: configurePush({ url, token }) first (or startEmulator({ push }))`, 409)
        const now = emu.clock.now()
        if (tap.opensWindow) openClickWindow(app, openid, now)
        return c.json(await emu.push(app, { kind: 'event', from: openid, fields: tap.fields, replies: tap.replies }))
      }),
    )

    // An operator publishes a menu in the admin console (get_current_selfmenu_info's `selfmenu_info`
    // as it is, text/img/voice/video/news buttons and all); `null` takes it down.
    control.post(
      '/menu/console',
      guard(async (c, b) => {
        const store = menuStoreOf(appOf(b.appId))
        const info = b.selfmenuInfo
        if (info !== null && (typeof info !== 'object' || Array.isArray(info)))
          throw new TapRefused('selfmenuInfo must be an object { button: [...] } or null')
        store.console = info === null ? undefined : (info as Record<string, unknown>)
        return c.json({ ok: true })
      }),
    )
  },
})

/**
 * A click or scan button gives 3 customer-service sends within 1 minute, and never shortens the
 * 48 hours a recent message opened (客服消息下发规则; the push module keeps the same rule for CLICK).
 * https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Messages.html
 */
function openClickWindow(app: AppState, openid: string, now: number): void {
  const last = app.interactions.get(openid)
  if (last !== undefined && !app.interactionScenes.has(openid) && now - last <= 48 * 3600_000) return
  app.interactions.set(openid, now)
  app.interactionScenes.set(openid, 'click')
}
