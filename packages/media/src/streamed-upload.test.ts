// Uploads from a stream of known length (`options.size`): streamed as read, with an exact
// Content-Length, never held in memory; a source that breaks its word cuts the upload short.
// The upload pages describe the `media` form part by filename, filelength and content-type:
//   https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia
//   https://developers.weixin.qq.com/doc/service/api/material/permanent/api_addmaterial
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError } from '@wxmp/core'
import { addMaterial, downloadTemporaryMedia, getMaterial, uploadTemporaryMedia, type MediaFile } from './index'
import { bytesOf, sha256 } from './internal/test-utils'
import { useEmulator } from '../../../test-support/emulator'

const KB = 1024
const { emu, wx } = useEmulator({ client: { timeout: 60_000 } })

/** A web stream of `bytes` in chunks of `chunk`, counting what was pulled and whether it was cancelled. */
function sourceOf(bytes: Uint8Array, chunk = 16 * KB) {
  const seen = { pulled: 0, cancelled: false as unknown }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (seen.pulled >= bytes.byteLength) return c.close()
        const next = bytes.subarray(seen.pulled, seen.pulled + chunk)
        seen.pulled += next.byteLength
        c.enqueue(next)
      },
      cancel(reason) {
        seen.cancelled = reason ?? true
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, seen }
}

async function download(mediaId: string): Promise<Uint8Array> {
  const media = await downloadTemporaryMedia(wx, mediaId)
  if (media.kind !== 'file') throw new Error(`expected a file, got ${media.kind}`)
  return (media as MediaFile).bytes()
}

describe('a stream with options.size is uploaded as it is read', () => {
  it('uploads a web stream: the bytes WeChat keeps are the bytes read', async () => {
    const bytes = bytesOf(300 * KB, 5)
    const { stream, seen } = sourceOf(bytes)
    const { mediaId } = await uploadTemporaryMedia(wx, 'image', stream, { filename: 'photo.png', size: bytes.byteLength })
    expect(seen.pulled).toBe(bytes.byteLength)
    expect(sha256(await download(mediaId))).toBe(sha256(bytes))
  })

  it('uploads an async iterable and ends it', async () => {
    const bytes = bytesOf(100 * KB, 6)
    let ended = false
    async function* chunks() {
      try {
        for (let at = 0; at < bytes.byteLength; at += 7 * KB) yield bytes.subarray(at, at + 7 * KB)
      } finally {
        ended = true
      }
    }
    const { mediaId } = await uploadTemporaryMedia(wx, 'voice', chunks(), { filename: 'hello.mp3', size: bytes.byteLength })
    expect(ended).toBe(true)
    expect(sha256(await download(mediaId))).toBe(sha256(bytes))
  })

  it("sends a video material's description beside the streamed file", async () => {
    const bytes = bytesOf(50 * KB, 7)
    const { stream } = sourceOf(bytes)
    const { mediaId } = await addMaterial(wx, 'video', stream, {
      filename: 'intro.mp4',
      size: bytes.byteLength,
      title: '开业 "Launch"',
      introduction: 'Line one\nline two',
    })
    const material = await getMaterial(wx, mediaId)
    expect(material).toMatchObject({ kind: 'video', title: '开业 "Launch"', description: 'Line one\nline two' })
  })

  it('skips empty chunks rather than stalling on them', async () => {
    const bytes = bytesOf(10, 8)
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 5))
        c.enqueue(new Uint8Array(0))
        c.enqueue(bytes.subarray(5))
        c.close()
      },
    })
    const quick = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, timeout: 5_000 })
    const { mediaId } = await uploadTemporaryMedia(quick, 'image', source, { filename: 'tiny.png', size: 10 })
    expect(sha256(await download(mediaId))).toBe(sha256(bytes))
  })

  it('cancels the source when the call is aborted mid-upload, and reads no further', async () => {
    const seen = { pulled: 0, cancelled: false }
    const slow = new ReadableStream<Uint8Array>(
      {
        async pull(c) {
          await new Promise((r) => setTimeout(r, 5))
          seen.pulled++
          c.enqueue(new Uint8Array(KB))
        },
        cancel() {
          seen.cancelled = true
        },
      },
      { highWaterMark: 0 },
    )
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('user left')), 100)
    await expect(
      uploadTemporaryMedia(wx, 'image', slow, { filename: 'a.png', size: 1000 * KB, signal: controller.signal }),
    ).rejects.toThrow('user left')
    expect(seen.cancelled).toBe(true)
    const pulled = seen.pulled
    await new Promise((r) => setTimeout(r, 100))
    // At most the pull that was under way when the call ended.
    expect(seen.pulled).toBeLessThanOrEqual(pulled + 1)
  })

  it('ends an async iterable source when the upload times out', async () => {
    let ended = false
    async function* slow() {
      try {
        for (;;) {
          await new Promise((r) => setTimeout(r, 5))
          yield new Uint8Array(KB)
        }
      } finally {
        ended = true
      }
    }
    const error = await uploadTemporaryMedia(wx, 'image', slow(), { filename: 'a.png', size: 1000 * KB, timeout: 100 }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'timeout' })
    await new Promise((r) => setTimeout(r, 50))
    expect(ended).toBe(true)
  })

  it('stops before any request when aborted first', async () => {
    const { stream, seen } = sourceOf(bytesOf(10 * KB))
    const controller = new AbortController()
    controller.abort(new Error('user left'))
    await expect(
      uploadTemporaryMedia(wx, 'image', stream, { filename: 'a.png', size: 10 * KB, signal: controller.signal }),
    ).rejects.toThrow('user left')
    expect(seen.pulled).toBe(0)
  })
})

