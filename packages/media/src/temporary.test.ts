import { describe, expect, it, vi } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import {
  downloadHdVoice,
  downloadMediaUrl,
  downloadTemporaryMedia,
  isMediaSizeError,
  MediaSizeError,
  uploadTemporaryMedia,
  type MediaFile,
} from './index'
import { bytesOf, sha256 } from './internal/test-utils'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({ client: { timeout: 60_000 } })
const KB = 1024
const MB = 1024 * KB

interface DownloadRecord {
  mediaId: string
  sent: number
  size: number
  finished: boolean
  cancelled: boolean
  socketOpen: boolean
}
const downloads = () => emu.control.mediaDownloads()
const counter = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0

function asFile(media: Awaited<ReturnType<typeof downloadTemporaryMedia>>): MediaFile {
  if (media.kind !== 'file') throw new Error(`expected a file, got ${media.kind}`)
  return media
}

describe('round trips: the bytes downloaded are the bytes uploaded', () => {
  const cases = [
    { type: 'image', filename: 'photo.png', small: 3 * KB, nearLimit: 10 * MB - 1 },
    { type: 'voice', filename: 'hello.mp3', small: 2 * KB, nearLimit: 2 * MB - 7 },
    { type: 'thumb', filename: 'cover.jpg', small: 1 * KB, nearLimit: 64 * KB },
  ] as const
  for (const c of cases) {
    for (const size of [c.small, c.nearLimit]) {
      it(`round-trips a ${size}-byte ${c.type}`, async () => {
        const bytes = bytesOf(size, size)
        const uploaded = await uploadTemporaryMedia(wx, c.type, bytes, { filename: c.filename })
        expect(uploaded.type).toBe(c.type)
        const media = asFile(await downloadTemporaryMedia(wx, uploaded.mediaId, { maxBytes: 10 * MB }))
        expect(media.size).toBe(size)
        expect(media.filename).toMatch(new RegExp(`^${uploaded.mediaId.replace(/[-]/g, '\\-')}\\.`))
        expect(sha256(await media.bytes())).toBe(sha256(bytes))
      })
    }
  }

  for (const size of [5 * KB, 10 * MB]) {
    it(`round-trips a ${size}-byte video through its video_url`, async () => {
      const bytes = bytesOf(size, 7 + size)
      const { mediaId } = await uploadTemporaryMedia(wx, 'video', new Blob([bytes as BlobPart], { type: 'video/mp4' }))
      const media = await downloadTemporaryMedia(wx, mediaId)
      if (media.kind !== 'video') throw new Error('video media must answer a URL')
      expect(media.videoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mmbiz\//)
      const video = await downloadMediaUrl(wx, media.videoUrl, { maxBytes: 10 * MB })
      expect(video.contentType).toBe('video/mp4')
      expect(sha256(await video.bytes())).toBe(sha256(bytes))
    })
  }

  it('hands a thumb id back as mediaId although WeChat names it thumb_media_id', async () => {
    const { mediaId } = await uploadTemporaryMedia(wx, 'thumb', bytesOf(100), { filename: 'c.jpg' })
    const items = await emu.control.mediaItems()
    expect(items.find((i) => i.mediaId === mediaId)?.type).toBe('thumb')
  })

  it('streams the body so a caller can read it chunk by chunk', async () => {
    const bytes = bytesOf(300 * KB, 3)
    const { mediaId } = await uploadTemporaryMedia(wx, 'image', bytes, { contentType: 'image/jpeg' })
    const media = asFile(await downloadTemporaryMedia(wx, mediaId))
    let chunks = 0
    let total = 0
    const reader = media.body.getReader()
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks++
      total += r.value.byteLength
    }
    expect(total).toBe(bytes.byteLength)
    expect(chunks).toBeGreaterThan(1)
  })

  it('reads a download as a Blob typed with its content type', async () => {
    const bytes = bytesOf(2 * KB, 4)
    const { mediaId } = await uploadTemporaryMedia(wx, 'image', bytes, { filename: 'x.gif' })
    const blob = await asFile(await downloadTemporaryMedia(wx, mediaId)).blob()
    expect(blob.type).toBe('image/gif')
    expect(sha256(new Uint8Array(await blob.arrayBuffer()))).toBe(sha256(bytes))
  })
})

