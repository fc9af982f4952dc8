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
