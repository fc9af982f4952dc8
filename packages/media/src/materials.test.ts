import { describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { addMaterial, deleteMaterial, downloadMediaUrl, getMaterial, MediaSizeError, type Material, type MediaFile } from './index'
import { bytesOf, sha256 } from './internal/test-utils'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({ client: { timeout: 60_000 } })
const KB = 1024
const MB = 1024 * KB
const counter = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0

function asFile(material: Material): MediaFile {
  if (material.kind !== 'file') throw new Error(`expected a file, got ${material.kind}`)
  return material
}

describe('addMaterial and getMaterial round trips', () => {
  const cases = [
    { type: 'image', filename: 'logo.bmp', small: 2 * KB, nearLimit: 10 * MB - 3 },
    { type: 'voice', filename: 'jingle.wma', small: 3 * KB, nearLimit: 2 * MB },
    { type: 'thumb', filename: 'cover.jpeg', small: 512, nearLimit: 64 * KB - 1 },
  ] as const
  for (const c of cases) {
    for (const size of [c.small, c.nearLimit]) {
      it(`round-trips a ${size}-byte ${c.type} material`, async () => {
        const bytes = bytesOf(size, size + 3)
        const added = await addMaterial(wx, c.type, bytes, { filename: c.filename })
        const file = asFile(await getMaterial(wx, added.mediaId))
        expect(file.filename).toBe(c.filename)
        expect(sha256(await file.bytes())).toBe(sha256(bytes))
      })
    }
  }

  it('returns the URL of an image material, serving the same bytes', async () => {
    const bytes = bytesOf(4 * KB, 9)
    const { url } = await addMaterial(wx, 'image', new File([bytes as BlobPart], 'shop.png', { type: 'image/png' }))
    if (url === undefined) throw new Error('an image material must have a url')
    expect(sha256(await (await downloadMediaUrl(wx, url)).bytes())).toBe(sha256(bytes))
  })

  it('returns no URL for a voice material', async () => {
    expect((await addMaterial(wx, 'voice', bytesOf(10), { filename: 'a.mp3' })).url).toBeUndefined()
  })

  for (const size of [6 * KB, 10 * MB]) {
    it(`round-trips a ${size}-byte video material with its title and introduction`, async () => {
      const bytes = bytesOf(size, 77)
      const { mediaId } = await addMaterial(wx, 'video', bytes, { filename: 'intro.mp4', title: 'Intro', introduction: 'Our shop in 30 s' })
      const material = await getMaterial(wx, mediaId)
      if (material.kind !== 'video') throw new Error('a video material answers its description')
      expect(material).toMatchObject({ title: 'Intro', description: 'Our shop in 30 s' })
      const video = await downloadMediaUrl(wx, material.downUrl, { maxBytes: 10 * MB })
      expect(sha256(await video.bytes())).toBe(sha256(bytes))
    })
  }

  it('stops a material download over maxBytes', async () => {
    const { mediaId } = await addMaterial(wx, 'image', bytesOf(MB), { filename: 'm.png' })
    await expect(getMaterial(wx, mediaId, { maxBytes: 1000 })).rejects.toBeInstanceOf(MediaSizeError)
  })

  it('answers 40007 for a temporary media id', async () => {
    const error = await getMaterial(wx, 'not-a-material').catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })
})

describe('addMaterial bad input', () => {
  it('refuses a video without a title before any request', async () => {
    const before = await counter('/cgi-bin/material/add_material')
    await expect(
      addMaterial(wx, 'video', bytesOf(10), { filename: 'v.mp4' } as unknown as { title: string; introduction: string }),
    ).rejects.toThrow('options.title must be a string, got undefined')
    expect(await counter('/cgi-bin/material/add_material')).toBe(before)
  })

  it('refuses a voice material over 2 MB', async () => {
    await expect(addMaterial(wx, 'voice', new Uint8Array(2 * MB + 1), { filename: 'v.wav' })).rejects.toThrow(
      'voice material file must be at most 2097152 bytes (2 MB), got 2097153',
    )
  })

  it('refuses a format materials do not take', async () => {
    await expect(addMaterial(wx, 'image', bytesOf(10), { filename: 'x.webp' })).rejects.toThrow(
      'image material format must be one of bmp, png, jpeg, jpg, gif, got webp',
    )
  })

  it('refuses the news type (news has addNewsMaterial)', async () => {
    await expect(addMaterial(wx, 'news' as 'image', bytesOf(10), { filename: 'a.png' })).rejects.toThrow(RangeError)
  })
})

describe('deleteMaterial', () => {
  it('deletes a material so getting it answers 40007', async () => {
    const { mediaId } = await addMaterial(wx, 'image', bytesOf(10), { filename: 'd.png' })
    await deleteMaterial(wx, mediaId)
    const error = await getMaterial(wx, mediaId).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('answers 40007 for an unknown material', async () => {
    const error = await deleteMaterial(wx, 'unknown').catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('refuses an empty media id before any request', async () => {
    const before = await counter('/cgi-bin/material/del_material')
    await expect(deleteMaterial(wx, '')).rejects.toThrow('mediaId must not be empty')
    expect(await counter('/cgi-bin/material/del_material')).toBe(before)
  })
})
