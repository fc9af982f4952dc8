// Emulator module: mass messages (sendall, send, preview, delete, get, speed, clientmsgid dedup);
// a job's status follows the emulator clock. A send to all followers (maybe millions) writes no
// outbox entries, only the job: read it with control.massJobs() (README "Control API").
import type { Context } from 'hono'
import { defineModule, type AppState, type EmuEnv, type EmulatorContext } from '../../context'
import { rid, wxError, wxJson, wxOk } from '../../wechat'
import { checkMassMessage, digest, readJsonLossless } from './body'
import { massState, REALSPEED, type Audience, type MassJob, type MassStatus } from './state'
import { ControlError, appOf, readBody } from '../../control/kit'
import { draftArticleCount, isDraft, removeDraft } from '../publish/index'
import { lookupMedia, mediaOf } from '../media'

const DAY_MS = 24 * 3600 * 1000
/** WeChat answers 45066 to a repeated clientmsgid within this long of the first. */
const TOO_FAST_MS = 60_000

const bytes = (s: string) => new TextEncoder().encode(s).length

interface Resolved {
  audience: Audience
  total: number
  recipients: string[]
}

/** The audience of a send body, or WeChat's errcode. */
function resolveAudience(appState: AppState, body: Record<string, unknown>, path: string): Resolved | number {
  if (path.endsWith('/send')) {
    const touser = body.touser
    if (!Array.isArray(touser) || touser.length < 2 || touser.length > 10_000) return 40130
    if (!touser.every((t) => typeof t === 'string')) return 40003
    const unique = [...new Set(touser as string[])]
    return { audience: { kind: 'openids' }, total: unique.length, recipients: unique.filter((o) => appState.followers.isFollowing(o)) }
  }
  const filter = body.filter as { is_to_all?: unknown; tag_id?: unknown } | undefined
  if (filter === null || typeof filter !== 'object') return 40035
  if (filter.is_to_all === true) return { audience: { kind: 'all' }, total: appState.followers.total, recipients: [] }
  const tagId = typeof filter.tag_id === 'string' ? Number(filter.tag_id) : filter.tag_id
  if (typeof tagId !== 'number' || !Number.isInteger(tagId) || !appState.tags.get(tagId)) return 45159
  return {
    audience: { kind: 'tag', tagId },
    total: appState.tags.count(tagId),
    recipients: appState.tags.membersOf(tagId).filter((o) => appState.followers.isFollowing(o)),
  }
}

/**
 * FromUserName of MASSSENDJOBFINISH: WeChat's field table says "公众号群发助手的微信号，为mphelper"
 * (its example shows an openid-like value instead).
 * https://developers.weixin.qq.com/doc/service/guide/product/message/Batch_Sends.html
 */
export const MASS_HELPER = 'mphelper'

/** MASSSENDJOBFINISH's fields after CreateTime, as the doc's example lists them (事件推送群发结果). */
function jobFinishFields(job: MassJob, status: MassStatus): Record<string, unknown> {
  const failed = status === 'SEND_FAIL'
  // FilterCount: followers left after filtering (unfollowed, refused); SentCount + ErrorCount = FilterCount.
  const filtered = job.audience.kind === 'all' ? job.totalCount : job.delivered
  return {
    MsgType: 'event',
    Event: 'MASSSENDJOBFINISH',
    MsgID: job.msgId,
    Status: failed ? 'send fail' : 'send success',
    TotalCount: job.totalCount,
    FilterCount: filtered,
    SentCount: failed ? 0 : filtered,
    ErrorCount: failed ? filtered : 0,
    // No article is judged a reprint: CheckState 1 (未被判为转载).
    CopyrightCheckResult: { Count: 0, ResultList: [], CheckState: 1 },
    // mpnews: each article's link, as developers receive it (ArticleUrlResult, ArticleIdx 1-based).
    ...(job.articleUrls && !failed
      ? {
          ArticleUrlResult: {
            Count: job.articleUrls.length,
            ResultList: job.articleUrls.map((url, i) => ({ ArticleIdx: i + 1, ArticleUrl: url })),
          },
        }
      : {}),
  }
}

/** How many articles an mpnews media id holds: a draft's, or old news (uploadnews, add_news). */
function articleCount(app: AppState, mediaId: string): number {
  const drafted = draftArticleCount(app, mediaId)
  if (drafted > 0) return drafted
  const item = mediaOf(app).items.get(mediaId)
  return item?.kind === 'news' ? item.articles.length : 0
}

/**
 * Whether an mpnews `media_id` names articles WeChat can send: a draft (draft/add; what a mass-sent
 * article's media_id must come from now) or news made the old way (uploadnews, add_news).
 * Anything else answers 40007.
 */
