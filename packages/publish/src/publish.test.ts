// Publishing against the emulator over HTTP. Doc pages:
// freepublish/submit     https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_submit
// freepublish/get        https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_get
// freepublish/delete     https://developers.weixin.qq.com/doc/service/api/public/api_freepublishdelete
// freepublish/getarticle https://developers.weixin.qq.com/doc/service/api/public/api_freepublishgetarticle
// freepublish/batchget   https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_batchget
import { beforeEach, describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import {
  addDraft,
  deletePublished,
  getDraft,
  getPublishedArticle,
  getPublishStatus,
  iteratePublished,
  listPublished,
  publishDraft,
  waitForPublish,
} from './index'
import { useEmulator } from './internal/test-utils'

const env = useEmulator()

async function draft(titles = ['First']): Promise<string> {
  const cover = await env.image()
  return (
    await addDraft(
      env.wx,
      titles.map((title) => ({ title, content: `<p>${title}</p>`, thumbMediaId: cover })),
    )
  ).mediaId
}

beforeEach(() => env.emu.control.setPublishBehaviour({ outcome: 'success', failIdx: null, permission: true, durationMs: 1_000 }))

describe('publishDraft and getPublishStatus', () => {
  it('returns the publish id as an exact decimal string; the job is publishing, then published with article id and URLs', async () => {
    const mediaId = await draft(['A', 'B'])
    const { publishId } = await publishDraft(env.wx, mediaId)
    expect(publishId).toMatch(/^\d+$/)
    expect(await getPublishStatus(env.wx, publishId)).toEqual({ state: 'publishing', status: 1, publishId })
    await env.emu.control.advanceClock(1_000)
    const done = await getPublishStatus(env.wx, publishId)
    if (done.state !== 'published') throw new Error(`expected published, got ${done.state}`)
    expect(done.articles.map((a) => a.idx)).toEqual([1, 2])
    expect(done.articles[0]?.url).toMatch(/^http/)
    // The published draft has left the box.
    await expect(getDraft(env.wx, mediaId)).rejects.toMatchObject({ errcode: 40007 })
  })

  it.each([
    ['original-check-failed', 2],
    ['failed', 3],
    ['review-failed', 4],
  ] as const)('reports %s (publish_status %i) with the failing article indexes', async (outcome, status) => {
    await env.emu.control.setPublishBehaviour({ outcome, failIdx: [2] })
    const { publishId } = await publishDraft(env.wx, await draft(['A', 'B']))
    await env.emu.control.advanceClock(1_000)
    expect(await getPublishStatus(env.wx, publishId)).toEqual({ state: outcome, status, publishId, failIdx: [2] })
  })

  it('passes 48001 through for an account that lost the publish permission', async () => {
    await env.emu.control.setPublishBehaviour({ permission: false })
    const error = await publishDraft(env.wx, await draft()).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(48001)
  })

  it('is not retried after errcode -1: a repeat could publish twice', async () => {
    const mediaId = await draft()
    const before = (await env.emu.control.publishJobs()).length
    await env.emu.control.fault({ path: '/cgi-bin/freepublish/submit', kind: 'errcode', errcode: -1, phase: 'after' })
    await expect(publishDraft(env.wx, mediaId)).rejects.toMatchObject({ errcode: -1 })
    expect(await env.emu.control.publishJobs()).toHaveLength(before + 1)
  })
})

describe('published articles', () => {
  beforeEach(() => env.emu.control.setPublishBehaviour({ durationMs: 100 }))

  async function published(titles: string[]): Promise<string> {
    const { publishId } = await publishDraft(env.wx, await draft(titles))
    const outcome = await waitForPublish(env.wx, publishId, { intervalMs: 50 })
    if (outcome.state !== 'published') throw new Error(outcome.state)
    return outcome.articleId
  }

  it('reads a published article with its permanent URLs', async () => {
    const articleId = await published(['One', 'Two'])
    const p = await getPublishedArticle(env.wx, articleId)
    expect(p.articles.map((a) => [a.title, a.deleted])).toEqual([
      ['One', false],
      ['Two', false],
    ])
    expect(p.articles[1]?.url).toMatch(/^http/)
  })

  it('deletes one article by its 1-based index, then all of them (status 5)', async () => {
    const { publishId } = await publishDraft(env.wx, await draft(['One', 'Two']))
    const outcome = await waitForPublish(env.wx, publishId, { intervalMs: 50 })
    if (outcome.state !== 'published') throw new Error(outcome.state)
    await deletePublished(env.wx, outcome.articleId, { index: 2 })
    expect((await getPublishedArticle(env.wx, outcome.articleId)).articles.map((a) => a.deleted)).toEqual([false, true])
    await deletePublished(env.wx, outcome.articleId)
    expect(await getPublishStatus(env.wx, publishId)).toMatchObject({ state: 'deleted', status: 5, articleId: outcome.articleId })
  })

  it('answers an unknown article id with an errcode', async () => {
    const error = await getPublishedArticle(env.wx, 'no-such-article').catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(53600)
  })

  it('lists and iterates what was published, a page at a time', async () => {
    // Only this test's articles: earlier tests' may carry later update times (deletions).
    await env.emu.control.reset()
    await env.emu.control.setPublishBehaviour({ outcome: 'success', failIdx: null, permission: true, durationMs: 1_000 })
    await published(['L1'])
    await published(['L2'])
    await published(['L3'])
    const page = await listPublished(env.wx, { count: 1 })
    expect(page.items[0]?.articles[0]?.title).toBe('L3')
    const before = await env.calls('/cgi-bin/freepublish/batchget')
    const ids: string[] = []
    for await (const p of iteratePublished(env.wx, { pageSize: 2, noContent: true })) ids.push(p.articleId)
    expect(ids).toHaveLength(page.totalCount)
    expect(new Set(ids).size).toBe(ids.length)
    expect(await env.calls('/cgi-bin/freepublish/batchget')).toBe(before + Math.ceil(ids.length / 2))
  })
})
