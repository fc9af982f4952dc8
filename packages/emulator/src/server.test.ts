import { describe, expect, it } from 'vitest'
import { DEFAULT_APP, startEmulator } from './index'

describe('startEmulator', () => {
  it('serves the default app on a free port of 127.0.0.1', async () => {
    const emu = await startEmulator()
    expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`)
    expect(emu.appId).toBe(DEFAULT_APP.appId)
    expect(emu.appSecret).toBe(DEFAULT_APP.appSecret)
    expect(emu.apps).toEqual([{ ...DEFAULT_APP, originalId: expect.stringMatching(/^gh_[0-9a-f]{12}$/) }])
    expect(emu.originalId).toBe(emu.apps[0]!.originalId)
    await emu.close()
  })

  it('closes promptly with keep-alive connections open, and close() may be called twice', async () => {
    const emu = await startEmulator()
    await (await fetch(`${emu.url}/cgi-bin/token`)).text() // leaves an idle keep-alive socket
    const started = Date.now()
    await Promise.all([emu.close(), emu.close()])
    expect(Date.now() - started).toBeLessThan(500)
    await expect(fetch(`${emu.url}/cgi-bin/token`)).rejects.toThrow()
  })

  it('closes while a slow request is in flight', async () => {
    const emu = await startEmulator()
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'latency', ms: 10_000 })
    const pending = fetch(`${emu.url}/cgi-bin/token`).catch((err: unknown) => err)
    await new Promise((r) => setTimeout(r, 50))
    const started = Date.now()
    await emu.close()
    expect(Date.now() - started).toBeLessThan(500)
    expect(await pending).toBeInstanceOf(TypeError)
  })

  it('refuses apps with the same appId, and an empty app list', async () => {
    await expect(startEmulator({ apps: [DEFAULT_APP, DEFAULT_APP] })).rejects.toThrow(/distinct/)
    await expect(startEmulator({ apps: [] })).rejects.toThrow(/at least one/)
  })

  it('starts the clock at `now`', async () => {
    const emu = await startEmulator({ now: Date.UTC(2030, 0, 1) })
    expect(Math.abs((await emu.control.now()) - Date.UTC(2030, 0, 1))).toBeLessThan(1_000)
    await emu.close()
  })
})
