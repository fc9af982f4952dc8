import { describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError } from '@wxmp/core'
import { batchGetUserInfo, getUserInfo, getUserInfoChunked } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
const BATCH = 'path:/cgi-bin/user/info/batchget'
const INFO = 'path:/cgi-bin/user/info'

const calls = async (key: string) => (await emu.control.counters())[key] ?? 0
const openidsAt = (from: number, count: number) => emu.control.followerRange(from, count)
const record = (openid: string) => emu.control.userRecord(openid)

describe('getUserInfo', () => {
  it('returns what the emulator holds about a follower', async () => {
    const openid = await emu.control.addFollower({
      language: 'en',
      remark: 'met at the fair',
      unionid: 'oUnion123',
      qrScene: 42,
      subscribeScene: 'ADD_SCENE_QR_CODE',
    })
    const rec = await record(openid)
    const user = await getUserInfo(wx, openid, { lang: 'en' })
    expect(user).toEqual({
      subscribed: true,
      openid,
      language: 'en',
      subscribeTime: rec.subscribeTime,
      unionId: 'oUnion123',
      remark: 'met at the fair',
      groupId: 0,
      tagIds: [],
      subscribeScene: 'ADD_SCENE_QR_CODE',
      qrScene: 42,
      qrSceneStr: '',
    })
  })

  it('does not promise the profile fields WeChat withdrew', async () => {
    const user = await getUserInfo(wx, await emu.control.followerAt(0))
    expect(Object.keys(user)).not.toContain('nickname')
    expect(Object.keys(user)).not.toContain('headimgurl')
  })

  it('reports a user who unfollowed with nothing but the openid', async () => {
    const openid = await emu.control.addFollower({ openid: await emu.control.followerAt(3), subscribed: false })
    expect(await getUserInfo(wx, openid)).toEqual({ subscribed: false, openid })
  })

  it('throws WeChat 40003 for an openid that is not a user of the account', async () => {
    const error = await getUserInfo(wx, 'oNotAFollowerOfThisAccount00').catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40003)
  })

  it('refuses a malformed openid or an unknown lang before any request', async () => {
    const before = await calls(INFO)
    await expect(getUserInfo(wx, 'not an openid!')).rejects.toThrow(/openid must be an openid/)
    await expect(getUserInfo(wx, '')).rejects.toThrow(RangeError)
    // @ts-expect-error lang outside WeChat's three
    await expect(getUserInfo(wx, await emu.control.followerAt(0), { lang: 'fr' })).rejects.toThrow(
      /lang must be one of 'zh_CN', 'zh_TW', 'en', got "fr"/,
    )
    expect(await calls(INFO)).toBe(before)
  })
})

describe('batchGetUserInfo', () => {
  it('gets many users in one call, in the order asked', async () => {
    const openids = [await emu.control.followerAt(7), await emu.control.followerAt(2), await emu.control.followerAt(5)]
    const before = await calls(BATCH)
    const users = await batchGetUserInfo(wx, openids)
    expect(users.map((u) => u.openid)).toEqual(openids)
    expect(users.every((u) => u.subscribed)).toBe(true)
    expect(await calls(BATCH)).toBe(before + 1)
  })

  it('refuses 101 openids whole, before any request', async () => {
    const openids = [...(await openidsAt(0, 100)), await emu.control.followerAt(0)]
    const before = await calls(BATCH)
    await expect(batchGetUserInfo(wx, openids)).rejects.toThrow('openids must have at most 100 items, got 101')
    await expect(batchGetUserInfo(wx, [])).rejects.toThrow('openids must not be empty')
    expect(await calls(BATCH)).toBe(before)
  })
})

describe('getUserInfoChunked', () => {
  it('gets 250 users in three calls, results in input order', async () => {
    await emu.control.seedFollowers(300)
    const openids = (await openidsAt(50, 250)).reverse()
    const before = await calls(BATCH)
    const users = await getUserInfoChunked(wx, openids)
    expect(users.map((u) => u.openid)).toEqual(openids)
    expect(await calls(BATCH)).toBe(before + 3)
  })

  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0
    let most = 0
    // A pass-through fetch that only counts: the requests still go to the emulator.
    const counting: typeof fetch = async (input, init) => {
      inFlight++
      most = Math.max(most, inFlight)
      try {
        return await fetch(input, init)
      } finally {
        inFlight--
      }
    }
    const client = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, fetch: counting })
    await client.getAccessToken()
    await emu.control.fault({ path: '/cgi-bin/user/info/batchget', kind: 'latency', ms: 40, times: 6 })
    const openids = [...(await openidsAt(0, 300)), ...(await openidsAt(0, 300))]
    const users = await getUserInfoChunked(client, openids, { concurrency: 2 })
    expect(users).toHaveLength(600)
    expect(most).toBe(2)
  })

  it('sends no further chunk once one has failed', async () => {
    const openids = await openidsAt(0, 300)
    await emu.control.fault({ path: '/cgi-bin/user/info/batchget', kind: 'errcode', errcode: 45009 })
    const before = await calls(BATCH)
    const error = await getUserInfoChunked(wx, openids, { concurrency: 1 }).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(45009)
    expect(await calls(BATCH)).toBe(before) // the faulted call never reached the handler
    expect((await emu.control.globalCounters())[BATCH]).toBeGreaterThan(0)
  })

  it('returns [] for no openids without a request', async () => {
    const before = await calls(BATCH)
    expect(await getUserInfoChunked(wx, [])).toEqual([])
    expect(await calls(BATCH)).toBe(before)
  })

  it('refuses the whole list when one openid is malformed, before any request', async () => {
    const openids = [...(await openidsAt(0, 150)), 'bad id']
    const before = await calls(BATCH)
    await expect(getUserInfoChunked(wx, openids)).rejects.toThrow('openids[150] must be an openid')
    await expect(getUserInfoChunked(wx, openids.slice(0, 3), { concurrency: 0 })).rejects.toThrow('concurrency must be at least 1, got 0')
    expect(await calls(BATCH)).toBe(before)
  })
})
