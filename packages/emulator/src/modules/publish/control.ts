// Control routes under /__emulator/publish: choose how the next publish jobs end, read the jobs,
// seed a draft (a cover included) for tests that need a draft's media_id and nothing else.
import type { EmuHono, EmulatorContext } from '../../context'
import { mediaOf } from '../media'
import { jobAnswer } from './freepublish'
import { OUTCOME_STATUS, publishState, type Outcome } from './state'

const OUTCOMES = Object.keys(OUTCOME_STATUS) as Outcome[]
// A 1x1 JPEG: the seeded draft's cover.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
)

export function publishControl(control: EmuHono, emu: EmulatorContext): void {
  const appOf = (appId: unknown) => (typeof appId === 'string' && appId !== '' ? emu.apps.get(appId) : emu.apps.values().next().value)

  // { outcome?, failIdx?, permission?, durationMs? } for the jobs submitted from now on.
  control.post('/publish/behaviour', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const app = appOf(body.appId)
    if (!app) return c.json({ error: `unknown appId ${String(body.appId)}` }, 404)
    const b = publishState(app).behaviour
    if (body.outcome !== undefined) {
      if (!OUTCOMES.includes(body.outcome as Outcome)) return c.json({ error: `outcome must be one of ${OUTCOMES.join(', ')}` }, 400)
      b.outcome = body.outcome as Outcome
    }
    if (body.failIdx !== undefined) {
      if (body.failIdx !== null && (!Array.isArray(body.failIdx) || !body.failIdx.every((i) => Number.isInteger(i) && i >= 1)))
        return c.json({ error: 'failIdx must be a list of 1-based article indexes, or null' }, 400)
      b.failIdx = (body.failIdx as number[] | null) ?? undefined
    }
    if (body.permission !== undefined) {
      if (typeof body.permission !== 'boolean') return c.json({ error: 'permission must be a boolean' }, 400)
      b.permission = body.permission
    }
    if (body.durationMs !== undefined) {
      if (typeof body.durationMs !== 'number' || !Number.isInteger(body.durationMs) || body.durationMs < 0)
        return c.json({ error: 'durationMs must be a non-negative integer' }, 400)
      b.durationMs = body.durationMs
    }
    return c.json({ ...b, failIdx: b.failIdx ?? null })
  })

  // Every publish job of the app with its status now (freepublish/get's answer).
  control.get('/publish/jobs', (c) => {
    const app = appOf(c.req.query('appId'))
    if (!app) return c.json({ error: `unknown appId ${c.req.query('appId')}` }, 404)
    const now = emu.clock.now()
    return c.json(
      [...publishState(app).jobs.values()].map((job) => ({
        draftId: job.draftId,
        outcome: job.outcome,
        doneAt: job.doneAt,
        ...jobAnswer(emu, app, job, now),
      })),
    )
  })

  // A one-article draft with a fresh permanent cover: { mediaId }.
  control.post('/publish/drafts', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const app = appOf(body.appId)
    if (!app) return c.json({ error: `unknown appId ${String(body.appId)}` }, 404)
    const now = emu.clock.now()
    const cover = mediaOf(app).addFile({
      type: 'thumb',
      scope: 'permanent',
      bytes: JPEG,
      filename: 'cover.jpg',
      contentType: 'image/jpeg',
      createdAt: now,
    })
    const title = typeof body.title === 'string' && body.title !== '' ? body.title : 'Seeded draft'
    const state = publishState(app)
    const mediaId = state.newDraftId()
    const article = {
      article_type: 'news' as const,
      title,
      author: '',
      digest: title,
      content: `<p>${title}</p>`,
      content_source_url: '',
      thumb_media_id: cover.id,
      need_open_comment: 0,
      only_fans_can_comment: 0,
    }
    state.drafts.set(mediaId, { mediaId, articles: [article], createdAt: now, updatedAt: now })
    return c.json({ mediaId })
  })
}
