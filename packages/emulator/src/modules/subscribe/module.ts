// Emulator module: subscription notifications (订阅通知) of a service account.
//   GET  /wxaapi/newtmpl/getcategory                       {"data":[{"id","name"}]}
//   GET  /wxaapi/newtmpl/getpubtemplatetitles?ids=&start=&limit=   {"count","data":[{"tid","title","type","categoryId"}]}
//   GET  /wxaapi/newtmpl/getpubtemplatekeywords?tid=       {"count","data":[{"kid","name","example","rule"}]}
//   POST /wxaapi/newtmpl/addtemplate {"tid","kidList","sceneDesc"}   {"priTmplId"}
//   GET  /wxaapi/newtmpl/gettemplate                       {"data":[{"priTmplId","title","content","example","type"}]}
//   POST /wxaapi/newtmpl/deltemplate {"priTmplId"}
//   POST /cgi-bin/message/subscribe/bizsend {"touser","template_id","page","miniprogram","data"}
// A send needs the follower's acceptance (43101 otherwise); one acceptance of a one-time template
// allows one send. Control routes make a follower accept / reject (the popup) or switch a template
// off later (management), each pushing its event; every send pushes subscribe_msg_sent_event.
// https://developers.weixin.qq.com/doc/service/Subscription_Messages/intro.html
import type { Context } from 'hono'
import { defineModule, type EmuEnv, type EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { appOf } from '../../control/kit'
import { newMsgId, newTemplateId } from '../template/store'
import { CATEGORIES, TITLES } from './library'
import { valueFits } from './rules'
import { SUBSCRIBE_TEMPLATE_LIMIT, subscribeState } from './state'
import { changeEvent, popupEvent, sentEvent } from './events'

// The newtmpl pages' errcodes, with messages in WeChat's style.
const ERRMSG: Record<number, string> = {
  200012: 'private template count reaches limit',
  200014: 'invalid tid',
  200016: 'invalid start',
  200017: 'invalid limit',
  200018: 'missing ids',
  200019: 'invalid ids',
  200020: 'invalid kidList',
  200021: 'invalid sceneDesc',
}
const fail = (c: Context<EmuEnv>, errcode: number) => wxError(c, errcode, ERRMSG[errcode])
const int = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined)

