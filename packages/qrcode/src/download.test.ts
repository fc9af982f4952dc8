import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { isWeChatTransportError } from '@wxmp/core'
import { createPermanentQrCode, createTemporaryQrCode, downloadQrCode, isQrCodeNotFoundError, QrCodeNotFoundError } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()

function decode(png: Uint8Array): string | undefined {
  const image = PNG.sync.read(Buffer.from(png))
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data
}

const imageRequests = async () => (await emu.control.globalCounters())['path:/cgi-bin/showqrcode'] ?? 0

describe('downloadQrCode', () => {
  it("downloads an image whose QR content is the ticket's url", async () => {
    const qr = await createTemporaryQrCode(wx, 'campaign-42', { expireSeconds: 600 })
    const image = await downloadQrCode(qr.ticket, { baseUrl: emu.url })
    expect(image.contentType).toBe('image/png')
    const bytes = await image.bytes()
    expect(image.size).toBe(bytes.byteLength)
    expect(decode(bytes)).toBe(qr.url)
  })

  it('gives the image as a Blob of its content type', async () => {
    const qr = await createPermanentQrCode(wx, 'blob-scene')
    const blob = await (await downloadQrCode(qr.ticket, { baseUrl: emu.url })).blob()
    expect(blob.type).toBe('image/png')
    expect(decode(new Uint8Array(await blob.arrayBuffer()))).toBe(qr.url)
  })

  it('gives the image as a stream', async () => {
    const qr = await createTemporaryQrCode(wx, 9, { expireSeconds: 600 })
    const stream = (await downloadQrCode(qr.ticket, { baseUrl: emu.url })).stream()
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer())
    expect(decode(bytes)).toBe(qr.url)
  })

  it('reads the body only once', async () => {
    const qr = await createTemporaryQrCode(wx, 10, { expireSeconds: 600 })
    const image = await downloadQrCode(qr.ticket, { baseUrl: emu.url })
    await image.bytes()
    await expect(image.bytes()).rejects.toThrow('already read')
  })

  it('refuses an expired temporary ticket with QrCodeNotFoundError', async () => {
    const qr = await createTemporaryQrCode(wx, 'expiring', { expireSeconds: 60 })
    await emu.control.advanceClock(61_000)
    const error = await downloadQrCode(qr.ticket, { baseUrl: emu.url }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(QrCodeNotFoundError)
    expect(isQrCodeNotFoundError(error)).toBe(true)
    expect(isWeChatTransportError(error)).toBe(true)
    expect(error).toMatchObject({ kind: 'http', status: 404, path: '/cgi-bin/showqrcode' })
  })

  it('reports QrCodeNotFoundError by its own name', async () => {
    const error = await downloadQrCode('gQ+not/a-ticket==', { baseUrl: emu.url }).catch((e: unknown) => e)
    expect((error as Error).name).toBe('QrCodeNotFoundError')
  })

  for (const label of ['text/plain', 'application/json', null]) {
    it(`returns the image byte for byte when it is labelled ${String(label)}`, async () => {
      const qr = await createTemporaryQrCode(wx, `label-${String(label)}`, { expireSeconds: 600 })
      const expected = await (await downloadQrCode(qr.ticket, { baseUrl: emu.url })).bytes()
      await emu.control.fault({ path: '/cgi-bin/showqrcode', kind: 'relabel', contentType: label })
      const bytes = await (await downloadQrCode(qr.ticket, { baseUrl: emu.url })).bytes()
      expect(bytes).toEqual(expected)
      expect(decode(bytes)).toBe(qr.url)
    })
  }

  for (const label of ['application/octet-stream', 'image/jpeg', null]) {
    it(`throws an errcode answer labelled ${String(label)} as WeChatApiError`, async () => {
      // The emulator's showqrcode has no errcode answer: a small local server gives one.
      const server = createServer((_req, res) => {
        res.writeHead(200, label === null ? {} : { 'content-type': label })
        res.end('{"errcode":40001,"errmsg":"invalid credential"}')
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      try {
        const { port } = server.address() as AddressInfo
        const error = await downloadQrCode('gQticket', { baseUrl: `http://127.0.0.1:${port}` }).catch((e: unknown) => e)
        expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 40001 })
      } finally {
        server.closeAllConnections()
        await new Promise((resolve) => server.close(resolve))
      }
    })
  }

  it('refuses an unknown ticket with QrCodeNotFoundError', async () => {
    await expect(downloadQrCode('gQ+not/a-ticket==', { baseUrl: emu.url })).rejects.toBeInstanceOf(QrCodeNotFoundError)
  })

  it('refuses an image larger than maxBytes', async () => {
    const qr = await createTemporaryQrCode(wx, 11, { expireSeconds: 600 })
    await expect(downloadQrCode(qr.ticket, { baseUrl: emu.url, maxBytes: 100 })).rejects.toThrow('over maxBytes 100')
  })

  it('uses the fetch it is given', async () => {
    const qr = await createTemporaryQrCode(wx, 12, { expireSeconds: 600 })
    const seen: string[] = []
    const image = await downloadQrCode(qr.ticket, {
      baseUrl: emu.url,
      fetch: (input, init) => {
        seen.push(String(input))
        return fetch(input, init)
      },
    })
    expect(decode(await image.bytes())).toBe(qr.url)
    expect(seen).toEqual([`${emu.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(qr.ticket)}`])
  })

  it('stops when its signal aborts', async () => {
    const qr = await createTemporaryQrCode(wx, 13, { expireSeconds: 600 })
    const controller = new AbortController()
    controller.abort(new Error('user left'))
    await expect(downloadQrCode(qr.ticket, { baseUrl: emu.url, signal: controller.signal })).rejects.toThrow('user left')
  })

  it('refuses an empty ticket or a bad maxBytes before any request', async () => {
    const before = await imageRequests()
    await expect(downloadQrCode('', { baseUrl: emu.url })).rejects.toThrow(RangeError)
    await expect(downloadQrCode('gQabc', { baseUrl: emu.url, maxBytes: 0 })).rejects.toThrow('maxBytes must be at least 1, got 0')
    expect(await imageRequests()).toBe(before)
  })
})
