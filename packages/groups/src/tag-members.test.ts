import { beforeEach, describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { createTag, getUserGroup, getUserTags, iterateTagUsers, listTagUsers, tagUsers, untagUsers } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
let openids: string[]

beforeEach(async () => {
  await emu.control.reset()
  openids = await emu.control.followerRange(0, 60)
})

const at = (i: number) => openids[i] as string
const calls = async (path: string) => (await emu.control.counters())[`path:/cgi-bin/${path}`] ?? 0
const errcodeOf = (e: unknown) => (isWeChatApiError(e) ? e.errcode : e)
const tagIdsOf = async (openid: string) => (await emu.control.request<{ tagIds: number[] }>('GET', `/user/record?openid=${openid}`)).tagIds

describe('tagUsers', () => {
  it('tags 50 followers in one call', async () => {
    const { id } = await createTag(wx, 'Fifty')
    await tagUsers(wx, openids.slice(0, 50), id)
    expect(await tagIdsOf(at(0))).toEqual([id])
    expect(await tagIdsOf(at(49))).toEqual([id])
    expect(await tagIdsOf(at(50))).toEqual([])
  })

  it("makes a follower's first tag their legacy group", async () => {
    const { id } = await createTag(wx, 'First')
    await tagUsers(wx, [at(0)], id)
    expect(await getUserGroup(wx, at(0))).toBe(id)
  })

  it('throws WeChat 45059 and tags nobody when a follower would pass 20 tags', async () => {
    const ids: number[] = []
    for (let i = 0; i < 21; i++) ids.push((await createTag(wx, `tag${i}`)).id)
    for (const id of ids.slice(0, 20)) await tagUsers(wx, [at(0)], id)
    const error = await tagUsers(wx, [at(1), at(0)], ids[20] as number).catch((e: unknown) => e)
    expect(errcodeOf(error)).toBe(45059)
    expect(await tagIdsOf(at(1))).toEqual([])
  })

  it('throws WeChat 45159 for a tag that does not exist', async () => {
    expect(errcodeOf(await tagUsers(wx, [at(0)], 999).catch((e: unknown) => e))).toBe(45159)
  })

  it('refuses 51 openids, none, or a bad tag id before any request', async () => {
    await expect(tagUsers(wx, openids.slice(0, 51), 100)).rejects.toThrow('openids must have at most 50 items, got 51')
    await expect(tagUsers(wx, [], 100)).rejects.toThrow('openids must not be empty')
    await expect(tagUsers(wx, [at(0)], -1)).rejects.toThrow('tagId must be at least 0, got -1')
    expect(await calls('tags/members/batchtagging')).toBe(0)
  })
})

describe('untagUsers', () => {
  it('takes the tag off followers and leaves their other tags', async () => {
    const a = await createTag(wx, 'A')
    const b = await createTag(wx, 'B')
    await tagUsers(wx, [at(0), at(1)], a.id)
    await tagUsers(wx, [at(0)], b.id)
    await untagUsers(wx, [at(0), at(1)], a.id)
    expect(await tagIdsOf(at(0))).toEqual([b.id])
    expect(await tagIdsOf(at(1))).toEqual([])
  })

  it('refuses 51 openids before any request', async () => {
    await expect(untagUsers(wx, openids.slice(0, 51), 100)).rejects.toThrow('openids must have at most 50 items, got 51')
    expect(await calls('tags/members/batchuntagging')).toBe(0)
  })
})

describe('getUserTags', () => {
  it("returns a follower's tag ids in the order they were added", async () => {
    const a = await createTag(wx, 'A')
    const b = await createTag(wx, 'B')
    await tagUsers(wx, [at(2)], b.id)
    await tagUsers(wx, [at(2)], a.id)
    expect(await getUserTags(wx, at(2))).toEqual([b.id, a.id])
  })

  it('throws WeChat 40003 for an openid that is not a follower', async () => {
    expect(errcodeOf(await getUserTags(wx, 'oNotAFollowerOfThisAccount00').catch((e: unknown) => e))).toBe(40003)
  })

  it('refuses a malformed openid before any request', async () => {
    await expect(getUserTags(wx, '')).rejects.toThrow('openid must not be empty')
    expect(await calls('tags/getidlist')).toBe(0)
  })
})

describe('listTagUsers', () => {
  it("lists a tag's followers in the order they were tagged", async () => {
    const { id } = await createTag(wx, 'Listed')
    await tagUsers(wx, [at(5), at(3)], id)
    expect(await listTagUsers(wx, id)).toEqual({ count: 2, openids: [at(5), at(3)], nextOpenid: at(3) })
  })

  it('answers an empty page for a tag without followers', async () => {
    const { id } = await createTag(wx, 'Empty')
    expect(await listTagUsers(wx, id)).toEqual({ count: 0, openids: [], nextOpenid: '' })
  })

  it('throws WeChat 45159 for a tag that does not exist', async () => {
    expect(errcodeOf(await listTagUsers(wx, 999).catch((e: unknown) => e))).toBe(45159)
  })

  it('refuses a bad tag id or cursor before any request', async () => {
    await expect(listTagUsers(wx, 1.5)).rejects.toThrow('tagId must be an integer, got number 1.5')
    await expect(listTagUsers(wx, 100, { nextOpenid: 'not valid' })).rejects.toThrow(/nextOpenid must be an openid/)
    expect(await calls('user/tag/get')).toBe(0)
  })
})

describe('iterateTagUsers', () => {
  it('yields every follower of a tag longer than one page, each once', async () => {
    await emu.control.seedFollowers(15_000)
    const { id } = await createTag(wx, 'Big')
    await emu.control.tagFollowers(id, 1_000, 12_500)
    let n = 0
    let first = ''
    let last = ''
    const unique = new Set<string>()
    for await (const openid of iterateTagUsers(wx, id)) {
      if (n++ === 0) first = openid
      last = openid
      unique.add(openid)
    }
    expect(n).toBe(12_500)
    expect(unique.size).toBe(12_500)
    expect([first, last]).toEqual([await emu.control.followerAt(1_000), await emu.control.followerAt(13_499)])
    expect(await calls('user/tag/get')).toBe(3) // 10,000 + 2,500, then the empty page
  })

  it('refuses a bad tag id when called', async () => {
    expect(() => iterateTagUsers(wx, -5)).toThrow('tagId must be at least 0, got -5')
  })
})
