// Upload an image, send it to a follower, download it back and check it is the same file.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sendImage } from '@wxmp/custom'
import { downloadTemporaryMedia, getMaterialCount, uploadTemporaryMedia } from '@wxmp/media'
import { fileFromPath } from '@wxmp/media/node'
import type { DemoStep } from '../context'

// A 4x4 PNG (the wxmp green), small enough to live in the source.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAYAAACp8Z5+AAAAGklEQVR4AWNkP5jwnwEJMDGgASYGNMDEgAYAjQsCL+AF8KIAAAAASUVORK5CYII=',
  'base64',
)
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16)

export const mediaStep: DemoStep = {
  title: 'Upload, send and download media',
  run: async ({ wx, emu, outDir, log, openid }) => {
    const path = join(outDir, 'logo.png')
    writeFileSync(path, PNG)
    const uploaded = await uploadTemporaryMedia(wx, 'image', await fileFromPath(path))
    log(
      `uploaded ${path} (${PNG.byteLength} bytes, sha256 ${sha(PNG)}…) as temporary image ${uploaded.mediaId.slice(0, 12)}… (kept 3 days)`,
    )

    if (openid) {
      if (emu) await emu.control.interact(openid)
      await sendImage(wx, openid, uploaded.mediaId)
      const delivered = emu ? (await emu.control.outbox({ touser: openid, channel: 'custom' })).filter((e) => e.msgtype === 'image') : []
      log(`sent it to ${openid} as a customer-service image${emu ? ` (outbox holds ${delivered.length} image message(s))` : ''}`)
    } else log('no follower to send it to (set WECHAT_TEST_OPENID): not sent')

    const media = await downloadTemporaryMedia(wx, uploaded.mediaId, { maxBytes: 1024 * 1024 })
    if (media.kind !== 'file') throw new Error('an image downloads as a file')
    const bytes = await media.bytes()
    const back = join(outDir, media.filename ?? 'downloaded.png')
    writeFileSync(back, bytes)
    const same = sha(bytes) === sha(PNG)
    log(
      `downloaded it back: ${bytes.byteLength} bytes of ${media.contentType} to ${back}; sha256 ${sha(bytes)}… ${same ? 'matches' : 'DIFFERS'}`,
    )
    if (!same) throw new Error('the downloaded image differs from the uploaded one')

    const tooSmall = await downloadTemporaryMedia(wx, uploaded.mediaId, { maxBytes: 16 }).catch((e: unknown) => e)
    log(`the same download with maxBytes 16 stops early: ${tooSmall instanceof Error ? tooSmall.name : 'not stopped?!'}`)
    const counts = await getMaterialCount(wx)
    log(`permanent materials untouched: ${counts.imageCount} images, ${counts.videoCount} videos`)
  },
}
