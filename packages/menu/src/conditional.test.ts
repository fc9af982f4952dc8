// Conditional menus against the emulator: add on a tag, trymatch, delete.
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_deleteconditionalmenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_trymatchmenu
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { addConditionalMenu, createMenu, deleteConditionalMenu, deleteMenu, getMenu, tryMatchMenu } from './index'

let emu: Emulator
let wx: WeChatClient
const DEFAULT = { buttons: [{ type: 'click', name: 'Today', key: 'TODAY' }] } as const
const VIP = [{ type: 'click', name: 'VIP desk', key: 'VIP_DESK' }] as const

async function tag(name: string, ...openids: string[]): Promise<number> {
  const { tag } = await wx.request<{ tag: { id: number } }>('/cgi-bin/tags/create', { json: { tag: { name } } })
  if (openids.length) await wx.request('/cgi-bin/tags/members/batchtagging', { json: { openid_list: openids, tagid: tag.id } })
  return tag.id
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
})
afterAll(() => emu.close())
beforeEach(() => deleteMenu(wx))

describe('addConditionalMenu', () => {
  it('returns the menuid, and getMenu lists the menu with its tag rule and id', async () => {
    await createMenu(wx, DEFAULT)
    const tagId = await tag('vip-a')
    const menuId = await addConditionalMenu(wx, { buttons: VIP, matchRule: { tagId } })
    expect(menuId).toMatch(/^\d+$/)
    const { menu, conditionalMenus } = await getMenu(wx)
    expect(menu.menuId).toMatch(/^\d+$/)
    expect(conditionalMenus).toEqual([{ buttons: VIP, matchRule: { tagId: String(tagId) }, menuId }])
  })

  it('fails with 65303 before a default menu exists', async () => {
    await expect(addConditionalMenu(wx, { buttons: VIP, matchRule: { tagId: 100 } })).rejects.toMatchObject({ errcode: 65303 })
  })
})

describe('tryMatchMenu', () => {
  it('answers the conditional menu for a follower with the tag, the default menu for another', async () => {
    await createMenu(wx, DEFAULT)
    const [vip, plain] = [await emu.control.followerAt(0), await emu.control.followerAt(1)]
    await addConditionalMenu(wx, { buttons: VIP, matchRule: { tagId: await tag('vip-b', vip) } })
    expect((await tryMatchMenu(wx, vip)).buttons).toEqual(VIP)
    expect((await tryMatchMenu(wx, plain)).buttons).toEqual(DEFAULT.buttons)
  })

  it('fails with 65302 for someone who is not a follower', async () => {
    await createMenu(wx, DEFAULT)
    await expect(tryMatchMenu(wx, 'o-nobody-here')).rejects.toMatchObject({ errcode: 65302 })
  })
})

describe('deleteConditionalMenu', () => {
  it('deletes one conditional menu by id, and answers 65301 for an id that is gone', async () => {
    await createMenu(wx, DEFAULT)
    const vip = await emu.control.followerAt(2)
    const menuId = await addConditionalMenu(wx, { buttons: VIP, matchRule: { tagId: await tag('vip-c', vip) } })
    await deleteConditionalMenu(wx, menuId)
    expect((await getMenu(wx)).conditionalMenus).toEqual([])
    expect((await tryMatchMenu(wx, vip)).buttons).toEqual(DEFAULT.buttons)
    await expect(deleteConditionalMenu(wx, BigInt(menuId))).rejects.toMatchObject({ errcode: 65301 })
  })
})
