// /cgi-bin/material/*: add_material, get_material, del_material, get_materialcount,
// batchget_material. News materials live in news.ts.
import type { EmuHono, EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { PERMANENT, readUpload, sendFile } from './files'
import { articleAnswer } from './news'
import { mediaOf, type FileType, type StoredMedia } from './store'

const TYPES = Object.keys(PERMANENT) as FileType[]
const LIST_TYPES = ['image', 'video', 'voice', 'news'] as const
const MAX_PAGE = 20

export function materialRoutes(hono: EmuHono, emu: EmulatorContext): void {
  hono.post('/cgi-bin/material/add_material', async (c) => {
    const type = c.req.query('type') as FileType | undefined
    if (type === undefined || !TYPES.includes(type)) return wxError(c, 40004)
    const upload = await readUpload(c, PERMANENT[type])
    if (upload instanceof Response) return upload
    let video: { title: string; introduction: string } | undefined
    if (type === 'video') {
      // A video material needs its description form field: JSON {"title","introduction"}.
      try {
        const d = JSON.parse(upload.fields.description ?? '') as Record<string, unknown>
        if (typeof d.title !== 'string' || d.title === '' || typeof d.introduction !== 'string') throw new Error('bad')
        video = { title: d.title, introduction: d.introduction }
      } catch {
        return wxError(c, 40097)
      }
    }
    const store = mediaOf(c.get('appState'))
    const file = store.addFile({
      type,
      scope: 'permanent',
      bytes: upload.bytes,
      filename: upload.file.name,
      contentType: upload.file.type || 'application/octet-stream',
      createdAt: emu.clock.now(),
      ...(video ?? {}),
    })
    const answer: Record<string, unknown> = { media_id: file.id }
    if (type === 'image') answer.url = `${emu.baseUrl()}/mmbiz/${file.cdnKey}`
    return wxJson(c, answer)
  })

  hono.post('/cgi-bin/material/get_material', async (c) => {
    const body = await readJson<{ media_id?: unknown }>(c)
    if (body instanceof Response) return body
    if (typeof body.media_id !== 'string' || body.media_id === '') return wxError(c, 41006)
    const store = mediaOf(c.get('appState'))
    const item = store.get(body.media_id, emu.clock.now())
    if (!item || item.scope !== 'permanent') return wxError(c, 40007)
    if (item.kind === 'news') {
      return wxJson(c, {
        news_item: item.articles.map((a, i) => articleAnswer(emu, c, item.id, i, a)),
        create_time: Math.floor(item.createdAt / 1000),
        update_time: Math.floor(item.updatedAt / 1000),
      })
    }
    if (item.type === 'video') {
      return wxJson(c, { title: item.title ?? '', description: item.introduction ?? '', down_url: `${emu.baseUrl()}/mmbiz/${item.cdnKey}` })
    }
    return sendFile(c, store, item)
  })

  hono.post('/cgi-bin/material/del_material', async (c) => {
    const body = await readJson<{ media_id?: unknown }>(c)
    if (body instanceof Response) return body
    if (typeof body.media_id !== 'string' || body.media_id === '') return wxError(c, 41006)
    const store = mediaOf(c.get('appState'))
    const item = store.get(body.media_id, emu.clock.now())
    if (!item || item.scope !== 'permanent') return wxError(c, 40007)
    store.delete(item.id)
    return wxOk(c)
  })

  hono.get('/cgi-bin/material/get_materialcount', (c) => {
    const counts = { voice_count: 0, video_count: 0, image_count: 0, news_count: 0 }
    for (const item of mediaOf(c.get('appState')).permanent()) counts[`${listType(item)}_count`]++
    return wxJson(c, counts)
  })

  hono.post('/cgi-bin/material/batchget_material', async (c) => {
    const body = await readJson<{ type?: unknown; offset?: unknown; count?: unknown }>(c)
    if (body instanceof Response) return body
    const type = body.type as (typeof LIST_TYPES)[number]
    if (!LIST_TYPES.includes(type)) return wxError(c, 40004)
    const offset = Number(body.offset ?? 0)
    const count = Number(body.count ?? MAX_PAGE)
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1 || count > MAX_PAGE) return wxError(c, 40035)
    const all = mediaOf(c.get('appState'))
      .permanent()
      .filter((m) => listType(m) === type)
    const page = all.slice(offset, offset + count)
    const item = page.map((m) => {
      const update_time = Math.floor(m.updatedAt / 1000)
      if (m.kind === 'news') {
        return {
          media_id: m.id,
          content: {
            news_item: m.articles.map((a, i) => articleAnswer(emu, c, m.id, i, a)),
            create_time: Math.floor(m.createdAt / 1000),
            update_time,
          },
          update_time,
        }
      }
      return {
        media_id: m.id,
        name: m.filename,
        update_time,
        url: m.type === 'image' || m.type === 'thumb' ? `${emu.baseUrl()}/mmbiz/${m.cdnKey}` : '',
      }
    })
    return wxJson(c, { total_count: all.length, item_count: item.length, item })
  })
}

/** The list a material appears in: thumbs are images to WeChat's library. */
function listType(item: StoredMedia): (typeof LIST_TYPES)[number] {
  if (item.kind === 'news') return 'news'
  return item.type === 'thumb' ? 'image' : item.type
}
