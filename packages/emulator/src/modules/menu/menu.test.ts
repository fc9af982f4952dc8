// The emulator's menu endpoints at the wire level (raw bodies the SDK would refuse), and taps
// pushed to a receiver that reads the XML as the menu event page shows it:
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu
// https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../index'

let emu: Emulator
let token: string
let server: Server
let bodies: string[] = []

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}${path}?access_token=${token}`, method === 'GET' ? {} : { method, body: JSON.stringify(body) })
  return (await res.json()) as Record<string, unknown>
}
const create = (button: unknown) => call('POST', '/cgi-bin/menu/create', { button })

const MENU = [
  { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
  {
    name: '菜单',
    sub_button: [
      { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
      { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
      { type: 'scancode_push', name: '扫码', key: 'rselfmenu_0_1' },
      { type: 'pic_weixin', name: '发图', key: 'rselfmenu_1_2' },
      { type: 'location_select', name: '发送位置', key: 'rselfmenu_2_0' },
    ],
  },
  { type: 'media_id', name: '图片', media_id: 'MEDIA_ID1' },
]

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'))
      res.end('success')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  emu = await startEmulator({
    push: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wx`, token: 'AAAAA', timeoutMs: 500 },
  })
})
afterAll(async () => {
  await emu.close()
  server.closeAllConnections()
  server.close()
})
beforeEach(async () => {
  await emu.control.reset()
  bodies = []
  const res = await fetch(`${emu.url}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: emu.appId, secret: emu.appSecret }),
  })
  token = ((await res.json()) as { access_token: string }).access_token
})

describe('POST /cgi-bin/menu/create and GET /cgi-bin/menu/get', () => {
  it('answers 46003 before any menu, then the menu with an empty sub_button on every action button', async () => {
    expect((await call('GET', '/cgi-bin/menu/get')).errcode).toBe(46003)
    expect(await create(MENU)).toMatchObject({ errcode: 0 })
    const { menu } = (await call('GET', '/cgi-bin/menu/get')) as { menu: { button: Record<string, unknown>[]; menuid?: number } }
    expect(menu.button[0]).toEqual({ ...MENU[0], sub_button: [] })
    expect(menu.button[1]).toMatchObject({
      name: '菜单',
      sub_button: [{ type: 'view', url: 'http://www.soso.com/', sub_button: [] }, {}, {}, {}, {}],
    })
    expect(menu).not.toHaveProperty('menuid')
  })

  const click = (over: Record<string, unknown>) => ({ type: 'click', name: 'a', key: 'k', ...over })
  const sub = (b: unknown) => [{ name: 'm', sub_button: [b] }]
  it.each([
    ['no buttons', [], 40016],
    ['4 buttons', [click({}), click({}), click({}), click({})], 40016],
    ['an unknown type', [click({ type: 'clack' })], 40017],
    ['a 17-byte name', [click({ name: 'x'.repeat(17) })], 40018],
    ['a 6-character Chinese name (18 bytes)', [click({ name: '今日歌曲今日' })], 40018],
    ['a 129-byte key', [click({ key: 'k'.repeat(129) })], 40019],
    ['a view without url', [{ type: 'view', name: 'v' }], 40020],
    ['a 1025-byte url', [{ type: 'view', name: 'v', url: `https://a.com/${'x'.repeat(1011)}` }], 40020],
    ['nested sub-buttons', sub({ name: 'n', sub_button: [click({})] }), 40022],
    ['6 sub-buttons', [{ name: 'm', sub_button: Array.from({ length: 6 }, () => click({})) }], 40023],
    ['an unknown sub type', sub(click({ type: 'view_limited_x' })), 40024],
    ['a 61-byte sub name', sub(click({ name: 'x'.repeat(61) })), 40025],
    ['a sub key of 129 bytes', sub(click({ key: 'k'.repeat(129) })), 40026],
    ['a sub url that is not http', sub({ type: 'view', name: 'v', url: 'ftp://a.com/' }), 40027],
  ])('answers %s with its errcode', async (_what, button, errcode) => {
    expect((await create(button)).errcode).toBe(errcode)
  })

  it('takes a 60-byte sub name and a 16-byte top name', async () => {
    expect((await create([{ name: '今日歌曲X', sub_button: [click({ name: '一二三四五六七八九十一二三四五六七八九十' })] }])).errcode).toBe(
      0,
    )
  })
})

