// Binary answers are judged by their bytes, never by the Content-Type label: WeChat has sent a
// permanent image as text/plain, a video's {"video_url"} document as text/plain or unlabelled, and
// errcode documents unlabelled or as application/octet-stream. The emulator's `relabel` fault
// answers the real bytes under each of those labels.
// media/get: https://developers.weixin.qq.com/doc/service/api/material/temporary/api_getmedia
//   (a video answers {"video_url": ...}; an unknown id answers {"errcode":40007,"errmsg":"invalid media_id"}).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, judgeBinary, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'

let emu: Emulator
let wx: WeChatClient

// A tiny JPEG-like file: the SOI marker, bytes that are not valid UTF-8, and bytes that are.
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x80, 0x81, 0xfe, 0x7b, 0x22, 0x20, 0x0a, 0xff, 0xd9,
])

async function upload(type: 'image' | 'video', bytes: Uint8Array, name: string, contentType: string): Promise<string> {
  const form = new FormData()
  form.append('media', new Blob([bytes as BlobPart], { type: contentType }), name)
  const answer = await wx.request<{ media_id: string }>('/cgi-bin/media/upload', { query: { type }, body: form })
  return answer.media_id
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
beforeEach(async () => {
  await emu.control.reset()
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, retry: false })
})

const LABELS: Array<string | null> = ['text/plain', 'application/json', 'application/octet-stream', null]

describe('binary answers judged by bytes', () => {
  for (const label of LABELS) {
    it(`returns an image labelled ${String(label)} byte for byte`, async () => {
      const id = await upload('image', JPEG, 'a.jpg', 'image/jpeg')
      await emu.control.fault({ path: '/cgi-bin/media/get', kind: 'relabel', contentType: label })
      const res = await wx.request('/cgi-bin/media/get', { query: { media_id: id }, responseType: 'response' })
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(JPEG)
    })
  }

  for (const label of ['text/plain', null]) {
    it(`hands back a video's {video_url} document labelled ${String(label)} as JSON, not as a file`, async () => {
      const id = await upload('video', new Uint8Array(64).fill(7), 'v.mp4', 'video/mp4')
      await emu.control.fault({ path: '/cgi-bin/media/get', kind: 'relabel', contentType: label })
      const res = await wx.request('/cgi-bin/media/get', { query: { media_id: id }, responseType: 'response' })
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(await res.json()).toEqual({ video_url: expect.stringContaining('/mmbiz/') })
    })
  }

  for (const label of ['application/octet-stream', null, 'image/jpeg']) {
    it(`throws the errcode document labelled ${String(label)} as WeChatApiError`, async () => {
      await emu.control.fault({ path: '/cgi-bin/media/get', kind: 'relabel', contentType: label })
      const error = await wx
        .request('/cgi-bin/media/get', { query: { media_id: 'no-such-media' }, responseType: 'response' })
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 40007 })
    })
  }

  it('refreshes the token and retries once when an unlabelled binary answer is errcode 42001', async () => {
    const id = await upload('image', JPEG, 'a.jpg', 'image/jpeg')
    const before = (await emu.control.counters()).stable_token ?? 0
    // The cached token expires on the emulator's clock only, so the next call is answered 42001.
    await emu.control.advanceClock(7_300_000)
    await emu.control.fault({ path: '/cgi-bin/media/get', kind: 'relabel', contentType: null })
    const res = await wx.request('/cgi-bin/media/get', { query: { media_id: id }, responseType: 'response' })
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(JPEG)
    expect((await emu.control.counters()).stable_token).toBe(before + 1)
  })
})

describe('judgeBinary says when the answer is done with the connection', () => {
  const respond = (chunks: string[], type = 'application/octet-stream') =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk))
          c.close()
        },
      }),
      { headers: { 'content-type': type } },
    )

  it('at once for a JSON answer', async () => {
    let ended = 0
    const answer = await judgeBinary(respond(['{"video_url":"https://e.com/v"}']), () => ended++)
    expect(answer.kind).toBe('json')
    expect(ended).toBe(1)
  })

  it('once a streamed file is read to its end, not before', async () => {
    let ended = 0
    const answer = await judgeBinary(respond(['\xff\xd8 file ', 'more ', 'end']), () => ended++)
    expect(answer.kind).toBe('file')
    expect(ended).toBe(0)
    await (answer as { response: Response }).response.arrayBuffer()
    expect(ended).toBe(1)
  })

  it('once a streamed file is cancelled', async () => {
    let ended = 0
    const answer = await judgeBinary(respond(['\xff\xd8 file ', 'more']), () => ended++)
    await (answer as { response: Response }).response.body?.cancel()
    expect(ended).toBe(1)
  })
})

