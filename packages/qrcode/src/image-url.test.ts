import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { build } from 'esbuild'
import { createClient } from '@wxmp/core'
import { createTemporaryQrCode, qrCodeImageUrl } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu } = useEmulator()

describe('qrCodeImageUrl', () => {
  it("points at WeChat's image host with the ticket URL-encoded", () => {
    expect(qrCodeImageUrl('gQH4+8DoAAA/AAAAS==')).toBe('https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH4%2B8DoAAA%2FAAAAS%3D%3D')
  })

  it('uses another host when given one', () => {
    expect(qrCodeImageUrl('a+b', { baseUrl: 'http://127.0.0.1:9000/' })).toBe('http://127.0.0.1:9000/cgi-bin/showqrcode?ticket=a%2Bb')
  })

  it("serves the emulator's image for a real ticket, which holds + / and =", async () => {
    const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
    const { ticket } = await createTemporaryQrCode(wx, 'encoding', { expireSeconds: 600 })
    expect(ticket).toMatch(/\+/)
    expect(ticket).toMatch(/\//)
    expect(ticket).toMatch(/=$/)
    const res = await fetch(qrCodeImageUrl(ticket, { baseUrl: emu.url }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    // The classic bug: a raw ticket's "+" arrives as a space, and the image is not found.
    const raw = await fetch(`${emu.url}/cgi-bin/showqrcode?ticket=${ticket}`)
    expect(raw.status).toBe(404)
  })

  it('refuses an empty ticket', () => {
    expect(() => qrCodeImageUrl('')).toThrow(new RangeError('ticket must not be empty or contain control characters'))
  })

  it('bundles for a browser in a few hundred bytes', async () => {
    const result = await build({
      stdin: {
        contents: "export { qrCodeImageUrl } from './index'",
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      alias: { '@wxmp/core': fileURLToPath(new URL('../../core/src/index.ts', import.meta.url)) },
      external: ['ky'],
      logLevel: 'silent',
    })
    const code = result.outputFiles[0]!.text
    expect(code).not.toMatch(/\bky\b/)
    // Under 1 KB: the URL itself is ~300 bytes, its argument checks (issue 15: no control characters, no
    // unknown options, an http(s) baseUrl) about 450 more.
    expect(code.length).toBeLessThan(900)
  })
})
