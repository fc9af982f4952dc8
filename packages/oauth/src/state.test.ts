import { describe, expect, it } from 'vitest'
import { createState, verifyState, STATE_DATA_MAX_BYTES, buildAuthorizeUrl } from './index'

const secret = 'k'.repeat(16) + '0123456789abcdef'
const at = (ms: number) => () => ms
const T = 1_750_000_000_000

describe('createState / verifyState', () => {
  it('creates a state WeChat accepts: at most 128 letters and digits', async () => {
    const state = await createState({ secret, data: 'x'.repeat(STATE_DATA_MAX_BYTES) })
    expect(state).toMatch(/^[A-Za-z0-9]{1,128}$/)
    expect(() => buildAuthorizeUrl({ appId: 'wx1', redirectUri: 'https://a.example/cb', scope: 'snsapi_base', state })).not.toThrow()
  })

  it('accepts its own state and gives the data back', async () => {
    const state = await createState({ secret, data: '订单/42', now: at(T) })
    expect(await verifyState(state, { secret, now: at(T + 1000) })).toEqual({
      ok: true,
      data: '订单/42',
      expiresAt: Math.floor((T + 600_000) / 1000) * 1000,
      nonce: expect.stringMatching(/^[0-9A-Za-z]{11}$/),
    })
  })

  it('refuses the same state spelt with leading zeros, so a one-time store keyed on the text cannot be replayed', async () => {
    const state = await createState({ secret })
    expect(await verifyState(state, { secret })).toMatchObject({ ok: true })
    for (const spelling of ['0' + state, '00' + state]) {
      expect(await verifyState(spelling, { secret })).toEqual({ ok: false, reason: 'malformed' })
    }
  })

  it('gives each state its own nonce, the key for one-time use', async () => {
    const [a, b] = await Promise.all([createState({ secret }), createState({ secret })])
    const [ca, cb] = await Promise.all([verifyState(a, { secret }), verifyState(b, { secret })])
    expect(ca.ok && cb.ok && ca.nonce !== cb.nonce).toBe(true)
  })

  it('makes a different state every time', async () => {
    const [a, b] = await Promise.all([createState({ secret }), createState({ secret })])
    expect(a).not.toBe(b)
  })

  it('refuses a state with one character changed', async () => {
    const state = await createState({ secret })
    for (const i of [0, 10, state.length - 1]) {
      const ch = state[i] === 'A' ? 'B' : 'A'
      const tampered = state.slice(0, i) + ch + state.slice(i + 1)
      const check = await verifyState(tampered, { secret })
      expect(check.ok).toBe(false)
    }
  })

  it('refuses a state whose data was swapped, keeping the signature', async () => {
    const a = await createState({ secret, data: 'a' })
    // Same length, other data: signature no longer matches.
    const b = await createState({ secret, data: 'b' })
    expect((await verifyState(a, { secret })).ok).toBe(true)
    const mixed = b.slice(0, Math.floor(b.length / 2)) + a.slice(Math.floor(a.length / 2))
    expect(await verifyState(mixed, { secret })).toMatchObject({ ok: false })
  })

  it('refuses a state signed with another secret', async () => {
    const state = await createState({ secret })
    expect(await verifyState(state, { secret: secret.replace('k', 'K') })).toEqual({ ok: false, reason: 'signature' })
  })

  it('refuses a state bound to another browser', async () => {
    const state = await createState({ secret, binding: 'session-1' })
    expect(await verifyState(state, { secret, binding: 'session-1' })).toMatchObject({ ok: true })
    expect(await verifyState(state, { secret, binding: 'session-2' })).toEqual({ ok: false, reason: 'signature' })
    expect(await verifyState(state, { secret })).toEqual({ ok: false, reason: 'signature' })
  })

  it('refuses an expired state', async () => {
    const state = await createState({ secret, ttlMs: 60_000, now: at(T) })
    expect((await verifyState(state, { secret, now: at(T + 59_000) })).ok).toBe(true)
    expect(await verifyState(state, { secret, now: at(T + 61_000) })).toEqual({ ok: false, reason: 'expired' })
  })

  it('says a missing state is missing and garbage is malformed', async () => {
    expect(await verifyState(undefined, { secret })).toEqual({ ok: false, reason: 'missing' })
    expect(await verifyState('', { secret })).toEqual({ ok: false, reason: 'missing' })
    expect(await verifyState('abc', { secret })).toEqual({ ok: false, reason: 'malformed' })
    expect(await verifyState('not-base62!', { secret })).toEqual({ ok: false, reason: 'malformed' })
    expect(await verifyState('a'.repeat(129), { secret })).toEqual({ ok: false, reason: 'malformed' })
  })

  it('refuses data over the limit, naming the limit and the size', async () => {
    await expect(createState({ secret, data: 'é'.repeat(33) })).rejects.toThrow(
      new RangeError(`data must be at most ${STATE_DATA_MAX_BYTES} bytes of UTF-8, got 66`),
    )
  })

  it('refuses a short secret without echoing it', async () => {
    const error = await createState({ secret: 'short-secret' }).catch((e: unknown) => e)
    expect(error).toEqual(new RangeError('secret must be at least 32 characters, got 12'))
    await expect(verifyState('abc', { secret: 'short-secret' })).rejects.toThrow(RangeError)
  })

  it('refuses a ttl outside 1 second to 30 days', async () => {
    await expect(createState({ secret, ttlMs: 10 })).rejects.toThrow(/ttlMs must be an integer from 1000/)
  })
})