async function bizsend(c: Context<EmuEnv>, emu: EmulatorContext): Promise<Response> {
  const body = await readJson(c)
  if (body instanceof Response) return body
  const app = c.get('app')
  const state = subscribeState(app)
  const { touser, template_id: templateId, data } = body as Record<string, unknown>
  if (typeof touser !== 'string' || touser === '') return wxError(c, 40003)
  const template = typeof templateId === 'string' ? state.templates.get(templateId) : undefined
  if (!template) return wxError(c, 40037)
  // Non-followers may receive it too (in 服务通知); the openid must still be this account's.
  if (!app.followers.exists(touser)) return wxError(c, 40003)
  const grant = state.grant(touser, templateId as string)
  if (!grant || grant.status !== 'accept' || (template.type === 2 && grant.remaining < 1)) return wxError(c, 43101)
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return wxError(c, 47001)
  for (const [, key] of template.content.matchAll(/\{\{\s*(\w+)\.DATA\s*\}\}/g)) {
    const item = (data as Record<string, unknown>)[key as string]
    const raw = item !== null && typeof item === 'object' ? (item as { value?: unknown }).value : undefined
    const value = typeof raw === 'number' ? String(raw) : raw
    if (typeof value !== 'string' || value === '') return wxError(c, 47003, `argument invalid! data.${key}.value is empty`)
    if (!valueFits(key as string, value)) return wxError(c, 47003, `argument invalid! data.${key}.value invalid`)
  }
  if (body.page !== undefined && (typeof body.page !== 'string' || !/^https?:\/\//.test(body.page)))
    return wxError(c, 40097, 'invalid args: page')
  if (body.miniprogram !== undefined) {
    const mp = body.miniprogram as { appid?: unknown } | null
    if (mp === null || typeof mp !== 'object' || typeof mp.appid !== 'string' || mp.appid === '')
      return wxError(c, 40097, 'invalid args: miniprogram.appid')
  }

  if (template.type === 2) grant.remaining--
  const msgid = newMsgId()
  const now = emu.clock.now()
  const payload: Record<string, unknown> = { template_id: templateId, data }
  for (const key of ['page', 'miniprogram'] as const) if (body[key] !== undefined) payload[key] = body[key]
  emu.outbox.deliver({ appId: app.appId, channel: 'subscribe', touser, msgtype: 'subscribe', payload, at: now, ref: msgid.toString() })
  // The delivery result follows the answer, as subscribe_msg_sent_event.
  if (app.pushTarget)
    emu.schedule(
      now,
      () =>
        void emu.push(app, { kind: 'event', from: touser, fields: sentEvent(templateId as string, msgid, 0, 'success'), replies: false }),
    )
  return wxOk(c, { msgid })
}

export const subscribeModule = defineModule({
  name: 'subscribe',
  routes(app, emu) {
    app.get('/wxaapi/newtmpl/getcategory', (c) => wxOk(c, { data: CATEGORIES }))

    app.get('/wxaapi/newtmpl/getpubtemplatetitles', (c) => {
      const idsText = c.req.query('ids')
      if (idsText === undefined || idsText === '') return fail(c, 200018)
      const ids = idsText.split(',').map((s) => int(s.trim()))
      if (ids.some((id) => id === undefined)) return fail(c, 200019)
      const start = int(c.req.query('start'))
      const limit = int(c.req.query('limit'))
      if (start === undefined) return fail(c, 200016)
      if (limit === undefined || limit < 1 || limit > 30) return fail(c, 200017)
      const all = TITLES.filter((t) => ids.includes(t.categoryId))
      const data = all.slice(start, start + limit).map(({ tid, title, type, categoryId }) => ({ tid, title, type, categoryId }))
      return wxOk(c, { count: all.length, data })
    })

    app.get('/wxaapi/newtmpl/getpubtemplatekeywords', (c) => {
      const found = TITLES.find((t) => t.tid === int(c.req.query('tid')))
      if (!found) return fail(c, 200014)
      const data = Object.entries(found.keywords).map(([kid, [name, rule, example]]) => ({ kid: Number(kid), name, example, rule }))
      return wxOk(c, { count: data.length, data })
    })

    app.post('/wxaapi/newtmpl/addtemplate', async (c) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      const found = TITLES.find((t) => String(t.tid) === String(body.tid))
      if (!found) return fail(c, 200014)
      const kids = body.kidList
      if (
        !Array.isArray(kids) ||
        kids.length < 2 ||
        kids.length > 5 ||
        new Set(kids).size !== kids.length ||
        kids.some((k) => !found.keywords[Number(k)])
      )
        return fail(c, 200020)
      if (body.sceneDesc !== undefined && (typeof body.sceneDesc !== 'string' || [...body.sceneDesc].length > 15)) return fail(c, 200021)
      const state = subscribeState(c.get('app'))
      if (state.templates.size >= SUBSCRIBE_TEMPLATE_LIMIT) return fail(c, 200012)
      const words = kids.map((k) => ({ kid: Number(k), kw: found.keywords[Number(k)]! }))
      const content = words.map(({ kid, kw }) => `${kw[0]}:{{${kw[1]}${kid}.DATA}}`).join('\n')
      const example = words.map(({ kw }) => `${kw[0]}:${kw[2]}`).join('\n')
      const priTmplId = newTemplateId()
      state.templates.set(priTmplId, { tid: found.tid, title: found.title, content, example, type: found.type })
      return wxOk(c, { priTmplId })
    })

    app.get('/wxaapi/newtmpl/gettemplate', (c) => {
      const data = [...subscribeState(c.get('app')).templates].map(([priTmplId, t]) => ({
        priTmplId,
        title: t.title,
        content: t.content,
        example: t.example,
        type: t.type,
      }))
      return wxOk(c, { data })
    })

    app.post('/wxaapi/newtmpl/deltemplate', async (c) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      const state = subscribeState(c.get('app'))
      if (typeof body.priTmplId !== 'string' || !state.templates.delete(body.priTmplId)) return wxError(c, 40037)
      return wxOk(c)
    })

    app.post('/cgi-bin/message/subscribe/bizsend', (c) => bizsend(c, emu))
  },

  control(app, emu) {
    // The follower answers the subscription popup (in an article or on a web page).
    app.post('/subscribe/popup', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
      const target = appOf(emu, body.appId)
      if (!target) return c.json({ error: `unknown appId ${String(body.appId)}` }, 404)
      const openid = body.openid
      if (typeof openid !== 'string' || !target.followers.exists(openid))
        return c.json({ error: `openid ${JSON.stringify(openid)} is not a user of this app` }, 400)
      const choices = body.choices
      if (!Array.isArray(choices) || choices.length === 0)
        return c.json({ error: 'choices must be a non-empty array of { templateId, status: "accept" | "reject" }' }, 400)
      const state = subscribeState(target)
      for (const ch of choices as { templateId?: unknown; status?: unknown }[]) {
        if (typeof ch?.templateId !== 'string' || !state.templates.has(ch.templateId))
          return c.json({ error: `templateId ${JSON.stringify(ch?.templateId)} is not a template of this app` }, 404)
        if (ch.status !== 'accept' && ch.status !== 'reject')
          return c.json({ error: `status must be "accept" or "reject", got ${JSON.stringify(ch.status)}` }, 400)
      }
      const scene = body.scene ?? 2
      if (scene !== 1 && scene !== 2)
        return c.json({ error: `scene must be 1 (a web page) or 2 (an article), got ${JSON.stringify(scene)}` }, 400)
      const typed = choices as { templateId: string; status: 'accept' | 'reject' }[]
      for (const ch of typed) state.choose(openid, ch.templateId, ch.status)
      return c.json(await emu.push(target, { kind: 'event', from: openid, fields: popupEvent(typed, scene), replies: false }))
    })

    // The follower switches templates off in the service-notification settings (only rejections are pushed).
    app.post('/subscribe/reject', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
      const target = appOf(emu, body.appId)
      if (!target) return c.json({ error: `unknown appId ${String(body.appId)}` }, 404)
      const { openid, templateIds } = body
      if (typeof openid !== 'string' || !target.followers.exists(openid))
        return c.json({ error: `openid ${JSON.stringify(openid)} is not a user of this app` }, 400)
      if (!Array.isArray(templateIds) || templateIds.length === 0 || templateIds.some((id) => typeof id !== 'string'))
        return c.json({ error: 'templateIds must be a non-empty array of template ids' }, 400)
      const state = subscribeState(target)
      for (const id of templateIds as string[]) state.choose(openid, id, 'reject')
      return c.json(await emu.push(target, { kind: 'event', from: openid, fields: changeEvent(templateIds as string[]), replies: false }))
    })

    // A follower's choices, for tests and the console: templateId → { status, remaining }.
    app.get('/subscribe/state', (c) => {
      const target = appOf(emu, c.req.query('appId'))
      if (!target) return c.json({ error: 'unknown appId' }, 404)
      const grants = subscribeState(target).grants.get(c.req.query('openid') ?? '')
      return c.json(Object.fromEntries(grants ?? []))
    })
  },
})