describe('upload accepts what each runtime hands you', () => {
  const bytes = bytesOf(40 * KB, 11)
  const chunks = () => [bytes.subarray(0, 10_000), bytes.subarray(10_000, 25_000), bytes.subarray(25_000)]
  const inputs: [string, () => unknown, { filename?: string }][] = [
    ['a Blob', () => new Blob([bytes as BlobPart], { type: 'image/png' }), {}],
    ['a File', () => new File([bytes as BlobPart], 'from-file.png', { type: 'image/png' }), {}],
    ['a Uint8Array', () => bytes, { filename: 'a.png' }],
    ['an ArrayBuffer', () => bytes.slice().buffer, { filename: 'a.png' }],
    [
      'a web ReadableStream',
      () => new ReadableStream({ start: (c) => (chunks().forEach((ch) => c.enqueue(ch)), c.close()) }),
      { filename: 'a.png' },
    ],
    [
      'an async iterable of bytes',
      () =>
        (async function* () {
          yield* chunks()
        })(),
      { filename: 'a.png' },
    ],
  ]
  for (const [name, make, options] of inputs) {
    it(`uploads from ${name}`, async () => {
      const { mediaId } = await uploadTemporaryMedia(wx, 'image', make() as Blob, options)
      expect(sha256(await asFile(await downloadTemporaryMedia(wx, mediaId)).bytes())).toBe(sha256(bytes))
    })
  }
})

describe('limits checked before upload', () => {
  it('refuses an image over 10 MB before any request', async () => {
    const before = await counter('/cgi-bin/media/upload')
    const error = await uploadTemporaryMedia(wx, 'image', new Blob([new Uint8Array(10 * MB + 1)], { type: 'image/png' })).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(MediaSizeError)
    expect((error as MediaSizeError).message).toBe('image media file must be at most 10485760 bytes (10 MB), got 10485761')
    expect(await counter('/cgi-bin/media/upload')).toBe(before)
  })

  it('refuses a thumb over 64 KB', async () => {
    await expect(uploadTemporaryMedia(wx, 'thumb', new Uint8Array(64 * KB + 1), { filename: 't.jpg' })).rejects.toThrow(
      'thumb media file must be at most 65536 bytes (64 KB), got 65537',
    )
  })

  it('refuses a format the kind does not take', async () => {
    const before = await counter('/cgi-bin/media/upload')
    await expect(uploadTemporaryMedia(wx, 'voice', bytesOf(10), { filename: 'song.wav' })).rejects.toThrow(
      new RangeError('voice media format must be one of amr, mp3, got wav'),
    )
    expect(await counter('/cgi-bin/media/upload')).toBe(before)
  })

  it('refuses bytes whose format it cannot tell', async () => {
    await expect(uploadTemporaryMedia(wx, 'image', bytesOf(10))).rejects.toThrow(TypeError)
  })

  it('refuses an empty file', async () => {
    await expect(uploadTemporaryMedia(wx, 'image', new Uint8Array(0), { filename: 'a.png' })).rejects.toThrow(
      'image media file must not be empty',
    )
  })

  it('refuses an unknown media type', async () => {
    await expect(uploadTemporaryMedia(wx, 'file' as 'image', bytesOf(10), { filename: 'a.png' })).rejects.toThrow(
      'type must be one of image, voice, video, thumb, got "file"',
    )
  })

  it('refuses something that is not file data', async () => {
    await expect(uploadTemporaryMedia(wx, 'image', 'photo.png' as unknown as Blob)).rejects.toThrow(TypeError)
  })

  it('stops reading a stream of unknown length at the limit and cancels it', async () => {
    let produced = 0
    let cancelled = false
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        produced += 64 * KB
        c.enqueue(new Uint8Array(64 * KB))
      },
      cancel() {
        cancelled = true
      },
    })
    const before = await counter('/cgi-bin/media/upload')
    const error = await uploadTemporaryMedia(wx, 'voice', endless, { filename: 'v.mp3' }).catch((e: unknown) => e)
    expect(isMediaSizeError(error)).toBe(true)
    expect(cancelled).toBe(true)
    // Read up to the limit plus the chunk that crossed it (and what the stream queued ahead).
    expect(produced).toBeLessThanOrEqual(2 * MB + 2 * 64 * KB)
    expect(await counter('/cgi-bin/media/upload')).toBe(before)
  })

  it('stops an async iterable at the limit and ends it', async () => {
    let produced = 0
    let ended = false
    async function* endless() {
      try {
        for (;;) {
          produced += 16 * KB
          yield new Uint8Array(16 * KB)
        }
      } finally {
        ended = true
      }
    }
    await expect(uploadTemporaryMedia(wx, 'thumb', endless(), { filename: 't.jpg' })).rejects.toBeInstanceOf(MediaSizeError)
    expect(ended).toBe(true)
    expect(produced).toBe(64 * KB + 16 * KB)
  })
})