describe('a stream is sent once', () => {
  it('throws the token error when WeChat rejects the token mid-way, and the next upload gets a new token', async () => {
    await wx.getAccessToken()
    await emu.control.revokeTokens()
    const first = sourceOf(bytesOf(8 * KB, 3))
    const error = await uploadTemporaryMedia(wx, 'image', first.stream, { filename: 'a.png', size: 8 * KB }).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40001)
    const bytes = bytesOf(8 * KB, 4)
    const { mediaId } = await uploadTemporaryMedia(wx, 'image', sourceOf(bytes).stream, { filename: 'b.png', size: 8 * KB })
    expect(sha256(await download(mediaId))).toBe(sha256(bytes))
  })
})

describe('a source that breaks its word cuts the upload short', () => {
  it('throws a RangeError naming options.size when the source gives more, and stops the source', async () => {
    const { stream, seen } = sourceOf(bytesOf(64 * KB), 16 * KB)
    const stored = async () => (await emu.control.mediaItems({ appId: emu.appId })).length
    const before = await stored()
    const error = await uploadTemporaryMedia(wx, 'image', stream, { filename: 'a.png', size: 40 * KB }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RangeError)
    expect((error as Error).message).toBe('file stream yielded more than options.size (40960 bytes)')
    expect(seen.cancelled).toBeTruthy()
    expect(seen.pulled).toBeLessThanOrEqual(48 * KB)
    // The request was cut short: WeChat (the emulator) kept nothing.
    expect(await stored()).toBe(before)
  })

  it('throws a RangeError when the source ends early', async () => {
    const { stream } = sourceOf(bytesOf(10 * KB))
    await expect(uploadTemporaryMedia(wx, 'image', stream, { filename: 'a.png', size: 20 * KB })).rejects.toThrow(
      new RangeError('file stream ended after 10240 bytes, but options.size is 20480'),
    )
  })

  it('throws a TypeError when the source yields something other than bytes', async () => {
    async function* text() {
      yield 'not bytes'
    }
    await expect(
      uploadTemporaryMedia(wx, 'image', text() as unknown as AsyncIterable<Uint8Array>, { filename: 'a.png', size: 9 }),
    ).rejects.toThrow(new TypeError('file stream must yield Uint8Array chunks, got a string of 9 characters'))
  })

  it('refuses a stream another reader holds, before any request', async () => {
    const { stream } = sourceOf(bytesOf(KB))
    stream.getReader()
    await expect(uploadTemporaryMedia(wx, 'image', stream, { filename: 'a.png', size: KB })).rejects.toThrow(
      new TypeError('file stream is locked (another reader is reading it): pass a stream nobody has started reading'),
    )
  })

  it("passes the source's own error through", async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(c) {
        c.error(new Error('disk went away'))
      },
    })
    await expect(uploadTemporaryMedia(wx, 'image', failing, { filename: 'a.png', size: 10 })).rejects.toThrow('disk went away')
  })
})