describe('conditional menus', () => {
  const tagged = async (tagName: string) => {
    const openid = await emu.control.followerAt(1)
    const { tag } = (await call('POST', '/cgi-bin/tags/create', { tag: { name: tagName } })) as { tag: { id: number } }
    await call('POST', '/cgi-bin/tags/members/batchtagging', { openid_list: [openid], tagid: tag.id })
    return { openid, tagId: tag.id }
  }

  it('needs a default menu first (65303), a rule (65304), and refuses personal-data rules (65320)', async () => {
    const vip = [{ type: 'click', name: 'vip', key: 'VIP' }]
    expect((await call('POST', '/cgi-bin/menu/addconditional', { button: vip, matchrule: { tag_id: '2' } })).errcode).toBe(65303)
    await create(MENU)
    expect((await call('POST', '/cgi-bin/menu/addconditional', { button: vip, matchrule: {} })).errcode).toBe(65304)
    expect((await call('POST', '/cgi-bin/menu/addconditional', { button: vip, matchrule: { tag_id: '2', sex: '1' } })).errcode).toBe(65320)
    expect((await call('POST', '/cgi-bin/menu/addconditional', { button: vip, matchrule: { language: 'zh_CN' } })).errcode).toBe(65320)
  })

  it('answers a string menuid, lists the menu in menu/get, matches it by tag in trymatch, and deletes it', async () => {
    await create(MENU)
    const { openid, tagId } = await tagged('vip')
    const added = await call('POST', '/cgi-bin/menu/addconditional', {
      button: [{ type: 'click', name: 'vip', key: 'VIP' }],
      matchrule: { tag_id: String(tagId) },
    })
    expect(added.menuid).toMatch(/^\d+$/)
    const got = (await call('GET', '/cgi-bin/menu/get')) as {
      menu: { menuid: number }
      conditionalmenu: { menuid: number; matchrule: unknown }[]
    }
    expect(got.conditionalmenu).toEqual([
      {
        button: [{ type: 'click', name: 'vip', key: 'VIP', sub_button: [] }],
        matchrule: { tag_id: String(tagId) },
        menuid: Number(added.menuid),
      },
    ])
    expect(got.menu.menuid).toBeTypeOf('number')
    expect(await call('POST', '/cgi-bin/menu/trymatch', { user_id: openid })).toEqual({
      button: [{ type: 'click', name: 'vip', key: 'VIP', sub_button: [] }],
    })
    const other = await emu.control.followerAt(2)
    expect(((await call('POST', '/cgi-bin/menu/trymatch', { user_id: other })) as { button: unknown[] }).button).toHaveLength(3)
    expect((await call('POST', '/cgi-bin/menu/trymatch', { user_id: 'not-a-follower' })).errcode).toBe(65302)
    expect((await call('POST', '/cgi-bin/menu/delconditional', { menuid: added.menuid })).errcode).toBe(0)
    expect((await call('POST', '/cgi-bin/menu/delconditional', { menuid: added.menuid })).errcode).toBe(65301)
  })

  it("matches the tag put on last, even against a newer menu for the user's older tag", async () => {
    await create(MENU)
    const openid = await emu.control.followerAt(5)
    const tagId = async (name: string) =>
      ((await call('POST', '/cgi-bin/tags/create', { tag: { name } })) as { tag: { id: number } }).tag.id
    const [first, last] = [await tagId('first'), await tagId('last')]
    for (const t of [first, last]) await call('POST', '/cgi-bin/tags/members/batchtagging', { openid_list: [openid], tagid: t })
    const menuFor = (key: string, t: number) =>
      call('POST', '/cgi-bin/menu/addconditional', { button: [{ type: 'click', name: key, key }], matchrule: { tag_id: String(t) } })
    await menuFor('LAST', last)
    await menuFor('FIRST', first)
    expect(await call('POST', '/cgi-bin/menu/trymatch', { user_id: openid })).toEqual({
      button: [{ type: 'click', name: 'LAST', key: 'LAST', sub_button: [] }],
    })
  })

  it('lets all conditional menus together link to at most 3 domains (65316)', async () => {
    await create(MENU)
    const view = (host: string) => ({ type: 'view', name: host, url: `https://${host}/` })
    expect(
      (await call('POST', '/cgi-bin/menu/addconditional', { button: [view('a.com'), view('b.com')], matchrule: { tag_id: '100' } })).menuid,
    ).toMatch(/^\d+$/)
    expect(
      (await call('POST', '/cgi-bin/menu/addconditional', { button: [view('c.com'), view('d.com')], matchrule: { tag_id: '101' } }))
        .errcode,
    ).toBe(65316)
  })

  it('deletes the default and every conditional menu with menu/delete', async () => {
    await create(MENU)
    await call('POST', '/cgi-bin/menu/addconditional', { button: MENU.slice(0, 1), matchrule: { tag_id: '100' } })
    expect((await call('GET', '/cgi-bin/menu/delete')).errcode).toBe(0)
    expect((await call('GET', '/cgi-bin/menu/get')).errcode).toBe(46003)
  })
})

