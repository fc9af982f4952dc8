// Control routes for media, under /__emulator/media: what tests need to see and switch.
import type { EmuHono, EmulatorContext } from '../../context'
import { mediaOf } from './store'

export function mediaControl(control: EmuHono, emu: EmulatorContext): void {
  const appOf = (appId: string | undefined) => (appId ? emu.apps.get(appId) : emu.apps.values().next().value)

  // Every file download the app served, oldest first, and how each ended.
  control.get('/media/downloads', (c) => {
    const app = appOf(c.req.query('appId'))
    if (!app) return c.json({ error: `unknown appId ${c.req.query('appId')}` }, 404)
    return c.json(mediaOf(app).downloads)
  })

  // Stored media (no bytes): id, kind, scope, size, times.
  control.get('/media/items', (c) => {
    const app = appOf(c.req.query('appId'))
    if (!app) return c.json({ error: `unknown appId ${c.req.query('appId')}` }, 404)
    const items = [...mediaOf(app).items.values()].map((m) =>
      m.kind === 'news'
        ? { mediaId: m.id, type: 'news', scope: m.scope, articles: m.articles.length, createdAt: m.createdAt, updatedAt: m.updatedAt }
        : { mediaId: m.id, type: m.type, scope: m.scope, size: m.bytes.byteLength, createdAt: m.createdAt, updatedAt: m.updatedAt },
    )
    return c.json(items)
  })

  // `chunkedDownloads`: answer files without Content-Length. `legacyNews: true`: add_news and
  // update_news work as they did before 2022-02 (by default they answer 45103, as WeChat does now).
  control.post('/media/options', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { appId?: string; chunkedDownloads?: unknown; legacyNews?: unknown }
    const app = appOf(body.appId)
    if (!app) return c.json({ error: `unknown appId ${String(body.appId)}` }, 404)
    const store = mediaOf(app)
    if (typeof body.chunkedDownloads === 'boolean') store.chunkedDownloads = body.chunkedDownloads
    if (typeof body.legacyNews === 'boolean') store.legacyNews = body.legacyNews
    return c.json({ chunkedDownloads: store.chunkedDownloads, legacyNews: store.legacyNews })
  })
}
