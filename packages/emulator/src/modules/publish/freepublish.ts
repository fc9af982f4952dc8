// /cgi-bin/freepublish/*: submit, get, delete, getarticle, batchget; and the PUBLISHJOBFINISH push.
// https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_submit (and its siblings)
import { randomBytes } from 'node:crypto'
import type { Context, Next } from 'hono'
import type { AppState, EmuEnv, EmuHono, EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { Repeated } from '../../push/xml'
import { articleView, pageOf } from './drafts'
import { OUTCOME_STATUS, publishState, type PublishJob } from './state'

const INVALID_ARTICLE = 'invalid article_id'

/**
 * FromUserName of PUBLISHJOBFINISH: "公众号群发助手的openid，为mphelper" in the field table of
 * https://developers.weixin.qq.com/doc/offiaccount/Publish/Callback_on_finish.html
 */
const PUBLISH_HELPER = 'mphelper'

/** Settles a job whose time has come (once): success files the articles under a new article_id. */
export function settle(app: AppState, job: PublishJob, now: number): void {
  if (job.settled || now < job.doneAt) return
  job.settled = true
  const state = publishState(app)
  if (job.outcome !== 'success') return
  job.articleId = randomBytes(24).toString('base64url')
  state.published.set(job.articleId, {
    articleId: job.articleId,
    publishId: job.publishId,
    articles: job.articles,
    deleted: new Set(),
    updatedAt: now,
  })
  // A published draft leaves the box (api_draft_add: 被群发或发布后，该素材将从草稿箱中移除).
  state.drafts.delete(job.draftId)
}

export const articleUrl = (emu: EmulatorContext, articleId: string, idx: number) => `${emu.baseUrl()}/s/${articleId}/${idx}`

/** freepublish/get's answer for a job now (publish_status 1 while it runs). */
export function jobAnswer(emu: EmulatorContext, app: AppState, job: PublishJob, now: number): Record<string, unknown> {
  settle(app, job, now)
  if (!job.settled) return { publish_id: job.publishId, publish_status: 1, fail_idx: [] }
  if (job.outcome !== 'success') return { publish_id: job.publishId, publish_status: OUTCOME_STATUS[job.outcome], fail_idx: job.failIdx }
  const published = publishState(app).published.get(job.articleId ?? '')
  const all = published ? published.deleted.size >= published.articles.length : false
  const item = job.articles.map((_, i) => ({ idx: i + 1, article_url: articleUrl(emu, job.articleId ?? '', i + 1) }))
  // 5: every article deleted after success.
  return {
    publish_id: job.publishId,
    publish_status: all ? 5 : 0,
    article_id: job.articleId,
    article_detail: { count: item.length, item },
    fail_idx: [],
  }
}

/** PUBLISHJOBFINISH's fields after CreateTime: the PublishEventInfo block developers receive. */
function finishFields(emu: EmulatorContext, job: PublishJob): Record<string, unknown> {
  const info: Record<string, unknown> = { publish_id: job.publishId, publish_status: OUTCOME_STATUS[job.outcome] }
  if (job.outcome === 'success') {
    const item = job.articles.map((_, i) => ({ idx: i + 1, article_url: articleUrl(emu, job.articleId ?? '', i + 1) }))
    info.article_id = job.articleId
    info.article_detail = { count: item.length, item: new Repeated(item) }
  } else {
    info.fail_idx = new Repeated(job.failIdx)
  }
  return { MsgType: 'event', Event: 'PUBLISHJOBFINISH', PublishEventInfo: info }
}

export function freepublishRoutes(app: EmuHono, emu: EmulatorContext): void {
  // Accounts without the permission (personal and unverified ones since 2025-07) get 48001.
  app.use('/cgi-bin/freepublish/*', async (c: Context<EmuEnv>, next: Next) => {
    if (!publishState(c.get('app')).behaviour.permission) return wxError(c, 48001)
    await next()
  })

  app.post('/cgi-bin/freepublish/submit', async (c) => {
    const body = await readJson<{ media_id?: unknown }>(c)
    if (body instanceof Response) return body
    if (typeof body.media_id !== 'string' || body.media_id === '') return wxError(c, 41006)
    const state = c.get('app')
    const publish = publishState(state)
    const draft = publish.drafts.get(body.media_id)
    if (!draft) return wxError(c, 40007)
    const now = emu.clock.now()
    const { outcome, failIdx, durationMs } = publish.behaviour
    const ids = publish.nextIds()
    const job: PublishJob = {
      ...ids,
      draftId: draft.mediaId,
      articles: draft.articles.map((a) => ({ ...a })),
      createdAt: now,
      doneAt: now + durationMs,
      outcome,
      failIdx: outcome === 'success' ? [] : (failIdx ?? [1]).filter((i) => i >= 1 && i <= draft.articles.length),
      articleId: undefined,
      settled: false,
    }
    publish.jobs.set(String(job.publishId), job)
    emu.schedule(job.doneAt, () => {
      settle(state, job, emu.clock.now())
      if (state.pushTarget) void emu.push(state, { kind: 'event', from: PUBLISH_HELPER, fields: finishFields(emu, job), replies: false })
    })
    // The doc types both as strings (api_freepublish_submit); freepublish/get answers publish_id as a number, as developers report.
    return wxJson(c, { errcode: 0, errmsg: 'ok', publish_id: String(job.publishId), msg_data_id: String(job.msgDataId) })
  })

  app.post('/cgi-bin/freepublish/get', async (c) => {
    const body = await readJson<{ publish_id?: unknown }>(c)
    if (body instanceof Response) return body
    const job = publishState(c.get('app')).jobs.get(String(body.publish_id))
    if (!job) return wxError(c, 40035)
    return wxJson(c, jobAnswer(emu, c.get('app'), job, emu.clock.now()))
  })

  const publishedOf = (c: Context<EmuEnv>, id: unknown) => {
    const state = publishState(c.get('app'))
    for (const job of state.jobs.values()) settle(c.get('app'), job, emu.clock.now())
    return typeof id === 'string' ? state.published.get(id) : undefined
  }

  app.post('/cgi-bin/freepublish/delete', async (c) => {
    const body = await readJson<{ article_id?: unknown; index?: unknown }>(c)
    if (body instanceof Response) return body
    const published = publishedOf(c, body.article_id)
    if (!published) return wxError(c, 53600, INVALID_ARTICLE)
    const index = Number(body.index ?? 0)
    if (!Number.isInteger(index) || index < 0 || index > published.articles.length) return wxError(c, 40035)
    if (index === 0) published.articles.forEach((_, i) => published.deleted.add(i + 1))
    else published.deleted.add(index)
    return wxOk(c)
  })

  const newsItems = (
    c: Context<EmuEnv>,
    p: { articleId: string; articles: readonly Record<string, unknown>[]; deleted: Set<number> },
    noContent = false,
  ) =>
    p.articles.map((a, i) => ({
      ...articleView(emu, c, a as never, articleUrl(emu, p.articleId, i + 1), noContent),
      is_deleted: p.deleted.has(i + 1),
    }))

  app.post('/cgi-bin/freepublish/getarticle', async (c) => {
    const body = await readJson<{ article_id?: unknown }>(c)
    if (body instanceof Response) return body
    const published = publishedOf(c, body.article_id)
    if (!published) return wxError(c, 53600, INVALID_ARTICLE)
    return wxJson(c, { news_item: newsItems(c, published) })
  })

  app.post('/cgi-bin/freepublish/batchget', async (c) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const page = pageOf(c, body)
    if (page instanceof Response) return page
    publishedOf(c, undefined)
    const all = publishState(c.get('app')).publishedList()
    const item = all.slice(page.offset, page.offset + page.count).map((p) => ({
      article_id: p.articleId,
      content: { news_item: newsItems(c, p, page.noContent) },
      update_time: Math.floor(p.updatedAt / 1000),
    }))
    return wxJson(c, { total_count: all.length, item_count: item.length, item })
  })
}
