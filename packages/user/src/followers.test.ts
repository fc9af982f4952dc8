import { describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { iterateFollowers, listFollowers } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({ reset: true })
const USER_GET = 'path:/cgi-bin/user/get'

const calls = async () => (await emu.control.counters())[USER_GET] ?? 0

describe('listFollowers', () => {
  it('lists the first page of followers in follow order', async () => {
    const page = await listFollowers(wx)
    expect(page.total).toBe(100)
    expect(page.count).toBe(100)
    expect(page.openids[0]).toBe(await emu.control.followerAt(0))
    expect(page.openids[99]).toBe(await emu.control.followerAt(99))
    expect(page.nextOpenid).toBe(page.openids[99])
  })

  it('gives 10,000 a page and continues after nextOpenid', async () => {
    await emu.control.seedFollowers(25_000)
    const first = await listFollowers(wx)
    expect(first.count).toBe(10_000)
    const second = await listFollowers(wx, { nextOpenid: first.nextOpenid })
    expect(second.total).toBe(25_000)
    expect(second.openids[0]).toBe(await emu.control.followerAt(10_000))
  })

  it('returns an empty page with no cursor after the last one', async () => {
    const last = await listFollowers(wx)
    const after = await listFollowers(wx, { nextOpenid: last.nextOpenid })
    expect(after).toEqual({ total: 100, count: 0, openids: [], nextOpenid: '' })
  })

  it('leaves out users who unfollowed', async () => {
    const gone = await emu.control.addFollower({ openid: await emu.control.followerAt(1), subscribed: false })
    const page = await listFollowers(wx)
    expect(page.total).toBe(99)
    expect(page.openids).not.toContain(gone)
    expect(page.openids).toHaveLength(99)
  })

  it('throws WeChat 40003 for a cursor that is not a follower', async () => {
    const error = await listFollowers(wx, { nextOpenid: 'oNotAFollowerOfThisAccount00' }).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40003)
  })

  it('refuses a malformed cursor before any request', async () => {
    const before = await calls()
    await expect(listFollowers(wx, { nextOpenid: 'has spaces' })).rejects.toThrow(/nextOpenid must be an openid/)
    expect(await calls()).toBe(before)
  })
})

describe('iterateFollowers', () => {
  it('yields every follower once, in order, across pages, and stops on the empty page', async () => {
    await emu.control.seedFollowers(25_000)
    const seen: string[] = []
    for await (const openid of iterateFollowers(wx)) seen.push(openid)
    expect(seen).toHaveLength(25_000)
    expect(new Set(seen).size).toBe(25_000)
    expect([seen[0], seen[10_000], seen[24_999]]).toEqual([
      await emu.control.followerAt(0),
      await emu.control.followerAt(10_000),
      await emu.control.followerAt(24_999),
    ])
    // Pages of 10,000, 10,000 and 5,000, then the empty page after the last cursor.
    expect(await calls()).toBe(4)
  })

  it('starts after a given cursor', async () => {
    const start = await emu.control.followerAt(89)
    const rest: string[] = []
    for await (const openid of iterateFollowers(wx, { nextOpenid: start })) rest.push(openid)
    expect(rest).toEqual([await emu.control.followerAt(90), ...(await emu.control.followerRange(91, 9))])
  })

  it('includes followers added after the synthetic ones', async () => {
    const added = await emu.control.addFollower()
    const all: string[] = []
    for await (const openid of iterateFollowers(wx)) all.push(openid)
    expect(all).toHaveLength(101)
    expect(all.at(-1)).toBe(added)
  })

  it('refuses a malformed cursor when called, before any request', async () => {
    expect(() => iterateFollowers(wx, { nextOpenid: 'bad cursor' })).toThrow(/nextOpenid must be an openid/)
    expect(await calls()).toBe(0)
  })
})
