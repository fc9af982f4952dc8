// What a hostile web page could send to the control API, refused; the real client, served.
import { describe, expect, it } from 'vitest'
import { request as httpRequest } from 'node:http'
import { startEmulator } from '../index'
import { EmulatorControl } from '../control-client'
import { useEmulator } from '../../../../test-support/emulator'

const { emu } = useEmulator({ allowedHosts: ['emulator.test'] })

const auth = () => ({ 'x-emulator-token': emu.controlToken })

/** A raw request with any Host header (fetch will not let us set one). */
function raw(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${emu.url}${path}`, { method, headers }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('control API access', () => {
  it('refuses a request without the token, and one with a wrong token', async () => {
    const none = await fetch(`${emu.url}/__emulator/apps`)
    expect(none.status).toBe(401)
    expect(await none.text()).not.toContain(emu.appSecret)
    const wrong = await fetch(`${emu.url}/__emulator/apps`, { headers: { 'x-emulator-token': 'guessed-token-000000' } })
    expect(wrong.status).toBe(401)
  })

  it('refuses a no-cors text/plain POST (a page resetting state), even with the token', async () => {
    await emu.control.seedFollowers(3)
    const res = await fetch(`${emu.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...auth() },
      body: '{}',
    })
    expect(res.status).toBe(415)
    expect(await emu.control.request('GET', '/apps')).toMatchObject([{ followers: 3 }])
  })

  it('refuses a push re-pointed by a form post without a content type', async () => {
    const res = await fetch(`${emu.url}/__emulator/push/config`, {
      method: 'POST',
      headers: auth(),
      body: new URLSearchParams({ push: 'x' }),
    })
    expect(res.status).toBe(415)
    expect(await emu.control.request('GET', '/push/config')).toBeNull()
  })

  it('refuses a foreign Host (DNS rebinding), and serves loopback names and configured hosts', async () => {
    expect((await raw('/__emulator/clock', { Host: 'attacker.example:80', ...auth() })).status).toBe(403)
    expect((await raw('/__emulator/clock', { Host: `localhost:${emu.port}`, ...auth() })).status).toBe(200)
    expect((await raw('/__emulator/clock', { Host: `127.0.0.2:${emu.port}`, ...auth() })).status).toBe(200)
    expect((await raw('/__emulator/clock', { Host: `[::1]:${emu.port}`, ...auth() })).status).toBe(200)
    expect((await raw('/__emulator/clock', { Host: `emulator.test:${emu.port}`, ...auth() })).status).toBe(200)
  })

  it('leaves the WeChat-facing routes alone: no token, any Host', async () => {
    const res = await raw(`/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`, {
      Host: 'api.weixin.qq.com',
    })
    expect(JSON.parse(res.text)).toMatchObject({ expires_in: 7200 })
  })

  it('serves the client startEmulator hands out, and one built with the token (Bearer works too)', async () => {
    expect(await emu.control.now()).toBeGreaterThan(0)
    expect(await new EmulatorControl(emu.url, { token: emu.controlToken }).now()).toBeGreaterThan(0)
    const bearer = await fetch(`${emu.url}/__emulator/clock`, { headers: { Authorization: `Bearer ${emu.controlToken}` } })
    expect(bearer.status).toBe(200)
    await expect(new EmulatorControl(emu.url).now()).rejects.toMatchObject({ name: 'EmulatorControlError', status: 401 })
  })

  it('takes a fixed token from the controlToken option', async () => {
    const fixed = await startEmulator({ controlToken: 'fixed-token-for-ci' })
    try {
      expect(fixed.controlToken).toBe('fixed-token-for-ci')
      expect(await new EmulatorControl(fixed.url, { token: 'fixed-token-for-ci' }).now()).toBeGreaterThan(0)
    } finally {
      await fixed.close()
    }
  })
})
