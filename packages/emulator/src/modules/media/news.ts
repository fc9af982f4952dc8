// News articles: the checks uploadnews and add_news share, and the permanent news routes.
import type { Context } from 'hono'
import type { EmuEnv, EmuHono, EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { fail } from './files'
import { mediaOf, type StoredArticle } from './store'

const MAX_ARTICLES = 8
const MAX_CONTENT_CHARS = 20_000
const MAX_CONTENT_BYTES = 1024 * 1024

/** The articles in stored form, or WeChat's answer for the first problem found. */
export function checkArticles(c: Context, value: unknown, isCover: (id: string) => boolean): StoredArticle[] | Response {
  if (!Array.isArray(value) || value.length === 0) return wxError(c, 44003)
  if (value.length > MAX_ARTICLES) return fail(c, 45008)
  const out: StoredArticle[] = []
  for (const raw of value) {
    const article = checkArticle(c, raw, isCover)
    if (article instanceof Response) return article
    out.push(article)
  }
  return out
}

export function checkArticle(c: Context, raw: unknown, isCover: (id: string) => boolean): StoredArticle | Response {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return wxError(c, 47001)
  const a = raw as Record<string, unknown>
  if (typeof a.title !== 'string' || a.title === '') return wxError(c, 44003)
  if (typeof a.content !== 'string' || a.content === '') return wxError(c, 44004)
  if ([...a.content].length >= MAX_CONTENT_CHARS || Buffer.byteLength(a.content) >= MAX_CONTENT_BYTES) return wxError(c, 45002)
  if (typeof a.thumb_media_id !== 'string' || a.thumb_media_id === '') return wxError(c, 40007)
  if (!isCover(a.thumb_media_id)) return wxError(c, 40007)
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  const flag = (v: unknown) => (Number(v) === 1 ? 1 : 0)
  return {
    title: a.title,
    thumb_media_id: a.thumb_media_id,
    content: a.content,
    author: text(a.author),
    // WeChat fills an empty digest with the start of the content (text only).
    digest: text(a.digest) || a.content.replace(/<[^>]*>/g, '').slice(0, 64),
    content_source_url: text(a.content_source_url),
    show_cover_pic: flag(a.show_cover_pic),
    need_open_comment: flag(a.need_open_comment),
    only_fans_can_comment: flag(a.only_fans_can_comment),
  }
}

/** A stored article as get_material / batchget_material answer it. */
export function articleAnswer(
  emu: EmulatorContext,
  c: Context<EmuEnv>,
  newsId: string,
  index: number,
  a: StoredArticle,
): Record<string, unknown> {
  const cover = mediaOf(c.get('appState')).items.get(a.thumb_media_id)
  return {
    ...a,
    url: `${emu.baseUrl()}/s/${newsId}/${index}`,
    thumb_url: cover?.kind === 'file' ? `${emu.baseUrl()}/mmbiz/${cover.cdnKey}` : '',
  }
}

const RETIRED_NEWS =
  'This API has been unsupported. For more details, please view https://mp.weixin.qq.com/cgi-bin/announce?action=getannouncement&announce_id=11644831863qFQSh&version=&lang=zh_CN'

export function newsRoutes(hono: EmuHono, emu: EmulatorContext): void {
  const permanentCover = (c: Context<EmuEnv>) => (id: string) => {
    const item = mediaOf(c.get('appState')).get(id, emu.clock.now())
    return item?.kind === 'file' && item.scope === 'permanent' && (item.type === 'thumb' || item.type === 'image')
  }

  hono.post('/cgi-bin/material/add_news', async (c) => {
    const store = mediaOf(c.get('appState'))
    // Retired in 2022-02: 45103 then, 45106 with the announcement's link as developers met it in 2024.
    if (!store.legacyNews) return wxError(c, 45106, RETIRED_NEWS)
    const body = await readJson<{ articles?: unknown }>(c)
    if (body instanceof Response) return body
    const articles = checkArticles(c, body.articles, permanentCover(c))
    if (articles instanceof Response) return articles
    return wxJson(c, { media_id: store.addNews('permanent', articles, emu.clock.now()).id })
  })

  hono.post('/cgi-bin/material/update_news', async (c) => {
    const store = mediaOf(c.get('appState'))
    if (!store.legacyNews) return fail(c, 45103)
    const body = await readJson<{ media_id?: unknown; index?: unknown; articles?: unknown }>(c)
    if (body instanceof Response) return body
    if (typeof body.media_id !== 'string' || body.media_id === '') return wxError(c, 41006)
    const news = store.get(body.media_id, emu.clock.now())
    if (!news || news.kind !== 'news' || news.scope !== 'permanent') return wxError(c, 40007)
    const index = Number(body.index ?? 0)
    if (!Number.isInteger(index) || index < 0 || index >= news.articles.length) return wxError(c, 40035)
    const article = checkArticle(c, body.articles, permanentCover(c))
    if (article instanceof Response) return article
    news.articles[index] = article
    news.updatedAt = emu.clock.now()
    return wxOk(c)
  })
}
