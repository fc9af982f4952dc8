// Emulator module: POST /cgi-bin/media/uploadvideo, the step that turns an uploaded video into
// an `mpvideo` media_id for mass sending by openid (with the title and description fans see).
import { defineModule } from '../../context'
import { readJson, wxError, wxJson } from '../../wechat'
import { mediaOf } from '../media/store'

export const massVideoModule = defineModule({
  name: 'mass-video',
  routes(hono, emu) {
    hono.post('/cgi-bin/media/uploadvideo', async (c) => {
      const body = await readJson<{ media_id?: unknown; title?: unknown; description?: unknown }>(c)
      if (body instanceof Response) return body
      if (typeof body.media_id !== 'string' || body.media_id === '') return wxError(c, 41006)
      const now = emu.clock.now()
      const store = mediaOf(c.get('appState'))
      const video = store.get(body.media_id, now)
      if (!video || video.kind !== 'file' || video.type !== 'video') return wxError(c, 40007)
      const copy = store.addFile({
        type: 'video',
        scope: 'temporary',
        bytes: video.bytes,
        filename: video.filename,
        contentType: video.contentType,
        createdAt: now,
        title: typeof body.title === 'string' ? body.title : '',
        introduction: typeof body.description === 'string' ? body.description : '',
      })
      return wxJson(c, { type: 'video', media_id: copy.id, created_at: Math.floor(now / 1000) })
    })
  },
})