describe('on the wire', () => {
  let server: Server
  let received: { headers: IncomingHttpHeaders; body: Buffer } | undefined
  let base = ''
  beforeAll(async () => {
    server = createServer((req, res) => {
      const parts: Buffer[] = []
      req.on('data', (c: Buffer) => parts.push(c))
      req.on('end', () => {
        if (req.url?.startsWith('/cgi-bin/stable_token')) {
          res.end(JSON.stringify({ access_token: 'wire-token', expires_in: 7200 }))
          return
        }
        received = { headers: req.headers, body: Buffer.concat(parts) }
        res.end(JSON.stringify({ type: 'video', media_id: 'MEDIA', created_at: 1 }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('sends a Blob upload as a multipart Blob with its length, not a FormData (any fetch takes a Blob)', async () => {
    const bodies: unknown[] = []
    const headers: Array<Record<string, string>> = []
    const client = createClient({
      appId: 'wx0123456789abcdef',
      appSecret: 'wire-secret',
      baseUrl: base,
      fetch: (url, init) => {
        bodies.push(init?.body)
        headers.push(init?.headers as Record<string, string>)
        return fetch(url, init)
      },
    })
    const bytes = bytesOf(3 * KB, 10)
    await uploadTemporaryMedia(client, 'image', new Blob([bytes as BlobPart], { type: 'image/png' }), { filename: 'p.png' })
    expect(bodies.at(-1)).toBeInstanceOf(Blob)
    // The length is fetch's to set from the Blob: undici refuses a Blob body with one of ours.
    expect(headers.at(-1)).not.toHaveProperty('content-length')
    expect(Number(received?.headers['content-length'])).toBe(received?.body.byteLength)
    const form = await new Response(new Uint8Array(received?.body ?? []), {
      headers: { 'content-type': String(received?.headers['content-type']) },
    }).formData()
    const media = form.get('media') as File
    expect([media.name, media.type]).toEqual(['p.png', 'image/png'])
    expect(sha256(new Uint8Array(await media.arrayBuffer()))).toBe(sha256(bytes))
  })

  it('cancels the source when WeChat answers before reading the whole file', async () => {
    const early = createServer((req, res) => {
      if (req.url?.startsWith('/cgi-bin/stable_token')) {
        req.resume()
        req.on('end', () => res.end(JSON.stringify({ access_token: 'early-token', expires_in: 7200 })))
        return
      }
      res.end(JSON.stringify({ errcode: 40005, errmsg: 'invalid file type' }))
    })
    await new Promise<void>((resolve) => early.listen(0, '127.0.0.1', resolve))
    try {
      const client = createClient({
        appId: 'wx0123456789abcdef',
        appSecret: 'wire-secret',
        baseUrl: `http://127.0.0.1:${(early.address() as AddressInfo).port}`,
      })
      // A slow source (16 KB every 5 ms): the answer comes long before the file's end.
      const seen = { pulled: 0, cancelled: false }
      const slow = new ReadableStream<Uint8Array>(
        {
          async pull(c) {
            await new Promise((r) => setTimeout(r, 5))
            seen.pulled += 16 * KB
            c.enqueue(new Uint8Array(16 * KB))
          },
          cancel() {
            seen.cancelled = true
          },
        },
        { highWaterMark: 0 },
      )
      await expect(uploadTemporaryMedia(client, 'image', slow, { filename: 'a.png', size: 2000 * KB })).rejects.toMatchObject({
        errcode: 40005,
      })
      expect(seen.cancelled).toBe(true)
      expect(seen.pulled).toBeLessThan(2000 * KB)
    } finally {
      early.closeAllConnections()
      await new Promise<void>((resolve) => early.close(() => resolve()))
    }
  })

  it('sends an exact Content-Length and a multipart body any form parser reads', async () => {
    const client = createClient({ appId: 'wx0123456789abcdef', appSecret: 'wire-secret', baseUrl: base })
    const bytes = bytesOf(20 * KB, 9)
    const { stream } = sourceOf(bytes)
    await uploadTemporaryMedia(client, 'video', stream, { filename: 'clip "1".mp4', size: bytes.byteLength })
    expect(received?.headers['transfer-encoding']).toBeUndefined()
    expect(Number(received?.headers['content-length'])).toBe(received?.body.byteLength)
    const form = await new Response(new Uint8Array(received?.body ?? []), {
      headers: { 'content-type': String(received?.headers['content-type']) },
    }).formData()
    const media = form.get('media') as File
    // Quotes travel percent-encoded, as FormData sends them, and a form parser decodes them back.
    expect(received?.body.toString('latin1')).toContain('filename="clip %221%22.mp4"')
    expect(media.name).toBe('clip "1".mp4')
    expect(media.type).toBe('video/mp4')
    expect(sha256(new Uint8Array(await media.arrayBuffer()))).toBe(sha256(bytes))
  })
})
