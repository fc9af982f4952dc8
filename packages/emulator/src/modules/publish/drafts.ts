// /cgi-bin/draft/*: add, get, update, delete, count, batchget.
// https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add (and its siblings)
import type { Context } from 'hono'
import type { EmuEnv, EmuHono, EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { mediaOf } from '../media'
import { checkArticle, checkArticles } from './articles'
import { publishState, type DraftArticle } from './state'

const MAX_PAGE = 20

/** An article as draft/get and draft/batchget answer it: the stored fields, its links, no content on request. */
export function articleView(
  emu: EmulatorContext,
  c: Context<EmuEnv>,
  a: DraftArticle,
  url: string,
  noContent = false,
): Record<string, unknown> {
  const cover = typeof a.thumb_media_id === 'string' ? mediaOf(c.get('app')).items.get(a.thumb_media_id) : undefined
  const { content, ...rest } = a
  return {
    ...rest,
    ...(noContent ? {} : { content }),
    url,
    ...(a.article_type === 'news' ? { thumb_url: cover?.kind === 'file' ? `${emu.baseUrl()}/mmbiz/${cover.cdnKey}` : '' } : {}),
  }
}

/** Reads `{offset, count, no_content}` as WeChat's list endpoints take it, or answers 40035. */
export function pageOf(c: Context, body: Record<string, unknown>): { offset: number; count: number; noContent: boolean } | Response {
  const offset = Number(body.offset ?? 0)
  const count = Number(body.count ?? MAX_PAGE)
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1 || count > MAX_PAGE) return wxError(c, 40035)
  return { offset, count, noContent: Number(body.no_content ?? 0) === 1 }
}

export function draftRoutes(app: EmuHono, emu: EmulatorContext): void {
  const draftUrl = (id: string, i: number) => `${emu.baseUrl()}/s/draft/${id}/${i + 1}`

  app.post('/cgi-bin/draft/add', async (c) => {
    const body = await readJson<{ articles?: unknown }>(c)
    if (body instanceof Response) return body
    const state = c.get('app')
    const now = emu.clock.now()
    const articles = checkArticles(c, state, body.articles, now)
    if (articles instanceof Response) return articles
    const drafts = publishState(state)
    const mediaId = drafts.newDraftId()
    drafts.drafts.set(mediaId, { mediaId, articles, createdAt: now, updatedAt: now })
    return wxJson(c, { media_id: mediaId })
  })

  app.post('/cgi-bin/draft/get', async (c) => {
    const body = await readJson<{ media_id?: unknown }>(c)
    if (body instanceof Response) return body
    if (typeof body.media_id !== 'string' || body.media_id === '') return wxError(c, 41006)
    const draft = publishState(c.get('app')).drafts.get(body.media_id)
    if (!draft) return wxError(c, 40007)
    return wxJson(c, { news_item: draft.articles.map((a, i) => articleView(emu, c, a, draftUrl(draft.mediaId, i))) })
  })

  app.post('/cgi-bin/draft/update', async (c) => {
    const body = await readJson<{ media_id?: unknown; index?: unknown; articles?: unknown }>(c)
    if (body instanceof Response) return body
    if (typeof body.media_id !== 'string' || body.media_id === '') return wxError(c, 41006)
    const draft = publishState(c.get('app')).drafts.get(body.media_id)
    if (!draft) return wxError(c, 40007)
    const index = Number(body.index ?? 0)
    if (!Number.isInteger(index) || index < 0 || index >= draft.articles.length) return wxError(c, 40035)
    const now = emu.clock.now()
    const article = checkArticle(c, c.get('app'), body.articles, now)
    if (article instanceof Response) return article
    draft.articles[index] = article
    draft.updatedAt = now
    return wxOk(c)
  })

  app.post('/cgi-bin/draft/delete', async (c) => {
    const body = await readJson<{ media_id?: unknown }>(c)
    if (body instanceof Response) return body
    if (typeof body.media_id !== 'string' || body.media_id === '') return wxError(c, 41006)
    const drafts = publishState(c.get('app')).drafts
    if (!drafts.delete(body.media_id)) return wxError(c, 40007)
    return wxOk(c)
  })

  app.get('/cgi-bin/draft/count', (c) => wxJson(c, { total_count: publishState(c.get('app')).drafts.size }))

  app.post('/cgi-bin/draft/batchget', async (c) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const page = pageOf(c, body)
    if (page instanceof Response) return page
    const all = publishState(c.get('app')).draftList()
    const item = all.slice(page.offset, page.offset + page.count).map((d) => ({
      media_id: d.mediaId,
      content: {
        news_item: d.articles.map((a, i) => articleView(emu, c, a, draftUrl(d.mediaId, i), page.noContent)),
        create_time: Math.floor(d.createdAt / 1000),
        update_time: Math.floor(d.updatedAt / 1000),
      },
      update_time: Math.floor(d.updatedAt / 1000),
    }))
    return wxJson(c, { total_count: all.length, item_count: item.length, item })
  })
}
