import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { downloadMediaUrl, getMaterialCount, MediaSizeError, uploadArticleImage } from './index'
import { bytesOf, sha256 } from './internal/test-utils'

let emu: Emulator
let wx: WeChatClient
const counter = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, timeout: 60_000 })
})
afterAll(() => emu.close())

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
    await expect(uploadArticleImage(wx, bytesOf(10), { filename: 'a.gif' })).rejects.toThrow('article image format must be one of jpg, jpeg, png, got gif')
  })
})