describe('download', () => {
  it('stops a download over maxBytes (Content-Length) and closes its connection', async () => {
    const { mediaId } = await uploadTemporaryMedia(wx, 'image', bytesOf(4 * MB, 21), { filename: 'big.png' })
    const error = await downloadTemporaryMedia(wx, mediaId, { maxBytes: 64 * KB }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MediaSizeError)
    expect((error as MediaSizeError).size).toBe(4 * MB)
    await vi.waitFor(async () => {
      const record = (await downloads()).find((d) => d.mediaId === mediaId)
      expect(record?.socketOpen).toBe(false)
    })
    // The client goes on working on a fresh connection.
    const small = await uploadTemporaryMedia(wx, 'image', bytesOf(100, 5), { filename: 's.png' })
    expect((await asFile(await downloadTemporaryMedia(wx, small.mediaId)).bytes()).byteLength).toBe(100)
  })

  it('stops a chunked download once it reads past maxBytes and closes its connection', async () => {
    const { mediaId } = await uploadTemporaryMedia(wx, 'video', bytesOf(6 * MB, 22), { filename: 'big.mp4' })
    const video = await downloadTemporaryMedia(wx, mediaId)
    if (video.kind !== 'video') throw new Error('expected a video URL')
    await emu.control.setMediaOptions({ chunkedDownloads: true })
    try {
      const media = await downloadMediaUrl(wx, video.videoUrl, { maxBytes: 256 * KB })
      expect(media.size).toBeUndefined()
      const error = await media.bytes().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MediaSizeError)
      expect((error as MediaSizeError).size).toBeGreaterThan(256 * KB)
      expect((error as MediaSizeError).size).toBeLessThanOrEqual(256 * KB + 64 * KB)
      await vi.waitFor(async () => {
        const record = (await downloads()).find((d) => d.mediaId === mediaId)
        expect(record?.socketOpen).toBe(false)
        expect(record?.sent).toBeLessThan(6 * MB)
      })
    } finally {
      await emu.control.setMediaOptions({ chunkedDownloads: false })
    }
  })

  it('keeps the connection of a download read to the end (for reuse)', async () => {
    const { mediaId } = await uploadTemporaryMedia(wx, 'image', bytesOf(200 * KB, 23), { filename: 'k.png' })
    await asFile(await downloadTemporaryMedia(wx, mediaId)).bytes()
    const record = (await downloads()).find((d) => d.mediaId === mediaId)
    expect(record).toMatchObject({ finished: true, socketOpen: true })
  })

  it('closes the connection of a download the caller cancels', async () => {
    const { mediaId } = await uploadTemporaryMedia(wx, 'image', bytesOf(3 * MB, 24), { filename: 'c.png' })
    const media = asFile(await downloadTemporaryMedia(wx, mediaId))
    await media.cancel()
    await vi.waitFor(async () => expect((await downloads()).find((d) => d.mediaId === mediaId)?.socketOpen).toBe(false))
  })

  it('throws the API error WeChat answers on the binary endpoint', async () => {
    const error = await downloadTemporaryMedia(wx, 'no-such-media-id').catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('answers 40007 for temporary media older than 3 days', async () => {
    const { mediaId } = await uploadTemporaryMedia(wx, 'image', bytesOf(10), { filename: 'old.png' })
    await emu.control.advanceClock(3 * 24 * 3600 * 1000 - 60_000)
    expect((await asFile(await downloadTemporaryMedia(wx, mediaId)).bytes()).byteLength).toBe(10)
    await emu.control.advanceClock(60_000)
    const error = await downloadTemporaryMedia(wx, mediaId).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('refuses a bad media id or maxBytes before any request', async () => {
    const before = await counter('/cgi-bin/media/get')
    await expect(downloadTemporaryMedia(wx, '')).rejects.toThrow('mediaId must not be empty')
    await expect(downloadTemporaryMedia(wx, 'abc', { maxBytes: 0 })).rejects.toThrow('options.maxBytes must be at least 1, got 0')
    expect(await counter('/cgi-bin/media/get')).toBe(before)
  })
})

describe('downloadHdVoice', () => {
  it('downloads a voice as HD speex', async () => {
    const bytes = bytesOf(5 * KB, 31)
    const { mediaId } = await uploadTemporaryMedia(wx, 'voice', bytes, { filename: 'v.amr' })
    const voice = await downloadHdVoice(wx, mediaId)
    expect(voice.contentType).toBe('voice/speex')
    expect(voice.filename).toBe(`${mediaId}.speex`)
    expect(sha256(await voice.bytes())).toBe(sha256(bytes))
  })

  it('answers 40007 for a media that is not a voice', async () => {
    const { mediaId } = await uploadTemporaryMedia(wx, 'image', bytesOf(10), { filename: 'i.png' })
    const error = await downloadHdVoice(wx, mediaId).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40007)
  })

  it('refuses an empty media id before any request', async () => {
    await expect(downloadHdVoice(wx, '')).rejects.toThrow('mediaId must not be empty')
  })
})