describe('GET /cgi-bin/get_current_selfmenu_info', () => {
  it('says the menu is off without one, shows an API menu with sub_button.list, and a console menu as published', async () => {
    expect(await call('GET', '/cgi-bin/get_current_selfmenu_info')).toEqual({ is_menu_open: 0, selfmenu_info: { button: [] } })
    await create(MENU)
    const info = (await call('GET', '/cgi-bin/get_current_selfmenu_info')) as {
      is_menu_open: number
      selfmenu_info: { button: Record<string, unknown>[] }
    }
    expect(info.is_menu_open).toBe(1)
    expect(info.selfmenu_info.button[1]).toMatchObject({
      name: '菜单',
      sub_button: { list: [{ type: 'view', name: '搜索', url: 'http://www.soso.com/' }, {}, {}, {}, {}] },
    })
    expect(info.selfmenu_info.button[2]).toEqual({ type: 'media_id', name: '图片', value: 'MEDIA_ID1' })
    const console = { button: [{ type: 'text', name: '文字', value: '你好' }] }
    await emu.control.setConsoleMenu(console)
    expect(await call('GET', '/cgi-bin/get_current_selfmenu_info')).toEqual({ is_menu_open: 1, selfmenu_info: console })
  })
})

describe('control.tapMenu', () => {
  const send = (touser: string) => call('POST', '/cgi-bin/message/custom/send', { touser, msgtype: 'text', text: { content: 'hi' } })

  it('pushes CLICK with the key and opens the 3-send window', async () => {
    await create(MENU)
    const openid = await emu.control.followerAt(0)
    expect((await send(openid)).errcode).toBe(45015)
    const push = await emu.control.tapMenu(openid, 'V1001_TODAY_MUSIC')
    expect(push).toMatchObject({ type: 'CLICK', fields: { Event: 'CLICK', EventKey: 'V1001_TODAY_MUSIC' } })
    expect(bodies.at(-1)).toContain('<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>')
    for (let i = 0; i < 3; i++) expect((await send(openid)).errcode).toBe(0)
    expect((await send(openid)).errcode).toBe(45047)
  })

  it('refuses a tap with nowhere to push it, naming the set-up step (a test set-up mistake, as for userEvent)', async () => {
    await create(MENU)
    const openid = await emu.control.followerAt(0)
    await emu.control.configurePush(null)
    const error = await emu.control.tapMenu(openid, 'V1001_TODAY_MUSIC').catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'EmulatorControlError', status: 409 })
    expect((error as Error).message).toMatch(/configurePush\(\{ url, token \}\) first/)
  })

  it('pushes scancode_push with ScanCodeInfo, pic_weixin with SendPicsInfo and location_select with SendLocationInfo', async () => {
    await create(MENU)
    const openid = await emu.control.followerAt(0)
    await emu.control.tapMenu(openid, 'rselfmenu_0_1', { scan: { type: 'qrcode', result: 'http://weixin.qq.com/r/x' } })
    expect(bodies.at(-1)).toContain(
      '<EventKey><![CDATA[rselfmenu_0_1]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[http://weixin.qq.com/r/x]]></ScanResult></ScanCodeInfo>',
    )
    await emu.control.tapMenu(openid, [1, 3], { pictures: ['1b5f7c23b5bf75682a53e7b6d163e185', 'aa'] })
    expect(bodies.at(-1)).toContain(
      '<SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item><item>',
    )
    const located = await emu.control.tapMenu(openid, 'rselfmenu_2_0', {
      location: { x: 23.1, y: 113.3, scale: 15, label: '广州', poiname: '塔' },
    })
    expect(located?.fields).toMatchObject({
      Event: 'location_select',
      SendLocationInfo: { Location_X: 23.1, Location_Y: 113.3, Scale: 15, Label: '广州', Poiname: '塔' },
    })
    // Neither pictures nor a location open the customer-service window.
    const other = await emu.control.followerAt(3)
    await emu.control.tapMenu(other, 'rselfmenu_2_0')
    expect((await send(other)).errcode).toBe(45015)
  })

  it('refuses more pictures than a pic_* button lets a follower choose (9), as a list or a count', async () => {
    await create(MENU)
    const openid = await emu.control.followerAt(0)
    const sums = (n: number) => Array.from({ length: n }, (_, i) => `${i}`.padStart(32, '0'))
    await expect(emu.control.tapMenu(openid, [1, 3], { pictures: sums(100_000) })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('pictures must be 1 to 9'),
    })
    await expect(emu.control.tapMenu(openid, [1, 3], { pictures: sums(10) })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('got 10'),
    })
    await expect(emu.control.tapMenu(openid, [1, 3], { pictures: 10 })).rejects.toMatchObject({ status: 400 })
    expect(bodies).toEqual([])
    expect((await emu.control.tapMenu(openid, [1, 3], { pictures: sums(9) }))?.fields).toMatchObject({ SendPicsInfo: { Count: 9 } })
  })

  it('pushes VIEW and view_miniprogram with the MenuId of the menu the follower sees, opening no window', async () => {
    await create(MENU)
    const openid = await emu.control.followerAt(0)
    const view = await emu.control.tapMenu(openid, [1, 0])
    const { menu } = (await call('GET', '/cgi-bin/menu/get')) as { menu: unknown }
    expect(menu).toBeDefined()
    expect(view?.fields).toMatchObject({ Event: 'VIEW', EventKey: 'http://www.soso.com/' })
    expect(bodies.at(-1)).toMatch(/<MenuId>\d+<\/MenuId>/)
    expect((await emu.control.tapMenu(openid, [1, 1]))?.fields).toMatchObject({ Event: 'view_miniprogram', EventKey: 'pages/lunar/index' })
    expect((await send(openid)).errcode).toBe(45015)
  })

  it('taps the conditional menu a tagged follower sees, with its menuid', async () => {
    await create(MENU)
    const { tag } = (await call('POST', '/cgi-bin/tags/create', { tag: { name: 'vip' } })) as { tag: { id: number } }
    const openid = await emu.control.followerAt(4)
    await call('POST', '/cgi-bin/tags/members/batchtagging', { openid_list: [openid], tagid: tag.id })
    const { menuid } = (await call('POST', '/cgi-bin/menu/addconditional', {
      button: [{ type: 'view', name: 'vip', url: 'https://vip.example.com/' }],
      matchrule: { tag_id: String(tag.id) },
    })) as { menuid: string }
    expect((await emu.control.tapMenu(openid, [0]))?.fields).toMatchObject({
      Event: 'VIEW',
      EventKey: 'https://vip.example.com/',
      MenuId: Number(menuid),
    })
    await expect(emu.control.tapMenu(openid, 'V1001_TODAY_MUSIC')).rejects.toThrow(
      /no button with key "V1001_TODAY_MUSIC": the menu .* sees \(menuid \d+\) has: \[0\] "vip" \(view\)/,
    )
  })

  it('pushes nothing for a media_id button, and refuses a parent button, a missing one and a non-follower', async () => {
    await create(MENU)
    const openid = await emu.control.followerAt(0)
    expect(await emu.control.tapMenu(openid, [2])).toBeNull()
    expect(bodies).toEqual([])
    await expect(emu.control.tapMenu(openid, [1])).rejects.toThrow('opens its sub-buttons and pushes nothing')
    await expect(emu.control.tapMenu(openid, [1, 7])).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('[1,2] "扫码" (scancode_push key "rselfmenu_0_1")'),
    })
    await expect(emu.control.tapMenu('nobody', 'V1001_TODAY_MUSIC')).rejects.toThrow('does not follow')
  })
})