function isArticleMedia(app: AppState, mediaId: string, now: number): boolean {
  return isDraft(app, mediaId) || lookupMedia(app, mediaId, now)?.type === 'news'
}

function jobView(job: MassJob, now: number, status: MassStatus) {
  return {
    msgId: job.msgId.toString(),
    msgDataId: job.msgDataId?.toString() ?? null,
    clientmsgid: job.clientmsgid ?? null,
    audience: job.audience,
    msgtype: job.msgtype,
    payload: job.payload,
    sendIgnoreReprint: job.sendIgnoreReprint ?? null,
    totalCount: job.totalCount,
    delivered: job.delivered,
    status,
    createdAt: job.createdAt,
    doneAt: job.doneAt,
    deletedArticles: job.deletedArticles,
    ageMs: now - job.createdAt,
  }
}

export const massModule = defineModule({
  name: 'mass',
  routes(hono, emu) {
    const send = async (c: Context<EmuEnv>) => {
      const body = await readJsonLossless(c)
      if (body instanceof Response) return body
      const state = c.get('appState')
      const mass = massState(state)
      const now = emu.clock.now()
      const message = checkMassMessage(body)
      if (typeof message === 'number') return wxError(c, message)
      if (message.msgtype === 'mpnews' && !isArticleMedia(state, String(message.payload.media_id), now)) return wxError(c, 40007)
      const clientmsgid = body.clientmsgid
      if (clientmsgid !== undefined && (typeof clientmsgid !== 'string' || bytes(clientmsgid) > 64)) return wxError(c, 45067)
      const resolved = resolveAudience(state, body, c.req.path)
      if (typeof resolved === 'number') return wxError(c, resolved)

      // Without a clientmsgid WeChat derives one from audience and content, so an identical send
      // within 24 hours is refused the same way.
      const key =
        typeof clientmsgid === 'string' && clientmsgid !== ''
          ? `id:${clientmsgid}`
          : `auto:${digest([c.req.path, body.touser, body.filter, message])}`
      const earlier = mass.byKey.get(key)
      if (earlier && now - earlier.createdAt < DAY_MS) {
        if (now - earlier.createdAt < TOO_FAST_MS) return wxError(c, 45066)
        return wxJson(c, { errcode: 45065, errmsg: `clientmsgid exist rid: ${rid()}`, msg_id: earlier.msgId })
      }
      if (resolved.audience.kind === 'all') {
        if (mass.lastToAll !== undefined && now - mass.lastToAll < DAY_MS) return wxError(c, 45028)
        mass.lastToAll = now
      }

      const ids = mass.nextIds()
      const withData = message.msgtype === 'mpnews' || message.msgtype === 'image'
      const perMinute = (REALSPEED[mass.speed] ?? 80) * 10_000
      const job: MassJob = {
        msgId: ids.msgId,
        msgDataId: withData ? ids.msgDataId : undefined,
        dedupKey: key,
        clientmsgid: typeof clientmsgid === 'string' ? clientmsgid : undefined,
        audience: resolved.audience,
        msgtype: message.msgtype,
        payload: message.payload,
        sendIgnoreReprint: typeof body.send_ignore_reprint === 'number' ? body.send_ignore_reprint : undefined,
        totalCount: resolved.total,
        delivered: resolved.recipients.length,
        createdAt: now,
        doneAt: now + Math.ceil((resolved.total / perMinute) * 60_000),
        ...(message.msgtype === 'mpnews'
          ? {
              articleUrls: Array.from(
                { length: articleCount(state, String(message.payload.media_id)) },
                (_, i) => `${emu.baseUrl()}/s/mass/${ids.msgId}/${i + 1}`,
              ),
            }
          : {}),
        override: undefined,
        deletedArticles: [],
      }
      mass.jobs.set(job.msgId.toString(), job)
      mass.byKey.set(key, job)
      // A mass-sent draft leaves the box (api_draft_add: 被群发或发布后，该素材将从草稿箱中移除).
      if (message.msgtype === 'mpnews') removeDraft(state, String(message.payload.media_id))
      for (const touser of resolved.recipients) {
        emu.outbox.deliver({
          appId: state.appId,
          channel: 'mass',
          touser,
          msgtype: job.msgtype,
          payload: job.payload,
          at: now,
          ref: job.msgId.toString(),
        })
      }
      // When the job's status turns SEND_SUCCESS on the emulator clock (or it was failed meanwhile),
      // WeChat pushes MASSSENDJOBFINISH to the account's URL.
      emu.schedule(job.doneAt, () => {
        if (state.pushTarget)
          void emu.push(state, {
            kind: 'event',
            from: MASS_HELPER,
            fields: jobFinishFields(job, mass.status(job, emu.clock.now())),
            replies: false,
          })
      })
      return wxJson(c, {
        errcode: 0,
        errmsg: 'send job submission success',
        msg_id: job.msgId,
        ...(job.msgDataId === undefined ? {} : { msg_data_id: job.msgDataId }),
      })
    }
    hono.post('/cgi-bin/message/mass/sendall', send)
    hono.post('/cgi-bin/message/mass/send', send)

    hono.post('/cgi-bin/message/mass/preview', async (c: Context<EmuEnv>) => {
      const body = await readJsonLossless(c)
      if (body instanceof Response) return body
      const state = c.get('appState')
      const message = checkMassMessage(body, 'preview')
      if (typeof message === 'number') return wxError(c, message)
      if (message.msgtype === 'mpnews' && !isArticleMedia(state, String(message.payload.media_id), emu.clock.now()))
        return wxError(c, 40007)
      let touser: string
      if (typeof body.touser === 'string' && body.touser !== '') {
        if (!state.followers.isFollowing(body.touser)) return wxError(c, 40003)
        touser = body.touser
      } else if (typeof body.towxname === 'string' && body.towxname !== '') touser = body.towxname
      else return wxError(c, 41009)
      const msgId = massState(state).nextIds().msgId
      emu.outbox.deliver({
        appId: state.appId,
        channel: 'preview',
        touser,
        msgtype: message.msgtype,
        payload: message.payload,
        at: emu.clock.now(),
        ref: msgId.toString(),
      })
      return wxJson(c, { errcode: 0, errmsg: 'preview success', msg_id: msgId })
    })

    hono.post('/cgi-bin/message/mass/get', async (c: Context<EmuEnv>) => {
      const body = await readJsonLossless(c)
      if (body instanceof Response) return body
      const job = massState(c.get('appState')).jobs.get(String(body.msg_id))
      if (!job) return wxError(c, 40059, 'invalid msg id')
      return wxJson(c, { msg_id: job.msgId, msg_status: massState(c.get('appState')).status(job, emu.clock.now()) })
    })

    hono.post('/cgi-bin/message/mass/delete', async (c: Context<EmuEnv>) => {
      const body = await readJsonLossless(c)
      if (body instanceof Response) return body
      const mass = massState(c.get('appState'))
      const job = mass.jobs.get(String(body.msg_id))
      if (!job) return wxError(c, 40059, 'invalid msg id')
      // Only article and video sends have pages to take down.
      if (job.msgtype !== 'mpnews' && job.msgtype !== 'mpvideo') return wxError(c, 40008)
      // WeChat deletes only sends that finished; it documents no code for the other case.
      if (mass.status(job, emu.clock.now()) !== 'SEND_SUCCESS') return wxError(c, 40059, 'invalid msg id')
      const idx = body.article_idx ?? 0
      if (typeof idx !== 'number' || !Number.isInteger(idx) || idx < 0 || idx > 8) return wxError(c, 40060, 'invalid article idx')
      if (idx === 0) job.override = 'DELETE'
      else if (!job.deletedArticles.includes(idx)) job.deletedArticles.push(idx)
      return wxOk(c)
    })

    hono.post('/cgi-bin/message/mass/speed/get', (c: Context<EmuEnv>) => {
      const speed = massState(c.get('appState')).speed
      return wxJson(c, { speed, realspeed: REALSPEED[speed] })
    })

    hono.post('/cgi-bin/message/mass/speed/set', async (c: Context<EmuEnv>) => {
      const body = await readJsonLossless(c)
      if (body instanceof Response) return body
      if (body.speed === undefined) return wxError(c, 45084, 'No speed message')
      if (typeof body.speed !== 'number' || !Number.isInteger(body.speed) || body.speed < 0 || body.speed > 4)
        return wxError(c, 45083, 'the speed out of range')
      massState(c.get('appState')).speed = body.speed
      return wxOk(c)
    })
  },

  control(control, emu: EmulatorContext) {
    // Every mass job of an app, oldest first, with its status now.
    control.get('/mass/jobs', (c) => {
      const appState = appOf(emu, c.req.query('appId'))
      const mass = massState(appState)
      const now = emu.clock.now()
      return c.json([...mass.jobs.values()].map((job) => jobView(job, now, mass.status(job, now))))
    })

    // Marks a job failed (as review refusing it would), or back to its clock-driven status.
    control.post('/mass/jobs/status', async (c) => {
      const body = await readBody(c)
      const appState = appOf(emu, body.appId)
      const job = massState(appState).jobs.get(String(body.msgId))
      if (!job) throw new ControlError(`unknown msgId ${String(body.msgId)}`, 404)
      if (body.status !== 'SEND_FAIL' && body.status !== null) throw new ControlError("status must be 'SEND_FAIL' or null")
      job.override = body.status === null ? undefined : 'SEND_FAIL'
      const now = emu.clock.now()
      return c.json(jobView(job, now, massState(appState).status(job, now)))
    })
  },
})
