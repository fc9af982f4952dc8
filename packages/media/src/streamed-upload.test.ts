// Uploads from a stream of known length (`options.size`): streamed as read, with an exact
// Content-Length, never held in memory; a source that breaks its word cuts the upload short.
// The upload pages describe the `media` form part by filename, filelength and content-type:
//   https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia
//   https://developers.weixin.qq.com/doc/service/api/material/permanent/api_addmaterial
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { addMaterial, downloadTemporaryMedia, getMaterial, uploadTemporaryMedia, type MediaFile } from './index'
import { bytesOf, sha256 } from './internal/test-utils'

const KB = 1024
let emu: Emulator
let wx: WeChatClient

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, timeout: 60_000 })
})
afterAll(() => emu.close())

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
    const { mediaId } = await addMaterial(wx, 'video', stream, { filename: 'intro.mp4', size: bytes.byteLength, title: '开业 "Launch"', introduction: 'Line one\nline two' })
    const material = await getMaterial(wx, mediaId)
    expect(material).toMatchObject({ kind: 'video', title: '开业 "Launch"', description: 'Line one\nline two' })
  })

  it('stops before any request when aborted first', async () => {
    const { stream, seen } = sourceOf(bytesOf(10 * KB))
    const controller = new AbortController()
    controller.abort(new Error('user left'))
    await expect(uploadTemporaryMedia(wx, 'image', stream, { filename: 'a.png', size: 10 * KB, signal: controller.signal })).rejects.toThrow('user left')
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
    const stored = async () => (await emu.control.request<unknown[]>('GET', `/media/items?appId=${emu.appId}`)).length
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
    await expect(uploadTemporaryMedia(wx, 'image', text() as unknown as AsyncIterable<Uint8Array>, { filename: 'a.png', size: 9 })).rejects.toThrow(
      new TypeError('file stream must yield Uint8Array chunks, got a string of 9 characters'),
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

  it('sends an exact Content-Length and a multipart body any form parser reads', async () => {
    const client = createClient({ appId: 'wx0123456789abcdef', appSecret: 'wire-secret', baseUrl: base })
    const bytes = bytesOf(20 * KB, 9)
    const { stream } = sourceOf(bytes)
    await uploadTemporaryMedia(client, 'video', stream, { filename: 'clip "1".mp4', size: bytes.byteLength })
    expect(received?.headers['transfer-encoding']).toBeUndefined()
    expect(Number(received?.headers['content-length'])).toBe(received?.body.byteLength)
    const form = await new Response(new Uint8Array(received?.body ?? []), { headers: { 'content-type': String(received?.headers['content-type']) } }).formData()
    const media = form.get('media') as File
    // Quotes travel percent-encoded, as FormData sends them, and a form parser decodes them back.
    expect(received?.body.toString('latin1')).toContain('filename="clip %221%22.mp4"')
    expect(media.name).toBe('clip "1".mp4')
    expect(media.type).toBe('video/mp4')
    expect(sha256(new Uint8Array(await media.arrayBuffer()))).toBe(sha256(bytes))
  })
})
