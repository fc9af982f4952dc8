// Emulator module: template messages (send, with client_msg_id dedup and a daily quota) and
// template management (industry, add from the library, list, delete), per app.
import type { Context } from 'hono'
import { defineModule, type AppState, type EmuEnv, type EmulatorContext } from '../../context'
import { readJson, wxError, wxOk, wxJson } from '../../wechat'
import { INDUSTRIES, LIBRARY } from './library'
import { contentKeys, valueFits } from './rules'
import { TEMPLATE_LIMIT, INDUSTRY_CHANGE_SPACING_MS, TemplateStore, newMsgId, newTemplateId } from './store'
import { ControlError, appOf, readBody, requiredString } from '../../control/kit'
import { blockedControl, blockedOf, blockedRoutes, recordBlocked } from './blocked'

const storeOf = (appState: AppState) => appState.ext('template', () => new TemplateStore())

interface SendBody {
  touser?: unknown
  template_id?: unknown
  url?: unknown
  miniprogram?: unknown
  client_msg_id?: unknown
  data?: unknown
}

function industryWire(id: number) {
  const [first, second] = INDUSTRIES[id - 1] ?? ['', '']
  return { first_class: first, second_class: second }
}

function industryId(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= INDUSTRIES.length ? n : undefined
}

async function send(c: Context<EmuEnv>, emu: EmulatorContext): Promise<Response> {
  const body = await readJson<SendBody>(c)
  if (body instanceof Response) return body
  const appState = c.get('appState')
  const store = storeOf(appState)
  const now = emu.clock.now()
  const { touser, template_id: templateId, client_msg_id: clientMsgId } = body

  if (typeof touser !== 'string' || touser === '') return wxError(c, 40003)
  const template = typeof templateId === 'string' ? store.templates.get(templateId) : undefined
  if (!template) return wxError(c, 40037)
  if (!appState.followers.exists(touser)) return wxError(c, 40003)
  if (!appState.followers.isFollowing(touser)) return wxError(c, 43004)
  if (store.refused.has(touser)) return wxError(c, 43101)

  const data = body.data ?? {}
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return wxError(c, 47001)
  for (const key of contentKeys(template.content)) {
    const item = (data as Record<string, unknown>)[key]
    if (item === undefined) continue
    const value = item !== null && typeof item === 'object' ? (item as { value?: unknown }).value : undefined
    if (typeof value !== 'string' || !valueFits(key, value)) return wxError(c, 47003, `argument invalid! data.${key}.value invalid`)
  }
  if (body.miniprogram !== undefined) {
    const mp = body.miniprogram as { appid?: unknown } | null
    if (mp === null || typeof mp !== 'object' || typeof mp.appid !== 'string' || mp.appid === '')
      return wxError(c, 40097, 'invalid args: miniprogram.appid')
  }

  // A repeat of a send already made answers as the first one did and delivers nothing new.
  const dedup = typeof clientMsgId === 'string' && clientMsgId !== ''
  if (dedup) {
    const earlier = store.earlier(touser, clientMsgId, now)
    if (earlier) return wxOk(c, { msgid: earlier.msgid })
  }
  if (store.usedToday(now) >= store.dailyQuota) return wxError(c, 45009)

  const msgid = newMsgId()
  store.countSend(now)
  if (dedup) store.remember(touser, clientMsgId, msgid, now)
  const payload: Record<string, unknown> = { template_id: templateId, data }
  for (const key of ['url', 'miniprogram', 'client_msg_id'] as const) if (body[key] !== undefined) payload[key] = body[key]
  // An intercepted template's message never reaches the follower; queryblocktmplmsg lists it.
  const blocked = blockedOf(appState).templates.has(template.templateId)
  if (blocked) recordBlocked(appState, template.templateId, template.title, template.content, touser, now)
  const status = blocked ? 'failed: system failed' : (store.deliveryFailures.get(touser) ?? 'success')
  if (status === 'success')
    emu.outbox.deliver({ appId: appState.appId, channel: 'template', touser, msgtype: 'template', payload, at: now, ref: msgid.toString() })
  // The job finishes at once: TEMPLATESENDJOBFINISH goes to the account's URL right after this answer.
  // https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html (事件推送)
  // Without a push URL WeChat has nowhere to push: nothing is scheduled or recorded.
  if (appState.pushTarget)
    emu.schedule(
      now,
      () =>
        void emu.push(appState, {
          kind: 'event',
          from: touser,
          fields: { MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: msgid, Status: status },
          replies: false,
        }),
    )
  return wxOk(c, { msgid })
}

