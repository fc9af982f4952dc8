// /cgi-bin/media/*: temporary upload and download, HD voice, article images, uploadnews.
import type { Context } from 'hono'
import type { EmuEnv, EmuHono, EmulatorContext } from '../../context'
import { readJson, wxError, wxJson } from '../../wechat'
import { ARTICLE_IMAGE, TEMPORARY, fail, readUpload, sendFile } from './files'
import { checkArticles } from './news'
import { mediaOf, type FileType } from './store'

const TYPES = Object.keys(TEMPORARY) as FileType[]

export function temporaryRoutes(hono: EmuHono, emu: EmulatorContext): void {
  hono.post('/cgi-bin/media/upload', async (c) => {
    const type = c.req.query('type') as FileType | undefined
    if (type === undefined || !TYPES.includes(type)) return wxError(c, 40004)
    const upload = await readUpload(c, TEMPORARY[type])
    if (upload instanceof Response) return upload
    const now = emu.clock.now()
    const file = mediaOf(c.get('appState')).addFile({
      type,
      scope: 'temporary',
      bytes: upload.bytes,
      // WeChat names a download after the media id, keeping only the extension.
      filename: upload.ext,
      contentType: upload.file.type || 'application/octet-stream',
      createdAt: now,
    })
    const created_at = Math.floor(now / 1000)
    // Thumbs answer their id as thumb_media_id.
    return wxJson(c, type === 'thumb' ? { type, thumb_media_id: file.id, created_at } : { type, media_id: file.id, created_at })
  })

  hono.get('/cgi-bin/media/get', (c) => {
    const found = temporaryFile(c, emu)
    if (found instanceof Response) return found
    const { store, file } = found
    // Video answers a URL document instead of its bytes.
    if (file.type === 'video') return wxJson(c, { video_url: `${emu.baseUrl()}/mmbiz/${file.cdnKey}` })
    return sendFile(c, store, file, { filename: `${file.id}.${file.filename}` })
  })

  hono.get('/cgi-bin/media/get/jssdk', (c) => {
    const found = temporaryFile(c, emu)
    if (found instanceof Response) return found
    const { store, file } = found
    if (file.type !== 'voice') return wxError(c, 40007)
    // No JS-SDK here: any temporary voice stands in for a recording, labelled as WeChat labels HD voice.
    return sendFile(c, store, file, { filename: `${file.id}.speex`, contentType: 'voice/speex' })
  })

  hono.post('/cgi-bin/media/uploadimg', async (c) => {
    const upload = await readUpload(c, ARTICLE_IMAGE)
    if (upload instanceof Response) return upload
    const file = mediaOf(c.get('appState')).addFile({
      type: 'image',
      scope: 'article-image',
      bytes: upload.bytes,
      filename: upload.file.name,
      contentType: upload.file.type || 'image/jpeg',
      createdAt: emu.clock.now(),
    })
    return wxJson(c, { url: `${emu.baseUrl()}/mmbiz/${file.cdnKey}` })
  })

  hono.post('/cgi-bin/media/uploadnews', async (c) => {
    const body = await readJson<{ articles?: unknown }>(c)
    if (body instanceof Response) return body
    const store = mediaOf(c.get('appState'))
    const now = emu.clock.now()
    // Covers may be temporary (the documented source) or permanent.
    const articles = checkArticles(c, body.articles, (id) => {
      const item = store.get(id, now)
      return item?.kind === 'file' && (item.type === 'thumb' || item.type === 'image')
    })
    if (articles instanceof Response) return articles
    const news = store.addNews('temporary', articles, now)
    return wxJson(c, { type: 'news', media_id: news.id, created_at: Math.floor(now / 1000) })
  })

  // Files WeChat hands out as URLs (video_url, down_url, image url): no token, a CDN-like 404.
  hono.get('/mmbiz/:key', (c) => {
    const owner = firstAppWith(emu, c.req.param('key'))
    if (!owner) return c.text('not found', 404)
    const store = mediaOf(owner)
    const file = store.cdn.get(c.req.param('key'))
    if (!file || !store.get(file.id, emu.clock.now())) return c.text('not found', 404)
    return sendFile(c, store, file)
  })
}

function temporaryFile(c: Context<EmuEnv>, emu: EmulatorContext) {
  const id = c.req.query('media_id')
  if (id === undefined || id === '') return fail(c, 41006)
  const store = mediaOf(c.get('appState'))
  const item = store.get(id, emu.clock.now())
  if (!item || item.kind !== 'file' || item.scope !== 'temporary') return wxError(c, 40007)
  return { store, file: item }
}

/** /mmbiz/ carries no token, so the app is found by the key. */
function firstAppWith(emu: EmulatorContext, key: string) {
  for (const appState of emu.apps.values()) if (mediaOf(appState).cdn.has(key)) return appState
  return undefined
}
