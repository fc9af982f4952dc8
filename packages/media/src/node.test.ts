import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { fileFromPath } from '@wxmp/media/node'
import { downloadMediaUrl, downloadTemporaryMedia, uploadTemporaryMedia } from './index'
import { bytesOf, sha256 } from './internal/test-utils'

let emu: Emulator
let wx: WeChatClient
let dir: string

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, timeout: 60_000 })
  dir = mkdtempSync(join(tmpdir(), 'wxmp-media-'))
})
afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('fileFromPath', () => {
  it('names the file after the path and guesses its content type', async () => {
    const path = join(dir, 'clip.mp4')
    writeFileSync(path, bytesOf(100))
    const file = await fileFromPath(path)
    expect([file.name, file.type, file.size]).toEqual(['clip.mp4', 'video/mp4', 100])
  })

  it('uploads a file from disk that downloads back byte for byte', async () => {
    const bytes = bytesOf(10 * 1024 * 1024, 42)
    const path = join(dir, 'big.mp4')
    writeFileSync(path, bytes)
    const { mediaId } = await uploadTemporaryMedia(wx, 'video', await fileFromPath(path))
    const media = await downloadTemporaryMedia(wx, mediaId)
    if (media.kind !== 'video') throw new Error('expected a video URL')
    expect(sha256(await (await downloadMediaUrl(wx, media.videoUrl)).bytes())).toBe(sha256(bytes))
  })

  it('takes a filename and content type of your choosing', async () => {
    const path = join(dir, 'upload.bin')
    writeFileSync(path, bytesOf(10))
    const file = await fileFromPath(path, { filename: 'voice.amr' })
    expect([file.name, file.type]).toEqual(['voice.amr', 'audio/amr'])
    const { type } = await uploadTemporaryMedia(wx, 'voice', file)
    expect(type).toBe('voice')
  })

  it('rejects a path that does not exist', async () => {
    await expect(fileFromPath(join(dir, 'missing.png'))).rejects.toThrow(/ENOENT.*missing\.png/)
  })
})
