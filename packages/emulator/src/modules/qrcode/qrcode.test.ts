// The emulator's QR endpoints at the wire level: WeChat's validation of raw bodies that the SDK
// would refuse before sending.
import { beforeAll, describe, expect, it } from 'vitest'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { useEmulator } from '../../../../../test-support/emulator'

const { emu } = useEmulator()
let token: string

async function create(body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}/cgi-bin/qrcode/create?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })
  return (await res.json()) as Record<string, unknown>
}

beforeAll(async () => {
  const res = await fetch(`${emu.url}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: emu.appId, secret: emu.appSecret }),
  })
  token = ((await res.json()) as { access_token: string }).access_token
})

describe('POST /cgi-bin/qrcode/create', () => {
  it('gives a temporary code 60 seconds when expire_seconds is omitted', async () => {
    const answer = await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } })
    expect(answer.expire_seconds).toBe(60)
    expect(answer.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\//)
  })

  it('grants at most 30 days', async () => {
    const answer = await create({ expire_seconds: 9_999_999, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'x' } } })
    expect(answer.expire_seconds).toBe(2_592_000)
  })

  it('answers a permanent code without expire_seconds', async () => {
    const answer = await create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 5 } } })
    expect(answer).toHaveProperty('ticket')
    expect(answer).not.toHaveProperty('expire_seconds')
  })

  it.each([
    ['an unknown action', { action_name: 'QR_FOREVER', action_info: { scene: { scene_id: 1 } } }],
    ['a zero scene_id', { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 0 } } }],
    ['a permanent scene_id over 100000', { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100_001 } } }],
    ['a scene_str over 64 characters', { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'x'.repeat(65) } } }],
    ['a numeric action with scene_str', { action_name: 'QR_SCENE', action_info: { scene: { scene_str: 'x' } } }],
    ['no action_info', { action_name: 'QR_SCENE' }],
  ])('answers 40053 for %s', async (_what, body) => {
    expect((await create(body)).errcode).toBe(40053)
  })
})

describe('GET /cgi-bin/showqrcode', () => {
  it('needs no access token and serves a PNG that decodes to the url', async () => {
    const { ticket, url } = (await create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'wire' } } })) as {
      ticket: string
      url: string
    }
    const res = await fetch(`${emu.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`)
    expect(res.headers.get('content-type')).toBe('image/png')
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url)
  })

  it('answers 404 for an expired temporary ticket', async () => {
    const { ticket } = (await create({ expire_seconds: 10, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 3 } } })) as {
      ticket: string
    }
    const url = `${emu.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`
    expect((await fetch(url)).status).toBe(200)
    await emu.control.advanceClock(10_000)
    expect((await fetch(url)).status).toBe(404)
  })
})
