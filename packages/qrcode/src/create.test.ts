import { describe, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator } from '@wxmp/emulator'
import { createPermanentQrCode, createTemporaryQrCode } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()

interface TicketInfo {
  scene: number | string
  kind: string
  actionName: string
  url: string
  expiresAt: number | null
  expired: boolean
}
const ticketInfo = (ticket: string) => emu.control.qrTicket(ticket)
const creates = async () => (await emu.control.counters())['path:/cgi-bin/qrcode/create'] ?? 0

describe('createTemporaryQrCode', () => {
  it('creates a numeric-scene code whose ticket maps back to the scene', async () => {
    const qr = await createTemporaryQrCode(wx, 4_000_000_000, { expireSeconds: 3600 })
    expect(qr.kind).toBe('temporary')
    expect(qr.expireSeconds).toBe(3600)
    const info = await ticketInfo(qr.ticket)
    expect(info).toMatchObject({ scene: 4_000_000_000, actionName: 'QR_SCENE', kind: 'temporary', url: qr.url })
  })

  it('creates a string-scene code with QR_STR_SCENE', async () => {
    const qr = await createTemporaryQrCode(wx, 'campaign-42', { expireSeconds: 120 })
    const info = await ticketInfo(qr.ticket)
    expect(info).toMatchObject({ scene: 'campaign-42', actionName: 'QR_STR_SCENE' })
  })

  it("lives WeChat's default 60 seconds when no expiry is given", async () => {
    const qr = await createTemporaryQrCode(wx, 7)
    expect(qr.expireSeconds).toBe(60)
    const info = await ticketInfo(qr.ticket)
    expect(info.expiresAt! - (await emu.control.now())).toBeLessThanOrEqual(60_000)
  })

  it('expires on the emulator clock', async () => {
    const qr = await createTemporaryQrCode(wx, 'short-lived', { expireSeconds: 30 })
    expect((await ticketInfo(qr.ticket)).expired).toBe(false)
    await emu.control.advanceClock(31_000)
    expect((await ticketInfo(qr.ticket)).expired).toBe(true)
  })

  it.each([
    [0, 'scene must be at least 1, got 0'],
    [4_294_967_296, 'scene must be at most 4294967295, got 4294967296'],
    [1.5, 'scene must be an integer'],
    ['', 'scene must not be empty'],
    ['x'.repeat(65), 'scene must be at most 64 characters, got 65'],
  ])('refuses scene %j before any request', async (scene, message) => {
    const before = await creates()
    await expect(createTemporaryQrCode(wx, scene as number)).rejects.toThrow(message)
    expect(await creates()).toBe(before)
  })

  it('refuses an expiry over 30 days before any request', async () => {
    const before = await creates()
    await expect(createTemporaryQrCode(wx, 1, { expireSeconds: 2_592_001 })).rejects.toThrow(RangeError)
    await expect(createTemporaryQrCode(wx, 1, { expireSeconds: 2_592_001 })).rejects.toThrow(
      'expireSeconds must be at most 2592000, got 2592001',
    )
    await expect(createTemporaryQrCode(wx, 1, { expireSeconds: 0 })).rejects.toThrow('expireSeconds must be at least 1, got 0')
    expect(await creates()).toBe(before)
  })

  it('refuses a scene that is neither number nor string', async () => {
    await expect(createTemporaryQrCode(wx, null as unknown as number)).rejects.toThrow(
      new TypeError('scene must be a number or a string, got null'),
    )
  })
})

describe('createPermanentQrCode', () => {
  it('creates a numeric-scene permanent code that never expires', async () => {
    const qr = await createPermanentQrCode(wx, 100_000)
    expect(qr.kind).toBe('permanent')
    await emu.control.advanceClock(40 * 86_400_000)
    expect(await ticketInfo(qr.ticket)).toMatchObject({ scene: 100_000, actionName: 'QR_LIMIT_SCENE', expiresAt: null, expired: false })
  })

  it('returns the same ticket when asked again for the same scene', async () => {
    const first = await createPermanentQrCode(wx, 'store-entrance')
    const again = await createPermanentQrCode(wx, 'store-entrance')
    expect(again.ticket).toBe(first.ticket)
    expect(await ticketInfo(first.ticket)).toMatchObject({ scene: 'store-entrance', actionName: 'QR_LIMIT_STR_SCENE' })
  })

  it('refuses a numeric scene over 100,000 before any request', async () => {
    const before = await creates()
    await expect(createPermanentQrCode(wx, 100_001)).rejects.toThrow('scene must be at most 100000, got 100001')
    expect(await creates()).toBe(before)
  })

  it('fails with 40053 once the account has no permanent codes left', async () => {
    const own = await startEmulator({ port: 0 })
    try {
      const client = createClient({ appId: own.appId, appSecret: own.appSecret, baseUrl: own.url })
      await own.control.setPermanentQrLimit(2)
      await createPermanentQrCode(client, 1)
      await createPermanentQrCode(client, 2)
      await expect(createPermanentQrCode(client, 3)).rejects.toMatchObject({ name: 'WeChatApiError', errcode: 40053 })
      // An existing scene is still answered: it uses no new code.
      await expect(createPermanentQrCode(client, 1)).resolves.toMatchObject({ scene: 1 })
    } finally {
      await own.close()
    }
  })
})
