// The modern article path: a cover and an image inside the body, a draft, a preview to one
// follower, a publish whose PUBLISHJOBFINISH push reaches a webhook in this process, and a mass
// send of a second draft to a tag with its MASSSENDJOBFINISH (and the articles' URLs).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTag, tagUsers } from '@wxmp/groups'
import { previewMassMessage, sendMassMessage } from '@wxmp/mass'
import { addMaterial, uploadArticleImage } from '@wxmp/media'
import { addDraft, createPublishOutcomes, getPublishedArticle, publishDraft, waitForPublish } from '@wxmp/publish'
import { createMessageServer, isJobFinishOf, type MassSendJobFinishEvent, type Push } from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'
import type { DemoStep } from '../context'

const TOKEN = 'demoPublishToken1'
// A 4x4 PNG: the cover and the chart inside the article.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAYAAACp8Z5+AAAAGklEQVR4AWNkP5jwnwEJMDGgASYGNMDEgAYAjQsCL+AF8KIAAAAASUVORK5CYII=',
  'base64',
)

const list = (v: unknown): unknown[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v])

export const publishStep: DemoStep = {
  title: 'Articles: a draft, a preview, a publish (PUBLISHJOBFINISH) and a mass send of a draft',
  needsEmulator: true,
  run: async ({ wx, emu, log, openid }) => {
    if (!emu || !openid) return
    const outcomes = createPublishOutcomes()
    const received: Push[] = []
    const clockOffset = (await emu.control.now()) - Date.now()
    const server = createMessageServer({
      appId: emu.appId,
      token: TOKEN,
      now: () => Date.now() + clockOffset,
      handle(push) {
        received.push(push)
        // @wxmp/server types the push (FREEPUBLISHJOBFINISH arrives as PUBLISHJOBFINISH too).
        if (push.msgType === 'event' && push.event === 'PUBLISHJOBFINISH') outcomes.deliver(push)
        return undefined
      },
      onError: (error) => log(`handler error: ${String(error)}`),
    })
    const http = createServer(toNodeHandler(server))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    try {
      await emu.control.configurePush({
        url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/wechat`,
        token: TOKEN,
        format: 'xml',
      })

      const cover = await addMaterial(wx, 'image', new Blob([PNG], { type: 'image/png' }), { filename: 'cover.png' })
      const chart = await uploadArticleImage(wx, new Blob([PNG], { type: 'image/png' }), { filename: 'chart.png' })
      log(`cover: permanent image ${cover.mediaId.slice(0, 12)}…; an image for the body: ${chart.url}`)
      const article = (title: string) => ({
        title,
        author: 'wxmp',
        content: `<p>${title}</p><img src="${chart.url}">`,
        thumbMediaId: cover.mediaId,
      })
      const { mediaId } = await addDraft(wx, [article('Spring menu'), article('Opening hours')])
      log(`draft ${mediaId.slice(0, 12)}… with 2 articles`)

      await previewMassMessage(wx, { openId: openid }, { type: 'mpnews', mediaId })
      log(`preview sent to ${openid} (outbox: ${(await emu.control.outbox({ channel: 'preview', touser: openid })).length} preview(s))`)

      const { publishId } = await publishDraft(wx, mediaId)
      // The next poll would be a minute away: the outcome comes from the push.
      const outcome = await waitForPublish(wx, publishId, { outcomes, intervalMs: 60_000, signal: AbortSignal.timeout(15_000) })
      if (outcome.state !== 'published') throw new Error(`publish ended ${outcome.state}`)
      log(`published: PUBLISHJOBFINISH for publish ${publishId} reached the webhook, article ${outcome.articleId.slice(0, 12)}…`)
      for (const a of outcome.articles) log(`  article ${a.idx}: ${a.url}`)
      const published = await getPublishedArticle(wx, outcome.articleId)
      log(`getPublishedArticle: ${published.articles.map((a) => `"${a.title}"`).join(', ')}`)

      const tagId = (await createTag(wx, `readers-${Date.now() % 100_000}`)).id
      await tagUsers(wx, [openid], tagId)
      const second = await addDraft(wx, [article('Weekly letter')])
      const sent = await sendMassMessage(wx, { tagId }, { type: 'mpnews', mediaId: second.mediaId }, { sendIgnoreReprint: true })
      const finish = await new Promise<MassSendJobFinishEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no MASSSENDJOBFINISH within 15 s')), 15_000)
        const poll = setInterval(() => {
          const found = received.find((p): p is MassSendJobFinishEvent => isJobFinishOf(p, sent))
          if (found) clearTimeout(timer), clearInterval(poll), resolve(found)
        }, 20)
      })
      // ArticleUrlResult: <ResultList><item>…</item></ResultList> in the raw fields (JSON pushes: a list).
      const resultList = (finish.raw.ArticleUrlResult as Record<string, unknown> | undefined)?.ResultList as
        | Record<string, unknown>
        | unknown[]
        | undefined
      const urls = list(Array.isArray(resultList) ? resultList : resultList?.item).map((i) =>
        String((i as Record<string, unknown>).ArticleUrl),
      )
      log(
        `mass send of a draft to tag ${tagId}: msgId ${sent.msgId}; MASSSENDJOBFINISH ${finish.status}, ${finish.sentCount} of ${finish.totalCount} sent, article URL ${urls[0] ?? '(none)'}`,
      )
    } finally {
      await emu.control.configurePush(null)
      http.close()
    }
  },
}
