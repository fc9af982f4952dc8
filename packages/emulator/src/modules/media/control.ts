// Control routes for media, under /__emulator/media: what tests need to see and switch.
import type { EmuHono, EmulatorContext } from '../../context'
import { mediaOf } from './store'
import { appOf, readBody } from '../../control/kit'

export function mediaControl(control: EmuHono, emu: EmulatorContext): void {
  // Every file download the app served, oldest first, and how each ended.
  control.get('/media/downloads', (c) => {
    return c.json(mediaOf(appOf(emu, c.req.query('appId'))).downloads)
  })

  // Stored media (no bytes): id, kind, scope, size, times.
  control.get('/media/items', (c) => {
    const items = [...mediaOf(appOf(emu, c.req.query('appId'))).items.values()].map((m) =>
      m.kind === 'news'
        ? { mediaId: m.id, type: 'news', scope: m.scope, articles: m.articles.length, createdAt: m.createdAt, updatedAt: m.updatedAt }
        : { mediaId: m.id, type: m.type, scope: m.scope, size: m.bytes.byteLength, createdAt: m.createdAt, updatedAt: m.updatedAt },
    )
    return c.json(items)
  })

  // `chunkedDownloads`: answer files without Content-Length. `legacyNews: true`: add_news and
  // update_news work as they did before 2022-02 (by default they answer 45103, as WeChat does now).
  control.post('/media/options', async (c) => {
    const body = await readBody(c)
    const store = mediaOf(appOf(emu, body.appId))
    if (typeof body.chunkedDownloads === 'boolean') store.chunkedDownloads = body.chunkedDownloads
    if (typeof body.legacyNews === 'boolean') store.legacyNews = body.legacyNews
    return c.json({ chunkedDownloads: store.chunkedDownloads, legacyNews: store.legacyNews })
  })
}
