import { beforeAll, describe, expect, it } from 'vitest'
import { addMaterial, addNewsMaterial, getMaterialCount, iterateMaterials, listMaterials } from './index'
import { bytesOf } from './internal/test-utils'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({ client: { timeout: 60_000 } })
const images: string[] = []
let newsId: string
const counter = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0

beforeAll(async () => {
  for (let i = 0; i < 44; i++) {
    images.push((await addMaterial(wx, 'image', bytesOf(64, i + 1), { filename: `img-${i}.png` })).mediaId)
  }
  // A thumb is an image to WeChat's library: it is counted and listed with them.
  images.push((await addMaterial(wx, 'thumb', bytesOf(64, 99), { filename: 'thumb.jpg' })).mediaId)
  await addMaterial(wx, 'voice', bytesOf(64), { filename: 'v.mp3' })
  await addMaterial(wx, 'video', bytesOf(64), { filename: 'v.mp4', title: 'T', introduction: 'I' })
  // Old accounts still hold news materials made before 2022-02: make one the old way.
  await emu.control.request('POST', '/media/options', { legacyNews: true })
  newsId = (await addNewsMaterial(wx, [{ title: 'News', thumbMediaId: images[44] as string, content: '<p>hi</p>' }])).mediaId
})

describe('getMaterialCount', () => {
  it('counts permanent materials by kind', async () => {
    expect(await getMaterialCount(wx)).toEqual({ imageCount: 45, voiceCount: 1, videoCount: 1, newsCount: 1 })
  })
})

describe('listMaterials', () => {
  it('lists a page of images, newest first', async () => {
    const page = await listMaterials(wx, 'image', { offset: 0, count: 3 })
    expect(page.totalCount).toBe(45)
    expect(page.itemCount).toBe(3)
    expect(page.items.map((i) => i.mediaId)).toEqual(images.slice(-3).reverse())
    expect(page.items[0]?.name).toBe('thumb.jpg')
    expect(page.items[1]?.url).toMatch(/\/mmbiz\//)
  })

  it('lists news with their articles', async () => {
    const page = await listMaterials(wx, 'news')
    expect(page.items).toHaveLength(1)
    expect(page.items[0]?.mediaId).toBe(newsId)
    expect(page.items[0]?.articles[0]?.title).toBe('News')
  })

  it('answers an empty page past the end', async () => {
    const page = await listMaterials(wx, 'voice', { offset: 5 })
    expect(page).toEqual({ totalCount: 1, itemCount: 0, items: [] })
  })

  it('refuses a page of 21 before any request', async () => {
    const before = await counter('/cgi-bin/material/batchget_material')
    await expect(listMaterials(wx, 'image', { count: 21 })).rejects.toThrow('options.count must be at most 20, got 21')
    await expect(listMaterials(wx, 'thumb' as 'image')).rejects.toThrow('type must be one of image, voice, video, news, got "thumb"')
    expect(await counter('/cgi-bin/material/batchget_material')).toBe(before)
  })
})

describe('iterateMaterials', () => {
  it('yields every image once, over several pages', async () => {
    const before = await counter('/cgi-bin/material/batchget_material')
    const seen: string[] = []
    for await (const item of iterateMaterials(wx, 'image', { pageSize: 20 })) seen.push(item.mediaId)
    expect(seen).toHaveLength(45)
    expect(new Set(seen)).toEqual(new Set(images))
    expect((await counter('/cgi-bin/material/batchget_material')) - before).toBe(3)
  })

  it('refuses a page size of 0 on first use', async () => {
    await expect(iterateMaterials(wx, 'image', { pageSize: 0 }).next()).rejects.toThrow('options.pageSize must be at least 1, got 0')
  })
})
