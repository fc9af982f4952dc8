import { describe, expect, it } from 'vitest'
import { downloadMediaUrl, getMaterialCount, MediaSizeError, uploadArticleImage } from './index'
import { bytesOf, sha256 } from './internal/test-utils'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({ client: { timeout: 60_000 } })
const counter = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0

describe('uploadArticleImage', () => {
  for (const size of [2048, 1024 * 1024]) {
    it(`answers a URL serving the same ${size} bytes`, async () => {
      const bytes = bytesOf(size, 5)
      const { url } = await uploadArticleImage(wx, new Blob([bytes as BlobPart], { type: 'image/png' }))
      expect(sha256(await (await downloadMediaUrl(wx, url)).bytes())).toBe(sha256(bytes))
    })
  }

  it('does not count against the material library', async () => {
    await uploadArticleImage(wx, bytesOf(10), { filename: 'a.jpg' })
    expect((await getMaterialCount(wx)).imageCount).toBe(0)
  })

  it('refuses an image over 1 MB before any request', async () => {
    const before = await counter('/cgi-bin/media/uploadimg')
    await expect(uploadArticleImage(wx, new Uint8Array(1024 * 1024 + 1), { filename: 'a.jpg' })).rejects.toBeInstanceOf(MediaSizeError)
    expect(await counter('/cgi-bin/media/uploadimg')).toBe(before)
  })

  it('refuses a gif', async () => {
    await expect(uploadArticleImage(wx, bytesOf(10), { filename: 'a.gif' })).rejects.toThrow(
      'article image format must be one of jpg, jpeg, png, got gif',
    )
  })
})