export const templateModule = defineModule({
  name: 'template',
  routes(hono, emu) {
    hono.post('/cgi-bin/message/template/send', (c) => send(c, emu))
    blockedRoutes(hono, emu)

    hono.post('/cgi-bin/template/api_set_industry', async (c) => {
      const body = await readJson<{ industry_id1?: unknown; industry_id2?: unknown }>(c)
      if (body instanceof Response) return body
      const primary = industryId(body.industry_id1)
      const secondary = industryId(body.industry_id2)
      if (primary === undefined || secondary === undefined) return wxError(c, 40102, 'invalid industry id')
      const store = storeOf(c.get('appState'))
      const now = emu.clock.now()
      if (store.industry && now - store.industry.setAt < INDUSTRY_CHANGE_SPACING_MS)
        return wxError(c, 43100, 'change template too frequently')
      store.industry = { primary, secondary, setAt: now }
      return wxOk(c)
    })

    hono.get('/cgi-bin/template/get_industry', (c) => {
      const industry = storeOf(c.get('appState')).industry
      if (!industry) return wxJson(c, {})
      return wxJson(c, { primary_industry: industryWire(industry.primary), secondary_industry: industryWire(industry.secondary) })
    })

    hono.post('/cgi-bin/template/api_add_template', async (c) => {
      const body = await readJson<{ template_id_short?: unknown; keyword_name_list?: unknown }>(c)
      if (body instanceof Response) return body
      const short = body.template_id_short
      const entry = typeof short === 'string' ? LIBRARY[short] : undefined
      if (!entry) return wxError(c, 40037, 'invalid template_id_short')
      let content = entry.content ?? ''
      if (entry.keywords) {
        // Category templates are made of the keywords you name, in your order.
        const names = body.keyword_name_list
        // 40246 for no names or a name the template does not have (api_addtemplate's keyword_name_list).
        if (!Array.isArray(names) || names.length === 0) return wxError(c, 40246, 'keyword name invalid')
        const lines: string[] = []
        for (const name of names) {
          const found = entry.keywords.find(([n]) => n === name)
          if (!found) return wxError(c, 40246, 'keyword name invalid')
          lines.push(`${found[0]}:{{${found[1]}.DATA}}`)
        }
        content = lines.join('\n')
      }
      const store = storeOf(c.get('appState'))
      if (store.templates.size >= TEMPLATE_LIMIT) return wxError(c, 45026)
      const templateId = newTemplateId()
      store.templates.set(templateId, {
        templateId,
        title: entry.title,
        primaryIndustry: entry.primaryIndustry,
        deputyIndustry: entry.deputyIndustry,
        content,
        example: entry.example,
      })
      return wxOk(c, { template_id: templateId })
    })

    hono.get('/cgi-bin/template/get_all_private_template', (c) => {
      const list = [...storeOf(c.get('appState')).templates.values()].map((t) => ({
        template_id: t.templateId,
        title: t.title,
        primary_industry: t.primaryIndustry,
        deputy_industry: t.deputyIndustry,
        content: t.content,
        example: t.example,
      }))
      return wxJson(c, { template_list: list })
    })

    hono.post('/cgi-bin/template/del_private_template', async (c) => {
      const body = await readJson<{ template_id?: unknown }>(c)
      if (body instanceof Response) return body
      const store = storeOf(c.get('appState'))
      if (typeof body.template_id !== 'string' || !store.templates.delete(body.template_id)) return wxError(c, 40037)
      return wxOk(c)
    })
  },

  control(control, emu) {
    const target = (appId: unknown) => (typeof appId === 'string' ? emu.apps.get(appId) : emu.apps.values().next().value)
    blockedControl(control, emu, target)

    // Registers a private template directly (any title and keys), for tests of your own templates.
    control.post('/template/templates', async (c) => {
      const b = await readBody(c)
      const found = appOf(emu, b.appId)
      const keys = Array.isArray(b.keys) ? b.keys.filter((k): k is string => typeof k === 'string' && /^\w+$/.test(k)) : []
      const content = typeof b.content === 'string' ? b.content : keys.map((k) => `${k}:{{${k}.DATA}}`).join('\n')
      if (contentKeys(content).length === 0) throw new ControlError('give keys (["thing1", ...]) or content with {{key.DATA}}')
      const templateId = typeof b.templateId === 'string' && b.templateId !== '' ? b.templateId : newTemplateId()
      const title = typeof b.title === 'string' ? b.title : 'Test template'
      storeOf(found).templates.set(templateId, {
        templateId,
        title,
        primaryIndustry: 'IT科技',
        deputyIndustry: '互联网|电子商务',
        content,
        example: '',
      })
      return c.json({ appId: found.appId, templateId, content })
    })

    // The daily send quota: `daily` sets the limit, `used` what today has already used.
    control.post('/template/quota', async (c) => {
      const b = await readBody(c)
      const found = appOf(emu, b.appId)
      const store = storeOf(found)
      const now = emu.clock.now()
      for (const key of ['daily', 'used'] as const) {
        const v = b[key]
        if (v === undefined) continue
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ControlError(`${key} must be an integer >= 0`)
        if (key === 'daily') store.dailyQuota = v
        else store.setUsedToday(now, v)
      }
      return c.json({ appId: found.appId, daily: store.dailyQuota, used: store.usedToday(now) })
    })
    control.get('/template/quota', (c) => {
      const found = appOf(emu, c.req.query('appId'))
      const store = storeOf(found)
      return c.json({ appId: found.appId, daily: store.dailyQuota, used: store.usedToday(emu.clock.now()) })
    })

    // How delivery to a user ends (TEMPLATESENDJOBFINISH Status): 'failed:user block' (the user
    // refuses the account's messages), 'failed: system failed', or null for success again. The send
    // itself still succeeds; nothing reaches the outbox.
    control.post('/template/delivery', async (c) => {
      const b = await readBody(c)
      const found = appOf(emu, b.appId)
      const openid = requiredString(b.openid, 'openid')
      const store = storeOf(found)
      if (b.status === null) store.deliveryFailures.delete(openid)
      else if (b.status === 'failed:user block' || b.status === 'failed: system failed') store.deliveryFailures.set(openid, b.status)
      else throw new ControlError("status must be 'failed:user block', 'failed: system failed' or null")
      return c.json({ appId: found.appId, openid, status: store.deliveryFailures.get(openid) ?? 'success' })
    })

    // A user who switched off the account's template messages: sends to them answer 43101.
    control.post('/template/refuse', async (c) => {
      const b = await readBody(c)
      const found = appOf(emu, b.appId)
      const openid = requiredString(b.openid, 'openid')
      const store = storeOf(found)
      if (b.refused === false) store.refused.delete(openid)
      else store.refused.add(openid)
      return c.json({ appId: found.appId, openid, refused: store.refused.has(openid) })
    })
  },
})
