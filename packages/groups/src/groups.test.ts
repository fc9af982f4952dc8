import { beforeEach, describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { createGroup, deleteGroup, getUserGroup, listGroups, listTags, moveUsersToGroup, moveUserToGroup, renameGroup } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
let openids: string[]

beforeEach(async () => {
  await emu.control.reset()
  openids = await emu.control.followerRange(0, 60)
})

const at = (i: number) => openids[i] as string
const calls = async (path: string) => (await emu.control.counters())[`path:/cgi-bin/groups/${path}`] ?? 0
const errcodeOf = (e: unknown) => (isWeChatApiError(e) ? e.errcode : e)
const groupOf = async (openid: string) => (await emu.control.request<{ groupId: number }>('GET', `/user/record?openid=${openid}`)).groupId

describe('createGroup', () => {
  it('creates a group that listGroups then shows, empty', async () => {
    const created = await createGroup(wx, 'Beijing')
    expect(created.name).toBe('Beijing')
    expect(await listGroups(wx)).toContainEqual({ id: created.id, name: 'Beijing', count: 0 })
  })

  it('creates a group that is also a tag, as WeChat keeps them', async () => {
    const { id } = await createGroup(wx, 'Shared')
    expect(await listTags(wx)).toContainEqual({ id, name: 'Shared', count: 0 })
  })

  it('accepts 30 Chinese characters: the group limit counts characters', async () => {
    const name = '京'.repeat(30)
    expect((await createGroup(wx, name)).name).toBe(name)
  })

  it('refuses an empty or 31-character name before any request', async () => {
    await expect(createGroup(wx, 'x'.repeat(31))).rejects.toThrow('name must be at most 30 characters, got 31')
    await expect(createGroup(wx, '')).rejects.toThrow('name must not be empty')
    await expect(createGroup(wx, '   ')).rejects.toThrow('name must not be blank')
    expect(await calls('create')).toBe(0)
  })

  it('throws WeChat 45018 past 100 groups', async () => {
    for (let i = 0; i < 100; i++) await createGroup(wx, `g${i}`)
    expect(errcodeOf(await createGroup(wx, 'one too many').catch((e: unknown) => e))).toBe(45018)
  })
})

describe('listGroups', () => {
  it("lists WeChat's system groups with every follower in 未分组", async () => {
    const groups = await listGroups(wx)
    expect(groups.slice(0, 3)).toEqual([
      { id: 0, name: '未分组', count: 100 },
      { id: 1, name: '黑名单', count: 0 },
      { id: 2, name: '星标组', count: 0 },
    ])
  })

  it('counts a moved follower in their new group and no longer in 未分组', async () => {
    const { id } = await createGroup(wx, 'Moved')
    await moveUserToGroup(wx, at(0), id)
    const groups = await listGroups(wx)
    expect(groups.find((g) => g.id === id)?.count).toBe(1)
    expect(groups.find((g) => g.id === 0)?.count).toBe(99)
  })
})

describe('getUserGroup', () => {
  it('answers 0 for a follower in no group, and the group after a move', async () => {
    expect(await getUserGroup(wx, at(1))).toBe(0)
    const { id } = await createGroup(wx, 'Target')
    await moveUserToGroup(wx, at(1), id)
    expect(await getUserGroup(wx, at(1))).toBe(id)
  })

  it('answers 1 (黑名单) for a blacklisted follower', async () => {
    await emu.control.blacklistFollowers(2, 1)
    expect(await getUserGroup(wx, at(2))).toBe(1)
  })

  it('throws WeChat 40003 for an openid that is not a follower', async () => {
    expect(errcodeOf(await getUserGroup(wx, 'oNotAFollowerOfThisAccount00').catch((e: unknown) => e))).toBe(40003)
  })

  it('refuses a malformed openid before any request', async () => {
    await expect(getUserGroup(wx, 'no spaces allowed')).rejects.toThrow(/openid must be an openid/)
    expect(await calls('getid')).toBe(0)
  })
})

describe('renameGroup', () => {
  it('renames a group', async () => {
    const { id } = await createGroup(wx, 'Old')
    await renameGroup(wx, id, 'New')
    expect((await listGroups(wx)).find((g) => g.id === id)?.name).toBe('New')
  })

  it('throws WeChat 40050 for a group that does not exist', async () => {
    expect(errcodeOf(await renameGroup(wx, 999, 'Nobody').catch((e: unknown) => e))).toBe(40050)
  })

  it('refuses the system groups 0, 1 and 2 and a bad name, before any request', async () => {
    for (const id of [0, 1, 2]) await expect(renameGroup(wx, id, 'Mine')).rejects.toThrow(`id ${id} is WeChat's system group`)
    await expect(renameGroup(wx, 100, 'x'.repeat(31))).rejects.toThrow('name must be at most 30 characters, got 31')
    await expect(renameGroup(wx, -1, 'x')).rejects.toThrow('id must be at least 0, got -1')
    await expect(renameGroup(wx, 1.5, 'x')).rejects.toThrow(TypeError)
    expect(await calls('update')).toBe(0)
  })
})

describe('moveUserToGroup', () => {
  it('moves a follower out of their group into another: one group at a time', async () => {
    const a = await createGroup(wx, 'A')
    const b = await createGroup(wx, 'B')
    await moveUserToGroup(wx, at(3), a.id)
    await moveUserToGroup(wx, at(3), b.id)
    expect(await groupOf(at(3))).toBe(b.id)
    expect((await listGroups(wx)).find((g) => g.id === a.id)?.count).toBe(0)
  })

  it('takes a follower out of every group when moved to 0', async () => {
    const { id } = await createGroup(wx, 'Temp')
    await moveUserToGroup(wx, at(4), id)
    await moveUserToGroup(wx, at(4), 0)
    expect(await groupOf(at(4))).toBe(0)
  })

  it('throws WeChat 40050 for a group that does not exist', async () => {
    expect(errcodeOf(await moveUserToGroup(wx, at(5), 999).catch((e: unknown) => e))).toBe(40050)
  })

  it('refuses a malformed openid or group id before any request', async () => {
    await expect(moveUserToGroup(wx, 'bad id', 100)).rejects.toThrow(/openid must be an openid/)
    await expect(moveUserToGroup(wx, at(5), -3)).rejects.toThrow('groupId must be at least 0, got -3')
    expect(await calls('members/update')).toBe(0)
  })
})

describe('moveUsersToGroup', () => {
  it('moves 50 followers in one call', async () => {
    const { id } = await createGroup(wx, 'Fifty')
    await moveUsersToGroup(wx, openids.slice(0, 50), id)
    expect((await listGroups(wx)).find((g) => g.id === id)?.count).toBe(50)
    expect(await groupOf(at(49))).toBe(id)
  })

  it('throws WeChat 40003 and moves nobody when one openid is not a follower', async () => {
    const { id } = await createGroup(wx, 'Partial')
    const error = await moveUsersToGroup(wx, [at(0), 'oNotAFollowerOfThisAccount00'], id).catch((e: unknown) => e)
    expect(errcodeOf(error)).toBe(40003)
    expect(await groupOf(at(0))).toBe(0)
  })

  it('refuses 51 openids or none, before any request', async () => {
    await expect(moveUsersToGroup(wx, openids.slice(0, 51), 100)).rejects.toThrow('openids must have at most 50 items, got 51')
    await expect(moveUsersToGroup(wx, [], 100)).rejects.toThrow('openids must not be empty')
    expect(await calls('members/batchupdate')).toBe(0)
  })
})

describe('deleteGroup', () => {
  it('deletes a group and sends its followers back to 未分组', async () => {
    const { id } = await createGroup(wx, 'Doomed')
    await moveUserToGroup(wx, at(6), id)
    await deleteGroup(wx, id)
    expect((await listGroups(wx)).map((g) => g.id)).not.toContain(id)
    expect(await getUserGroup(wx, at(6))).toBe(0)
  })

  it('throws WeChat 40050 for a group that does not exist', async () => {
    expect(errcodeOf(await deleteGroup(wx, 999).catch((e: unknown) => e))).toBe(40050)
  })

  it('refuses the system groups before any request', async () => {
    await expect(deleteGroup(wx, 1)).rejects.toThrow("id 1 is WeChat's system group 黑名单, which cannot be changed")
    expect(await calls('delete')).toBe(0)
  })
})
