// createMenu, getMenu, deleteMenu against the emulator over HTTP.
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_getmenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_deletemenu
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { createMenu, deleteMenu, getMenu, type Menu } from './index'

let emu: Emulator
let wx: WeChatClient

const SHOP: Menu = {
  buttons: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      subButtons: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appId: 'wx286b93c14bbf93aa', pagePath: 'pages/lunar/index' },
        { type: 'scancode_waitmsg', name: '扫码带提示', key: 'rselfmenu_0_0' },
        { type: 'media_id', name: '图片', mediaId: 'MEDIA_ID1' },
        { type: 'article_view_limited', name: '图文', articleId: 'ARTICLE_ID1' },
      ],
    },
    { type: 'article_id', name: '文章', articleId: 'ARTICLE_ID2' },
  ],
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
})
afterAll(() => emu.close())
beforeEach(() => deleteMenu(wx))

describe('createMenu and getMenu', () => {
  it('sets a menu that reads back button for button, every type in its own shape', async () => {
    await createMenu(wx, SHOP)
    const { menu, conditionalMenus } = await getMenu(wx)
    expect(menu.buttons).toEqual(SHOP.buttons)
    expect(menu.menuId).toBeUndefined()
    expect(conditionalMenus).toEqual([])
  })

  it('replaces the menu before it', async () => {
    await createMenu(wx, SHOP)
    await createMenu(wx, { buttons: [{ type: 'location_select', name: '位置', key: 'WHERE' }] })
    expect((await getMenu(wx)).menu.buttons).toEqual([{ type: 'location_select', name: '位置', key: 'WHERE' }])
  })

  it('fails with 46003 when the account has no menu', async () => {
    await expect(getMenu(wx)).rejects.toMatchObject({ name: 'WeChatApiError', errcode: 46003 })
  })

  it('sends 16 bytes of name at the top and 60 in a sub-menu, the limits counted in UTF-8 bytes', async () => {
    const menu: Menu = { buttons: [{ name: '一二三四五x', subButtons: [{ type: 'click', name: '一'.repeat(20), key: 'k'.repeat(128) }] }] }
    await createMenu(wx, menu)
    expect((await getMenu(wx)).menu.buttons).toEqual(menu.buttons)
  })
})

describe('deleteMenu', () => {
  it('deletes the menu', async () => {
    await createMenu(wx, SHOP)
    await deleteMenu(wx)
    await expect(getMenu(wx)).rejects.toMatchObject({ errcode: 46003 })
  })
})
