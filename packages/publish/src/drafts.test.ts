// The draft box against the emulator over HTTP. Doc pages:
// draft/add    https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add
// draft/get    https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_getdraft
// draft/update https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_update
// draft/delete https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_delete
// draft/count  https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_count
// draft/batchget https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_batchget
import { describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { addDraft, countDrafts, deleteDraft, getDraft, iterateDrafts, listDrafts, updateDraft, type NewsDraftArticle } from './index'
import { useEmulator } from './internal/test-utils'

const env = useEmulator()
const news = (cover: string, title = 'Spring menu'): NewsDraftArticle => ({
  title,
  content: `<p>${title}</p>`,
  thumbMediaId: cover,
  author: 'wxmp',
})

describe('addDraft and getDraft', () => {
  it('stores a news article and reads it back in camelCase with its preview link', async () => {
    const cover = await env.image()
    const { mediaId } = await addDraft(env.wx, [
      {
        ...news(cover),
        digest: 'what is new',
        contentSourceUrl: 'https://example.com/menu',
        needOpenComment: true,
        coverCrop: { wide: { x1: 0, y1: 0.1, x2: 1, y2: 0.6 } },
      },
    ])
    const draft = await getDraft(env.wx, mediaId)
    expect(draft.articles).toHaveLength(1)
    expect(draft.articles[0]).toMatchObject({
      type: 'news',
      title: 'Spring menu',
      author: 'wxmp',
      digest: 'what is new',
      contentSourceUrl: 'https://example.com/menu',
      needOpenComment: true,
      onlyFansCanComment: false,
      thumbMediaId: cover,
      coverCrop: { wide: { x1: 0, y1: 0.1, x2: 1, y2: 0.6 } },
    })
    expect(draft.articles[0]?.url).toMatch(/^http/)
  })

  it('stores an image (newspic) article with its images, the first being the cover', async () => {
    const images = [await env.image(), await env.image()]
    const { mediaId } = await addDraft(env.wx, [{ type: 'newspic', title: 'Photos', content: 'Our kitchen', imageMediaIds: images }])
    const [article] = (await getDraft(env.wx, mediaId)).articles
    expect(article).toMatchObject({ type: 'newspic', title: 'Photos', imageMediaIds: images })
  })

  it("passes WeChat's 40007 through for a cover that is not a permanent image", async () => {
    const error = await addDraft(env.wx, [news('not-a-material')]).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('is not retried after errcode -1: a repeat would make a second draft', async () => {
    const cover = await env.image()
    const before = await countDrafts(env.wx)
    // WeChat made the draft, then the answer said -1: one draft, not two.
    await env.emu.control.fault({ path: '/cgi-bin/draft/add', kind: 'errcode', errcode: -1, phase: 'after' })
    await expect(addDraft(env.wx, [news(cover)])).rejects.toMatchObject({ errcode: -1 })
    expect(await countDrafts(env.wx)).toBe(before + 1)
  })
})

describe('updateDraft, deleteDraft, countDrafts', () => {
  it('replaces one article by its 0-based index and leaves the others', async () => {
    const cover = await env.image()
    const { mediaId } = await addDraft(env.wx, [news(cover, 'One'), news(cover, 'Two')])
    await updateDraft(env.wx, mediaId, 1, news(cover, 'Two, corrected'))
    expect((await getDraft(env.wx, mediaId)).articles.map((a) => a.title)).toEqual(['One', 'Two, corrected'])
  })

  it('counts drafts and deletes one, after which reading it answers 40007', async () => {
    const cover = await env.image()
    const before = await countDrafts(env.wx)
    const { mediaId } = await addDraft(env.wx, [news(cover)])
    expect(await countDrafts(env.wx)).toBe(before + 1)
    await deleteDraft(env.wx, mediaId)
    expect(await countDrafts(env.wx)).toBe(before)
    await expect(getDraft(env.wx, mediaId)).rejects.toMatchObject({ errcode: 40007 })
  })

  it('retries a read (getDraft) after errcode -1', async () => {
    const cover = await env.image()
    const { mediaId } = await addDraft(env.wx, [news(cover)])
    await env.emu.control.fault({ path: '/cgi-bin/draft/get', kind: 'errcode', errcode: -1 })
    expect((await getDraft(env.wx, mediaId)).articles).toHaveLength(1)
  })
})

describe('listDrafts and iterateDrafts', () => {
  it('lists a page latest first, without content when asked', async () => {
    const cover = await env.image()
    await addDraft(env.wx, [news(cover, 'Latest')])
    const page = await listDrafts(env.wx, { offset: 0, count: 1, noContent: true })
    expect(page.items).toHaveLength(1)
    expect(page.items[0]?.articles[0]).toMatchObject({ title: 'Latest', content: '' })
    expect(page.totalCount).toBe(await countDrafts(env.wx))
  })

  it('iterates every draft a page at a time (20 per request)', async () => {
    const cover = await env.image()
    const total = await countDrafts(env.wx)
    for (let i = total; i < 45; i++) await addDraft(env.wx, [news(cover, `D${i}`)])
    const before = await env.calls('/cgi-bin/draft/batchget')
    const ids = new Set<string>()
    for await (const draft of iterateDrafts(env.wx, { noContent: true })) ids.add(draft.mediaId)
    expect(ids.size).toBe(await countDrafts(env.wx))
    expect(await env.calls('/cgi-bin/draft/batchget')).toBe(before + Math.ceil(ids.size / 20))
  })
})
