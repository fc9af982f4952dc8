import { beforeAll, describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { addMaterial, addNewsMaterial, getMaterial, updateNewsMaterial, type NewsArticle } from './index'
import { bytesOf } from './internal/test-utils'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({ client: { timeout: 60_000 } })
let cover: string
const counter = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0

beforeAll(async () => {
  cover = (await addMaterial(wx, 'thumb', bytesOf(2048), { filename: 'cover.jpg' })).mediaId
  // WeChat answers 45103 to add_news/update_news for every account since 2022-02, and so does the
  // emulator by default; these tests turn the old API back on to check the deprecated functions.
  await emu.control.request('POST', '/media/options', { legacyNews: true })
})

const article = (title: string): NewsArticle => ({
  title,
  thumbMediaId: cover,
  content: `<p>${title}</p>`,
  author: 'wxmp',
  showCoverPic: true,
})

describe('addNewsMaterial', () => {
  it('stores the articles, which getMaterial answers', async () => {
    const { mediaId } = await addNewsMaterial(wx, [
      article('One'),
      { ...article('Two'), digest: 'second', contentSourceUrl: 'https://example.com/2' },
    ])
    const news = await getMaterial(wx, mediaId)
    if (news.kind !== 'news') throw new Error('expected news')
    expect(news.articles.map((a) => a.title)).toEqual(['One', 'Two'])
    expect(news.articles[0]).toMatchObject({ author: 'wxmp', showCoverPic: true, thumbMediaId: cover, content: '<p>One</p>' })
    expect(news.articles[1]).toMatchObject({ digest: 'second', contentSourceUrl: 'https://example.com/2', showCoverPic: true })
    expect(news.articles[0]?.url).toMatch(/^http/)
  })

  it('answers 40007 when a cover is not a permanent material', async () => {
    const error = await addNewsMaterial(wx, [{ ...article('x'), thumbMediaId: 'temporary-or-unknown' }]).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('refuses nine articles before any request', async () => {
    const before = await counter('/cgi-bin/material/add_news')
    await expect(
      addNewsMaterial(
        wx,
        Array.from({ length: 9 }, (_, i) => article(`A${i}`)),
      ),
    ).rejects.toThrow('articles must have at most 8 items, got 9')
    expect(await counter('/cgi-bin/material/add_news')).toBe(before)
  })

  it('refuses content of 20,000 characters', async () => {
    await expect(addNewsMaterial(wx, [{ ...article('long'), content: 'x'.repeat(20_000) }])).rejects.toThrow(
      'articles[0].content must be at most 19999 characters, got 20000',
    )
  })

  it('answers 45106, as WeChat does for every account (retired 2022-02)', async () => {
    await emu.control.setMediaOptions({ legacyNews: false })
    try {
      const error = await addNewsMaterial(wx, [article('gone')]).catch((e: unknown) => e)
      expect(isWeChatApiError(error) && error.errcode).toBe(45106)
    } finally {
      await emu.control.setMediaOptions({ legacyNews: true })
    }
  })
})

describe('updateNewsMaterial', () => {
  it('replaces the article at an index', async () => {
    const { mediaId } = await addNewsMaterial(wx, [article('First'), article('Second')])
    await updateNewsMaterial(wx, mediaId, 1, { ...article('Second, corrected'), showCoverPic: false })
    const news = await getMaterial(wx, mediaId)
    if (news.kind !== 'news') throw new Error('expected news')
    expect(news.articles.map((a) => [a.title, a.showCoverPic])).toEqual([
      ['First', true],
      ['Second, corrected', false],
    ])
  })

  it('answers 40035 for an index past the last article', async () => {
    const { mediaId } = await addNewsMaterial(wx, [article('Only')])
    const error = await updateNewsMaterial(wx, mediaId, 3, article('nope')).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40035)
  })

  it('answers 40007 for a media id that is not news', async () => {
    const error = await updateNewsMaterial(wx, cover, 0, article('nope')).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('refuses a negative index before any request', async () => {
    const before = await counter('/cgi-bin/material/update_news')
    await expect(updateNewsMaterial(wx, 'abc', -1, article('x'))).rejects.toThrow('index must be at least 0, got -1')
    await expect(updateNewsMaterial(wx, 'abc', 0, { ...article('x'), title: '' })).rejects.toThrow('article.title must not be empty')
    expect(await counter('/cgi-bin/material/update_news')).toBe(before)
  })
})
