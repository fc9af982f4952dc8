import { describe, expect, it } from 'vitest'
import { startEmulator } from './index'
import { useEmulator } from '../../../test-support/emulator'

const apps = [
  { appId: 'wx1111111111111111', appSecret: '11111111111111111111111111111111' },
  { appId: 'wx2222222222222222', appSecret: '22222222222222222222222222222222' },
]
const { emu } = useEmulator({ apps, reset: true })

async function getJson(path: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}${path}`, init)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  return (await res.json()) as Record<string, unknown>
}

function classic(query: Record<string, string> = {}) {
  const q = new URLSearchParams({ grant_type: 'client_credential', appid: emu.appId, secret: emu.appSecret, ...query })
  return getJson(`/cgi-bin/token?${q}`)
}

function stable(body: Record<string, unknown> = {}) {
  return getJson('/cgi-bin/stable_token', {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: emu.appId, secret: emu.appSecret, ...body }),
  })
}

async function token(kind: 'classic' | 'stable', body: Record<string, unknown> = {}): Promise<string> {
  const res = kind === 'classic' ? await classic() : await stable(body)
  expect(res.access_token).toEqual(expect.any(String))
  return res.access_token as string
}

/** The errcode a token-protected call answers with `accessToken` (0 when accepted). */
async function check(accessToken?: string): Promise<number> {
  const query = accessToken === undefined ? '' : `?access_token=${encodeURIComponent(accessToken)}`
  // An unknown path: once the token passes, it answers 48001.
  const res = await getJson(`/cgi-bin/__probe${query}`)
  return res.errcode === 48001 ? 0 : (res.errcode as number)
}

describe('classic token (GET /cgi-bin/token)', () => {
  it('issues a realistic token valid for 7200 seconds', async () => {
    const res = await classic()
    expect(res.expires_in).toBe(7200)
    expect(res.access_token).toMatch(/^\d+_[A-Za-z0-9_-]{130,}$/)
    expect(await check(res.access_token as string)).toBe(0)
  })

  it('issues a new token on every call', async () => {
    expect(await token('classic')).not.toBe(await token('classic'))
  })

  it('keeps the replaced token alive for 5 minutes, then answers 40001', async () => {
    const first = await token('classic')
    const second = await token('classic')
    await emu.control.advanceClock(299_000)
    expect(await check(first)).toBe(0)
    await emu.control.advanceClock(2_000)
    expect(await check(first)).toBe(40001)
    expect(await check(second)).toBe(0)
  })

  it('answers 42001 once the token outlives 7200 seconds', async () => {
    const t = await token('classic')
    await emu.control.advanceClock(7_199_000)
    expect(await check(t)).toBe(0)
    await emu.control.advanceClock(1_000)
    expect(await check(t)).toBe(42001)
  })

  it('is independent of the stable token', async () => {
    const s = await token('stable')
    await token('classic')
    await token('classic')
    await emu.control.advanceClock(600_000)
    expect(await check(s)).toBe(0)
  })

  it.each([
    ['40002 for a wrong grant_type', { grant_type: 'password' }, 40002],
    ['41002 when appid is missing', { appid: '' }, 41002],
    ['41004 when secret is missing', { secret: '' }, 41004],
    ['40013 for an unknown appid', { appid: 'wx9999999999999999' }, 40013],
    ['40125 for a wrong secret', { secret: 'nope' }, 40125],
  ])('answers %s', async (_name, query, errcode) => {
    const res = await classic(query)
    expect(res.errcode).toBe(errcode)
    expect(res.errmsg).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/)
    expect(res.access_token).toBeUndefined()
  })

  it('authenticates each app with its own secret', async () => {
    const res = await classic({ appid: apps[1]!.appId, secret: apps[1]!.appSecret })
    expect(await check(res.access_token as string)).toBe(0)
    expect((await classic({ appid: apps[1]!.appId, secret: apps[0]!.appSecret })).errcode).toBe(40125)
  })
})

describe('stable token (POST /cgi-bin/stable_token)', () => {
  it('returns the same token while it has more than 5 minutes left, with the remaining life', async () => {
    const first = await stable()
    expect(first.expires_in).toBe(7200)
    await emu.control.advanceClock(3_600_000)
    const again = await stable()
    expect(again.access_token).toBe(first.access_token)
    expect(again.expires_in).toBeGreaterThanOrEqual(3599)
    expect(again.expires_in).toBeLessThanOrEqual(3600)
  })

  it('rotates in the last 5 minutes, keeping the old token valid until it expires', async () => {
    const old = await token('stable')
    await emu.control.advanceClock(7_200_000 - 299_000)
    const res = await stable()
    expect(res.access_token).not.toBe(old)
    expect(res.expires_in).toBe(7200)
    expect(await check(old)).toBe(0)
    expect(await check(res.access_token as string)).toBe(0)
    await emu.control.advanceClock(300_000)
    expect(await check(old)).toBe(42001)
    expect(await check(res.access_token as string)).toBe(0)
  })

  it('never hands out a token with less than 300 seconds left', async () => {
    await token('stable')
    for (const step of [7_000_000, 100_000, 99_000, 1_000]) {
      await emu.control.advanceClock(step)
      expect((await stable()).expires_in).toBeGreaterThanOrEqual(300)
    }
  })

  it('force_refresh invalidates the current token and issues a new one', async () => {
    const old = await token('stable')
    const fresh = await token('stable', { force_refresh: true })
    expect(fresh).not.toBe(old)
    expect(await check(old)).toBe(40001)
    expect(await check(fresh)).toBe(0)
    expect(await token('stable')).toBe(fresh)
  })

  it('does not rotate on a forced refresh within 30 seconds of the previous one', async () => {
    const forced = await token('stable', { force_refresh: true })
    await emu.control.advanceClock(29_000)
    expect(await token('stable', { force_refresh: true })).toBe(forced)
    await emu.control.advanceClock(1_000)
    expect(await token('stable', { force_refresh: true })).not.toBe(forced)
  })

  it('answers 45009 after 20 forced refreshes in a day', async () => {
    await emu.control.setClock(Date.UTC(2025, 0, 1, 0, 0, 0)) // 08:00 Beijing time
    for (let i = 0; i < 20; i++) {
      await token('stable', { force_refresh: true })
      await emu.control.advanceClock(30_000)
    }
    expect((await stable({ force_refresh: true })).errcode).toBe(45009)
    const current = await token('stable')
    expect(await check(current)).toBe(0)
    await emu.control.advanceClock(16 * 3_600_000) // past midnight in Beijing
    expect(await token('stable', { force_refresh: true })).not.toBe(current)
  })

  it('is independent of classic tokens', async () => {
    const c = await token('classic')
    await token('stable', { force_refresh: true })
    expect(await check(c)).toBe(0)
  })

  it.each([
    ['40002 for a wrong grant_type', { grant_type: 'authorization_code' }, 40002],
    ['41002 when appid is missing', { appid: undefined }, 41002],
    ['41004 when secret is missing', { secret: undefined }, 41004],
    ['40013 for an unknown appid', { appid: 'wx9999999999999999' }, 40013],
    ['40125 for a wrong secret', { secret: 'nope' }, 40125],
  ])('answers %s', async (_name, body, errcode) => {
    expect((await stable(body)).errcode).toBe(errcode)
  })

  it('answers 44002 for an empty body and 47001 for one that is not JSON', async () => {
    expect((await getJson('/cgi-bin/stable_token', { method: 'POST' })).errcode).toBe(44002)
    expect((await getJson('/cgi-bin/stable_token', { method: 'POST', body: '{"appid":' })).errcode).toBe(47001)
  })

  it('answers 43002 to a GET', async () => {
    expect((await getJson('/cgi-bin/stable_token')).errcode).toBe(43002)
  })
})

describe('token check on /cgi-bin and /customservice', () => {
  it('answers 41001 without access_token', async () => {
    expect(await check()).toBe(41001)
    expect((await getJson('/customservice/kfaccount/add', { method: 'POST', body: '{}' })).errcode).toBe(41001)
  })

  it('answers 40001 for a well-formed token it never issued', async () => {
    expect(await check(`80_${'a'.repeat(133)}`)).toBe(40001)
  })

  it('answers 40014 for something that is not a token at all', async () => {
    expect(await check('not a token!')).toBe(40014)
  })

  it('answers 40001 after the tokens are revoked, 42001 after they are expired by control', async () => {
    const c = await token('classic')
    const s = await token('stable')
    expect(await emu.control.revokeTokens({ kind: 'classic' })).toBe(1)
    expect(await check(c)).toBe(40001)
    expect(await check(s)).toBe(0)
    await emu.control.revokeTokens({ mode: 'expire' })
    expect(await check(s)).toBe(42001)
    expect(await token('stable')).not.toBe(s)
  })

  it('accepts another app’s token as that app (counters land on it)', async () => {
    const res = await classic({ appid: apps[1]!.appId, secret: apps[1]!.appSecret })
    await check(res.access_token as string)
    expect((await emu.control.counters({ appId: apps[1]!.appId }))['path:/cgi-bin/__probe']).toBe(1)
    expect((await emu.control.counters())['path:/cgi-bin/__probe']).toBeUndefined()
  })
})

describe('token counters', () => {
  it('counts classic, stable and forced requests per app', async () => {
    await token('classic')
    await token('stable')
    await token('stable', { force_refresh: true })
    await classic({ secret: 'wrong' })
    expect(await emu.control.counters()).toMatchObject({
      token: 1,
      stable_token: 2,
      'stable_token:force': 1,
      token_requests: 3,
    })
  })
})

describe('configurable classic grace period', () => {
  it('keeps a replaced classic token alive for the app’s classicTokenGraceMs, then answers 40001', async () => {
    const own = await startEmulator({ apps: [{ ...apps[0]!, classicTokenGraceMs: 10_000 }] })
    try {
      const get = async () => {
        const q = new URLSearchParams({ grant_type: 'client_credential', appid: own.appId, secret: own.appSecret })
        return ((await (await fetch(`${own.url}/cgi-bin/token?${q}`)).json()) as { access_token: string }).access_token
      }
      const probe = async (t: string) =>
        ((await (await fetch(`${own.url}/cgi-bin/__probe?access_token=${t}`)).json()) as { errcode: number }).errcode
      const first = await get()
      await get()
      await own.control.advanceClock(9_000)
      expect(await probe(first)).toBe(48001) // past the token check: the path does not exist
      await own.control.advanceClock(2_000)
      expect(await probe(first)).toBe(40001)
    } finally {
      await own.close()
    }
  })
})