describe('judgeBinary at the edges of telling JSON from a file', () => {
  const stream = (chunks: Array<string | Uint8Array>, type: string | null = 'application/octet-stream') =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const chunk of chunks) c.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk)
          c.close()
        },
      }),
      { headers: type === null ? {} : { 'content-type': type } },
    )
  const bytesOf = async (answer: Awaited<ReturnType<typeof judgeBinary>>) =>
    new Uint8Array(await (answer as { response: Response }).response.arrayBuffer())

  it('hands back an answer without a body as a file, done at once', async () => {
    let ended = 0
    const empty = new Response(null, { status: 204 })
    const answer = await judgeBinary(empty, () => ended++)
    expect(answer).toEqual({ kind: 'file', response: empty })
    expect(ended).toBe(1)
  })

  it('hands back an empty body as an empty file', async () => {
    const answer = await judgeBinary(stream([]))
    expect(answer.kind).toBe('file')
    expect(await bytesOf(answer)).toEqual(new Uint8Array(0))
  })

  it('skips every kind of JSON whitespace before the {, across chunks', async () => {
    for (const space of [' ', '\t', '\n', '\r']) {
      const answer = await judgeBinary(stream([space.repeat(3), `${space}{"errcode":40007,"errmsg":"invalid media_id"}`]))
      expect(answer).toEqual({ kind: 'error', data: { errcode: 40007, errmsg: 'invalid media_id' } })
    }
  })

  it('keeps the label of a file, and relabels a file labelled JSON as bytes', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])
    expect((await judgeBinary(stream([jpeg], 'image/jpeg'))).kind).toBe('file')
    const labelled = (await judgeBinary(stream([jpeg], 'image/jpeg'))) as { response: Response }
    expect(labelled.response.headers.get('content-type')).toBe('image/jpeg')
    const mislabelled = (await judgeBinary(stream([jpeg], 'application/json'))) as { response: Response }
    expect(mislabelled.response.headers.get('content-type')).toBe('application/octet-stream')
    expect(new Uint8Array(await mislabelled.response.arrayBuffer())).toEqual(jpeg)
  })

  it('returns a file that starts with { but does not parse as a file, keeping its label', async () => {
    const answer = await judgeBinary(stream(['{ not json'], 'text/plain'))
    expect(answer.kind).toBe('file')
    expect((answer as { response: Response }).response.headers.get('content-type')).toBe('text/plain')
    expect(new TextDecoder().decode(await bytesOf(answer))).toBe('{ not json')
  })

  it('returns a file whose bytes would be JSON only if invalid UTF-8 were replaced, byte for byte', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) // {"a":"\xff\xfe"}
    const answer = await judgeBinary(stream([bytes], null))
    expect(answer.kind).toBe('file')
    expect(await bytesOf(answer)).toEqual(bytes)
  })

  it('reads a body starting with { up to maxBytes only, then streams it whole as a file', async () => {
    let ended = 0
    const chunks = ['{"content":"', 'a'.repeat(64), 'b'.repeat(64), '"}']
    const answer = await judgeBinary(stream(chunks), () => ended++, 32)
    expect(answer.kind).toBe('file')
    // Not read to its end: the caller's guard refuses it as it streams.
    expect(ended).toBe(0)
    expect(new TextDecoder().decode(await bytesOf(answer))).toBe(chunks.join(''))
    expect(ended).toBe(1)
  })

  it('counts the first chunk toward maxBytes', async () => {
    let ended = 0
    const chunks = [`{"content":"${'a'.repeat(40)}"`, '}']
    const answer = await judgeBinary(stream(chunks), () => ended++, 32)
    expect(answer.kind).toBe('file')
    expect(ended).toBe(0)
    expect(new TextDecoder().decode(await bytesOf(answer))).toBe(chunks.join(''))
  })

  it('still parses a JSON answer of exactly maxBytes', async () => {
    const body = '{"video_url":"https://e.com/v"}'
    const answer = await judgeBinary(stream([body]), () => {}, body.length)
    expect(answer.kind).toBe('json')
  })

  it('reads a body starting with { to 16 MB at most, even when maxBytes allows more', async () => {
    let ended = 0
    const sixteen = 16 * 1024 * 1024
    const over = await judgeBinary(stream(['{', 'a'.repeat(sixteen), 'tail']), () => ended++, 64 * 1024 * 1024)
    expect(over.kind).toBe('file')
    expect(ended).toBe(0)
    await (over as { response: Response }).response.body?.cancel()
    // Exactly 16 MB is still read to its end (and, not being JSON, handed back whole).
    const exact = await judgeBinary(stream(['{', 'a'.repeat(sixteen - 1)]), () => ended++, 64 * 1024 * 1024)
    expect(exact.kind).toBe('file')
    expect(ended).toBe(2)
  })
})
