// Waiting for a publish job: by polling freepublish/get with backoff
// (https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_get), or from the
// PUBLISHJOBFINISH push (PublishEventInfo), as developers receive it:
// https://developers.weixin.qq.com/community/develop/doc/00000c2a54c2a83059ecb9ba056c00
// (about https://developers.weixin.qq.com/doc/offiaccount/Publish/Callback_on_finish.html).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { addDraft, createPublishOutcomes, publishDraft, waitForPublish, type PublishJobFinishPush } from './index'
import { useEmulator } from './internal/test-utils'
import type { WeChatClient } from '@wxmp/core'

const env = useEmulator()
let server: Server | undefined
afterAll(() => server?.close())

async function draft(): Promise<string> {
  const cover = await env.image()
  return (await addDraft(env.wx, [{ title: 'Wait', content: '<p>x</p>', thumbMediaId: cover }])).mediaId
}

beforeEach(() => env.emu.control.setPublishBehaviour({ outcome: 'success', failIdx: null, permission: true, durationMs: 1_000 }))

describe('waitForPublish by polling', () => {
  it('polls with a doubling interval until the job ends', async () => {
    await env.emu.control.setPublishBehaviour({ durationMs: 1_500 })
    const { publishId } = await publishDraft(env.wx, await draft())
    const before = await env.calls('/cgi-bin/freepublish/get')
    const outcome = await waitForPublish(env.wx, publishId, { intervalMs: 50, maxIntervalMs: 10_000 })
    expect(outcome.state).toBe('published')
    // 50, 100, 200, 400, 800 ms: about six polls in 1.5 s, where a fixed 50 ms would make about 30.
    expect((await env.calls('/cgi-bin/freepublish/get')) - before).toBeLessThanOrEqual(8)
  })

  it('returns a failure as an outcome, not an exception', async () => {
    await env.emu.control.setPublishBehaviour({ outcome: 'review-failed', durationMs: 100 })
    const { publishId } = await publishDraft(env.wx, await draft())
    expect(await waitForPublish(env.wx, publishId, { intervalMs: 50 })).toMatchObject({ state: 'review-failed', failIdx: [1] })
  })

  it("stops with the signal's reason when aborted", async () => {
    await env.emu.control.setPublishBehaviour({ durationMs: 60_000 })
    const { publishId } = await publishDraft(env.wx, await draft())
    await expect(waitForPublish(env.wx, publishId, { intervalMs: 50, signal: AbortSignal.timeout(300) })).rejects.toMatchObject({
      name: 'TimeoutError',
    })
  })
})

describe('waitForPublish from the push', () => {
  it('settles from PUBLISHJOBFINISH at once, long before the next poll', async () => {
    const outcomes = createPublishOutcomes()
    // A stand-in for the app's @wxmp/server handler: JSON pushes, mapped to the server's event shape.
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
        const info = body.PublishEventInfo as
          | {
              publish_id: number
              publish_status: number
              article_id?: string
              article_detail?: { item: { idx: number; article_url: string }[] }
            }
          | undefined
        if (body.Event === 'PUBLISHJOBFINISH' && info) {
          const push: PublishJobFinishPush = {
            event: 'PUBLISHJOBFINISH',
            publishId: String(info.publish_id),
            publishStatus: info.publish_status,
            ...(info.article_id ? { articleId: info.article_id } : {}),
            articles: (info.article_detail?.item ?? []).map((i) => ({ idx: i.idx, articleUrl: i.article_url })),
          }
          outcomes.deliver(push)
        }
        res.end('success')
      })
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    await env.emu.control.configurePush({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      token: 'tok123',
      format: 'json',
    })
    await env.emu.control.setPublishBehaviour({ durationMs: 300 })
    const { publishId } = await publishDraft(env.wx, await draft())
    const started = Date.now()
    // The first poll sees "publishing"; the next would be a minute later: only the push can end it sooner.
    const outcome = await waitForPublish(env.wx, publishId, { outcomes, intervalMs: 60_000 })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(outcome).toMatchObject({ state: 'published', publishId })
    if (outcome.state === 'published') expect(outcome.articles[0]?.url).toMatch(/^http/)
  })

  it('settles from a push that lands while a poll is in flight, without waiting for another poll', async () => {
    await env.emu.control.setPublishBehaviour({ durationMs: 600_000 })
    const { publishId } = await publishDraft(env.wx, await draft())
    const outcomes = createPublishOutcomes()
    const before = await env.calls('/cgi-bin/freepublish/get')
    await env.emu.control.fault({ path: '/cgi-bin/freepublish/get', kind: 'latency', ms: 400 })
    // The push lands while the (400 ms) poll is in flight: right after the client sends it.
    const push = {
      event: 'PUBLISHJOBFINISH',
      publishId,
      publishStatus: 0,
      articleId: 'A1',
      articles: [{ idx: 1, articleUrl: 'https://mp.weixin.qq.com/s/x' }],
    }
    const wx: WeChatClient = Object.create(env.wx, {
      request: {
        value: (path: string, init?: object) => {
          const answer = env.wx.request(path, init as never)
          if (path === '/cgi-bin/freepublish/get') setImmediate(() => outcomes.deliver(push))
          return answer
        },
      },
    })
    // Ten minutes to the next poll: only the push can end this wait (a missed push would hang it).
    const waiting = waitForPublish(wx, publishId, { outcomes, intervalMs: 600_000, maxIntervalMs: 600_000 })
    expect(await waiting).toMatchObject({ state: 'published', publishId, articleId: 'A1' })
    // At most the one poll (the push may even beat it to the emulator: the poll is then aborted).
    expect((await env.calls('/cgi-bin/freepublish/get')) - before).toBeLessThanOrEqual(1)
  })

  it('ignores pushes that are not a publish result', () => {
    const outcomes = createPublishOutcomes()
    expect(outcomes.deliver({ event: 'MASSSENDJOBFINISH', msgId: '1' })).toBe(false)
    expect(outcomes.deliver({ event: 'FREEPUBLISHJOBFINISH', publishId: '7', publishStatus: 3, failIdx: [1] })).toBe(true)
    expect(outcomes.get('7')).toEqual({ state: 'failed', status: 3, publishId: '7', failIdx: [1] })
  })
})
