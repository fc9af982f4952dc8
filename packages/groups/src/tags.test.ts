import { describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { createTag, deleteTag, listGroups, listTags, renameTag, tagUsers } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({ reset: true })

const calls = async (path: string) => (await emu.control.counters())[`path:/cgi-bin/tags/${path}`] ?? 0
const errcodeOf = (e: unknown) => (isWeChatApiError(e) ? e.errcode : e)

describe('createTag', () => {
  it('creates a tag that listTags then shows, with no followers', async () => {
    const created = await createTag(wx, '广东')
    expect(created.name).toBe('广东')
    expect(await listTags(wx)).toContainEqual({ id: created.id, name: '广东', count: 0 })
  })

  it('creates a tag that is also a legacy group, as WeChat keeps them', async () => {
    const { id } = await createTag(wx, 'Both')
    expect((await listGroups(wx)).map((g) => g.id)).toContain(id)
  })

  it('accepts 10 Chinese characters, which are 30 bytes', async () => {
    expect((await createTag(wx, '一二三四五六七八九十')).name).toBe('一二三四五六七八九十')
  })

  it('throws WeChat 45157 for a name already taken', async () => {
    await createTag(wx, 'Twice')
    expect(errcodeOf(await createTag(wx, 'Twice').catch((e: unknown) => e))).toBe(45157)
  })

  it('throws WeChat 45056 past 100 tags', async () => {
    for (let i = 0; i < 100; i++) await createTag(wx, `t${i}`)
    expect(errcodeOf(await createTag(wx, 'one too many').catch((e: unknown) => e))).toBe(45056)
  })

  it('refuses a name over 30 bytes, or empty, before any request', async () => {
    await expect(createTag(wx, '一二三四五六七八九十一')).rejects.toThrow('name must be at most 30 bytes of UTF-8, got 33')
    await expect(createTag(wx, 'x'.repeat(31))).rejects.toThrow('name must be at most 30 bytes of UTF-8, got 31')
    await expect(createTag(wx, '')).rejects.toThrow('name must not be empty')
    // @ts-expect-error a name is a string
    await expect(createTag(wx, 7)).rejects.toThrow(TypeError)
    expect(await calls('create')).toBe(0)
  })
})

describe('listTags', () => {
  it('lists 星标组 (2) but not 未分组 or 黑名单', async () => {
    expect(await listTags(wx)).toEqual([{ id: 2, name: '星标组', count: 0 }])
  })

  it('counts the followers of each tag', async () => {
    const { id } = await createTag(wx, 'Counted')
    await tagUsers(wx, [await emu.control.followerAt(0), await emu.control.followerAt(1)], id)
    expect((await listTags(wx)).find((t) => t.id === id)?.count).toBe(2)
  })
})

describe('renameTag', () => {
  it('renames a tag', async () => {
    const { id } = await createTag(wx, 'Before')
    await renameTag(wx, id, 'After')
    expect((await listTags(wx)).find((t) => t.id === id)?.name).toBe('After')
  })

  it('throws WeChat 45159 for a tag that does not exist', async () => {
    expect(errcodeOf(await renameTag(wx, 999, 'Nobody').catch((e: unknown) => e))).toBe(45159)
  })

  it('throws WeChat 45157 for a name another tag has', async () => {
    await createTag(wx, 'Taken')
    const { id } = await createTag(wx, 'Mine')
    expect(errcodeOf(await renameTag(wx, id, 'Taken').catch((e: unknown) => e))).toBe(45157)
  })

  it('refuses the system ids 0, 1 and 2 and a long name, before any request', async () => {
    for (const id of [0, 1, 2]) await expect(renameTag(wx, id, 'x')).rejects.toThrow(`id ${id} is WeChat's system tag`)
    await expect(renameTag(wx, 100, '一二三四五六七八九十一')).rejects.toThrow('at most 30 bytes')
    expect(await calls('update')).toBe(0)
  })
})

describe('deleteTag', () => {
  it('deletes a tag and takes it off its followers', async () => {
    const { id } = await createTag(wx, 'Gone')
    const openid = await emu.control.followerAt(0)
    await tagUsers(wx, [openid], id)
    await deleteTag(wx, id)
    expect((await listTags(wx)).map((t) => t.id)).not.toContain(id)
    expect((await emu.control.request<{ tagIds: number[] }>('GET', `/user/record?openid=${openid}`)).tagIds).toEqual([])
  })

  it('throws WeChat 45057 for a tag with more than 100,000 followers', async () => {
    const { id } = await createTag(wx, 'Popular')
    await emu.control.setTagExtraCount(id, 100_001)
    expect(errcodeOf(await deleteTag(wx, id).catch((e: unknown) => e))).toBe(45057)
  })

  it('throws WeChat 45159 for a tag that does not exist', async () => {
    expect(errcodeOf(await deleteTag(wx, 999).catch((e: unknown) => e))).toBe(45159)
  })

  it('refuses the system ids before any request', async () => {
    await expect(deleteTag(wx, 2)).rejects.toThrow("id 2 is WeChat's system tag 星标组, which cannot be changed")
    expect(await calls('delete')).toBe(0)
  })
})
