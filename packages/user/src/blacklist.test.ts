import { beforeEach, describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { blacklistUsers, iterateBlacklist, listBlacklist, unblacklistUsers } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
let openids: string[]

beforeEach(async () => {
  await emu.control.reset()
  openids = await emu.control.followerRange(0, 30)
})

const calls = async (path: string) => (await emu.control.counters())[`path:/cgi-bin/tags/members/${path}`] ?? 0
const blacklisted = async (openid: string) => (await emu.control.userRecord(openid)).blacklisted
const at = (i: number) => openids[i] as string

describe('blacklistUsers', () => {
  it('blacklists users, who then appear in the blacklist', async () => {
    await blacklistUsers(wx, [at(9), at(3)])
    expect(await blacklisted(at(3))).toBe(true)
    const page = await listBlacklist(wx)
    expect(page).toEqual({ total: 2, count: 2, openids: [at(3), at(9)], nextOpenid: at(9) })
  })

  it('takes 20 openids in one call', async () => {
    await blacklistUsers(wx, openids.slice(0, 20))
    expect((await listBlacklist(wx)).total).toBe(20)
  })

  it('refuses 21 openids or none, before any request', async () => {
    await expect(blacklistUsers(wx, openids.slice(0, 21))).rejects.toThrow('openids must have at most 20 items, got 21')
    await expect(blacklistUsers(wx, [])).rejects.toThrow('openids must not be empty')
    await expect(blacklistUsers(wx, [at(0), 'not valid'])).rejects.toThrow('openids[1] must be an openid')
    expect(await calls('batchblacklist')).toBe(0)
  })

  it('throws WeChat 40003 and changes nothing when one openid is not a user', async () => {
    const error = await blacklistUsers(wx, [at(1), 'oNotAFollowerOfThisAccount00']).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40003)
    expect(await blacklisted(at(1))).toBe(false)
  })
})

describe('unblacklistUsers', () => {
  it('takes users off the blacklist', async () => {
    await blacklistUsers(wx, [at(1), at(2)])
    await unblacklistUsers(wx, [at(1)])
    expect(await blacklisted(at(1))).toBe(false)
    expect((await listBlacklist(wx)).openids).toEqual([at(2)])
  })

  it('refuses 21 openids before any request', async () => {
    await expect(unblacklistUsers(wx, openids.slice(0, 21))).rejects.toThrow('openids must have at most 20 items, got 21')
    expect(await calls('batchunblacklist')).toBe(0)
  })
})

describe('listBlacklist', () => {
  it('answers an empty blacklist without data', async () => {
    expect(await listBlacklist(wx)).toEqual({ total: 0, count: 0, openids: [], nextOpenid: '' })
  })

  it('continues after beginOpenid', async () => {
    await blacklistUsers(wx, [at(1), at(2), at(3)])
    expect((await listBlacklist(wx, { beginOpenid: at(1) })).openids).toEqual([at(2), at(3)])
  })

  it('refuses a malformed beginOpenid before any request', async () => {
    await expect(listBlacklist(wx, { beginOpenid: 'a b' })).rejects.toThrow(/beginOpenid must be an openid/)
    expect(await calls('getblacklist')).toBe(0)
  })
})

describe('iterateBlacklist', () => {
  it('yields a blacklist longer than one page, each openid once', async () => {
    await emu.control.seedFollowers(20_000)
    await emu.control.blacklistFollowers(5_000, 12_000)
    let n = 0
    let first = ''
    let last = ''
    const unique = new Set<string>()
    for await (const openid of iterateBlacklist(wx)) {
      if (n === 0) first = openid
      last = openid
      unique.add(openid)
      n++
    }
    expect(n).toBe(12_000)
    expect(unique.size).toBe(12_000)
    expect([first, last]).toEqual([await emu.control.followerAt(5_000), await emu.control.followerAt(16_999)])
    expect(await calls('getblacklist')).toBe(3) // 10,000 + 2,000, then the empty page
  })

  it('refuses a malformed beginOpenid when called', async () => {
    expect(() => iterateBlacklist(wx, { beginOpenid: '!' })).toThrow(/beginOpenid must be an openid/)
  })
})
