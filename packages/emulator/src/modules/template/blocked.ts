// Template messages WeChat intercepted (拦截), and the query for them: POST /wxa/sec/queryblocktmplmsg
// {"tmpl_msg_id","largest_id","limit"} → {"msginfo":[{"id","tmpl_msg_id","title","content","send_timestamp","openid"}]}.
// The doc's example shows msginfo as one object; live answers carry a list ([] when none): a list here.
// https://developers.weixin.qq.com/doc/service/api/notify/template/api_queryblocktmplmsg
import type { Context } from 'hono'
import type { AppState, EmuEnv, EmuHono, EmulatorContext } from '../../context'
import { tokenCheck } from '../../auth'
import { readJson, wxError, wxOk } from '../../wechat'

/** Records a page holds at most (the doc: 单页查询的最大条数是100). */
export const BLOCKED_PAGE_MAX = 100

export interface BlockedMessage {
  readonly id: number
  readonly tmpl_msg_id: string
  readonly title: string
  readonly content: string
  readonly send_timestamp: number
  readonly openid: string
}

class BlockedState {
  /** Template ids whose sends WeChat intercepts (set by a test). */
  readonly templates = new Set<string>()
  readonly messages: BlockedMessage[] = []
}

export const blockedOf = (app: AppState): BlockedState => app.ext('template:blocked', () => new BlockedState())

/** A send of an intercepted template: recorded for the query instead of delivered. */
export function recordBlocked(app: AppState, templateId: string, title: string, content: string, openid: string, nowMs: number): void {
  const state = blockedOf(app)
  state.messages.push({
    id: state.messages.length + 1,
    tmpl_msg_id: templateId,
    title,
    content,
    send_timestamp: Math.floor(nowMs / 1000),
    openid,
  })
}

export function blockedRoutes(app: EmuHono, emu: EmulatorContext): void {
  // /wxa/ paths take the platform token like /cgi-bin/.
  app.use('/wxa/sec/*', tokenCheck(emu))
  app.post('/wxa/sec/queryblocktmplmsg', async (c: Context<EmuEnv>) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const { tmpl_msg_id: id, largest_id: largest, limit } = body
    if (typeof id !== 'string' || id === '') return wxError(c, 40037)
    if (
      !Number.isSafeInteger(largest) ||
      (largest as number) < 0 ||
      !Number.isSafeInteger(limit) ||
      (limit as number) < 1 ||
      (limit as number) > BLOCKED_PAGE_MAX
    )
      return wxError(c, 40097)
    const msginfo = blockedOf(c.get('app'))
      .messages.filter((m) => m.tmpl_msg_id === id && m.id > (largest as number))
      .slice(0, limit as number)
    return wxOk(c, { msginfo })
  })
}

export function blockedControl(app: EmuHono, emu: EmulatorContext, target: (appId: unknown) => AppState | undefined): void {
  // From now on WeChat intercepts the template's sends (`blocked: false` lifts it).
  app.post('/template/block', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const found = target(body.appId)
    if (!found || typeof body.templateId !== 'string') return c.json({ error: 'templateId required' }, 400)
    if (body.blocked === false) blockedOf(found).templates.delete(body.templateId)
    else blockedOf(found).templates.add(body.templateId)
    return c.json({ templateId: body.templateId, blocked: blockedOf(found).templates.has(body.templateId) })
  })
  void emu
}
