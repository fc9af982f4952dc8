// Downloads from a hostile or broken server (security review findings 7 and 8): the file name a
// server sends is made safe before a user joins it to a folder, and `maxBytes` bounds what is read
// even while core tells a body that starts with `{` from a file. A local server plays the host:
// WeChat's media/get answers a file with its name in Content-Disposition
// (https://developers.weixin.qq.com/doc/service/api/material/temporary/api_getmedia, e.g.
// `Content-disposition: attachment; filename="MEDIA_ID.jpg"`), and nothing stops a proxy or a
// compromised host from sending another name.
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { downloadTemporaryMedia, isMediaSizeError } from './index'

let server: Server
let base: string
let answer: (res: ServerResponse) => void = (res) => res.end()

beforeAll(async () => {
  server = createServer((_req, res) => answer(res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
)

/** A client whose `fetch` counts the answer bytes core and the download actually pull. */
function client(): { wx: WeChatClient; pulled: () => number } {
  let pulled = 0
  const wx = createClient({
    appId: 'wx0123456789abcdef',
    baseUrl: base,
    getAccessToken: async () => 'hostile-test-token',
    retry: false,
    fetch: async (url, init) => {
      const res = await fetch(url, init)
      const reader = res.body!.getReader()
      const counted = new ReadableStream<Uint8Array>(
        {
          async pull(c) {
            const { done, value } = await reader.read()
            if (done) return c.close()
            pulled += value.byteLength
            c.enqueue(value)
          },
          cancel: (reason) => reader.cancel(reason),
        },
        { highWaterMark: 0 },
      )
      return new Response(counted, { status: res.status, headers: res.headers })
    },
  })
  return { wx, pulled: () => pulled }
}

const withName = (disposition: string) => (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'image/jpeg', 'content-disposition': disposition })
  res.end(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))
}

it.each([
  ['a path that climbs out of the folder', 'attachment; filename="../../../tmp/x.sh"', 'x.sh'],
  ['a Windows path', 'attachment; filename="..\\\\..\\\\startup\\\\run.bat"', 'run.bat'],
  ['a percent-encoded path with CR, LF and NUL', "attachment; filename*=UTF-8''..%2F..%2Fevil%0D%0A%00.sh", 'evil.sh'],
  ['a name that is only dots', 'attachment; filename=".."', undefined],
  ['a bidi override hiding the real extension', "attachment; filename*=UTF-8''photo%E2%80%AEgpj.exe", 'photogpj.exe'],
])('makes %s a safe base name and keeps the raw one apart', async (_what, disposition, safe) => {
  answer = withName(disposition)
  const media = await downloadTemporaryMedia(client().wx, 'MEDIA_ID')
  if (media.kind !== 'file') throw new Error('expected a file')
  expect(media.filename).toBe(safe)
  expect(media.rawFilename).not.toBe(safe)
  await media.cancel()
})

it('keeps an ordinary name as WeChat sends it', async () => {
  answer = withName('attachment; filename="MEDIA_ID.jpg"')
  const media = await downloadTemporaryMedia(client().wx, 'MEDIA_ID')
  expect(media).toMatchObject({ kind: 'file', filename: 'MEDIA_ID.jpg', rawFilename: 'MEDIA_ID.jpg' })
})

it('cuts a long name to 255 UTF-8 bytes, whole characters only', async () => {
  answer = withName(`attachment; filename*=UTF-8''${encodeURIComponent('图'.repeat(200))}.jpg`)
  const media = await downloadTemporaryMedia(client().wx, 'MEDIA_ID')
  if (media.kind !== 'file') throw new Error('expected a file')
  expect(media.filename).toBe('图'.repeat(85))
})

it('reads no further than maxBytes while telling a body that starts with { from a file', async () => {
  // `{` then 12 MiB: not JSON, not a file WeChat would send; read whole, it cost 12 MiB of memory.
  answer = (res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    res.write('{')
    const chunk = Buffer.alloc(64 * 1024, 0x61)
    let left = 12 * 16
    const more = () => {
      while (left-- > 0) if (!res.write(chunk)) return void res.once('drain', more)
      res.end()
    }
    res.on('close', () => (left = 0))
    more()
  }
  const { wx, pulled } = client()
  const error = await downloadTemporaryMedia(wx, 'MEDIA_ID', { maxBytes: 1024 })
    .then(
      async (media) => (media.kind === 'file' ? media.bytes() : media),
      (e: unknown) => e,
    )
    .catch((e: unknown) => e)
  expect(isMediaSizeError(error)).toBe(true)
  // One or two of the server's chunks, not the whole body.
  expect(pulled()).toBeLessThan(1024 * 1024)
})
