import { beforeAll, describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { uploadNews, uploadTemporaryMedia, type NewsArticle } from './index'
import { bytesOf } from './internal/test-utils'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({ client: { timeout: 60_000 } })
let thumb: string
const counter = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0

beforeAll(async () => {
  thumb = (await uploadTemporaryMedia(wx, 'thumb', bytesOf(1024), { filename: 'cover.jpg' })).mediaId
})

const article = (title: string): NewsArticle => ({ title, thumbMediaId: thumb, content: `<p>${title}</p>` })

describe('uploadNews', () => {
  it('stores news for mass sending and answers its media id', async () => {
    const before = Math.floor((await emu.control.now()) / 1000)
    const news = await uploadNews(wx, [article('Spring sale'), { ...article('Details'), author: 'Shop', needOpenComment: true }])
    const after = Math.floor((await emu.control.now()) / 1000)
    expect(news.type).toBe('news')
    // The emulator's clock moves with real time: the answer's second lies between the two reads.
    expect(news.createdAt).toBeGreaterThanOrEqual(before)
    expect(news.createdAt).toBeLessThanOrEqual(after)
    const items = await emu.control.mediaItems()
    expect(items.find((i) => i.mediaId === news.mediaId)).toMatchObject({ type: 'news', articles: 2 })
  })

  it('answers 40007 for a cover that does not exist', async () => {
    const error = await uploadNews(wx, [{ ...article('x'), thumbMediaId: 'missing' }]).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('answers 40007 once the cover has expired', async () => {
    const cover = (await uploadTemporaryMedia(wx, 'thumb', bytesOf(10), { filename: 'old.jpg' })).mediaId
    await emu.control.advanceClock(3 * 24 * 3600 * 1000)
    const error = await uploadNews(wx, [{ ...article('late'), thumbMediaId: cover }]).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('refuses an empty list and a missing title before any request', async () => {
    const before = await counter('/cgi-bin/media/uploadnews')
    await expect(uploadNews(wx, [])).rejects.toThrow('articles must not be empty')
    await expect(uploadNews(wx, [{ ...article('x'), title: '' }])).rejects.toThrow('articles[0].title must not be empty')
    await expect(uploadNews(wx, [{ ...article('x'), showCoverPic: 1 as unknown as boolean }])).rejects.toThrow(
      'articles[0].showCoverPic must be a boolean',
    )
    expect(await counter('/cgi-bin/media/uploadnews')).toBe(before)
  })
})
