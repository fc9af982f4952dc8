// Every limit is refused before any request, the message naming the button's path (issue 25).
// Limits: https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu
// (1-3 buttons, 1-5 sub-buttons, name <= 16 bytes / 60 in a sub-menu, key <= 128 bytes, url <= 1024
// bytes, type and sub_button exclusive) and
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu
// (match on tags only: sex, region, language answer 65320; at most 3 link domains).
import { describe, expect, it } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const click = (over: Record<string, unknown> = {}) => ({ type: 'click', name: 'a', key: 'k', ...over })
const menu = (...buttons: unknown[]) => ({ buttons })
const sub = (...subButtons: unknown[]) => menu({ name: 'm', subButtons })
const view = (host: string) => ({ type: 'view', name: host, url: `https://${host}/` })
const cond = (m: object, matchRule: unknown = { tagId: 100 }) => ({ ...m, matchRule })

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  ['no menu', 'menu must be an object, got undefined', h.call('createMenu')],
  ['buttons missing', 'menu.buttons must be an array, got undefined', h.call('createMenu', {})],
  ['WeChat spelling button', 'menu has no field "button" (did you mean "buttons"?)', h.call('createMenu', { button: [click()] })],
  ['no buttons', 'menu.buttons must not be empty', h.call('createMenu', menu())],
  ['4 buttons', 'menu.buttons must have at most 3 items, got 4', h.call('createMenu', menu(click(), click(), click(), click()))],
  // Holes are skipped by forEach but kept by map: WeChat would get `null` (40016 / 40024).
  ['a hole in buttons', 'menu.buttons[0] is missing (a hole in a sparse array)', h.call('createMenu', { buttons: [, click()] })],
  [
    'a hole in subButtons',
    'menu.buttons[0].subButtons[1] is missing (a hole in a sparse array)',
    h.call('createMenu', { buttons: [{ name: 'm', subButtons: [click(), , click()] }] }),
  ],
  [
    'a hole in a conditional menu',
    'menu.buttons[1] is missing (a hole in a sparse array)',
    h.call('addConditionalMenu', cond({ buttons: [click(), , click()] })),
  ],
  ['a button that is null', 'menu.buttons[0] must be an object, got null', h.call('createMenu', menu(null))],
  ['an unknown type', "menu.buttons[0].type must be one of 'click'", h.call('createMenu', menu(click({ type: 'clack' })))],
  [
    'the retired view_limited',
    'menu.buttons[0].type must be one of',
    h.call('createMenu', menu({ type: 'view_limited', name: 'a', mediaId: 'm' })),
  ],
  [
    'a 17-byte top name',
    'menu.buttons[0].name must be at most 16 bytes of UTF-8, got 17',
    h.call('createMenu', menu(click({ name: 'x'.repeat(17) }))),
  ],
  [
    '6 Chinese characters at the top (18 bytes)',
    'menu.buttons[2].name must be at most 16 bytes of UTF-8, got 18',
    h.call('createMenu', menu(click(), click(), click({ name: '今日歌曲今日' }))),
  ],
  ['an empty name', 'menu.buttons[0].name must not be empty', h.call('createMenu', menu(click({ name: '' })))],
  [
    'a name with a line break',
    'menu.buttons[0].name must not contain control characters',
    h.call('createMenu', menu(click({ name: 'a\nb' }))),
  ],
  [
    'a 61-byte sub name',
    'menu.buttons[1].subButtons[4].name must be at most 60 bytes of UTF-8, got 61',
    h.call(
      'createMenu',
      menu(click(), { name: 'm', subButtons: [click(), click(), click(), click(), click({ name: '一'.repeat(20) + 'x' })] }),
    ),
  ],
  [
    'a 129-byte key',
    'menu.buttons[0].key must be at most 128 bytes of UTF-8, got 129',
    h.call('createMenu', menu(click({ key: 'k'.repeat(129) }))),
  ],
  ['a click without key', 'menu.buttons[0].key must be a string, got undefined', h.call('createMenu', menu({ type: 'click', name: 'a' }))],
  [
    'a scan button without key',
    'menu.buttons[0].subButtons[0].key must be a string',
    h.call('createMenu', sub({ type: 'scancode_push', name: 's' })),
  ],
  [
    'a click with a url',
    'menu.buttons[0] has no field "url"; a click button takes type, name, key',
    h.call('createMenu', menu(click({ url: 'https://a.com/' }))),
  ],
  ['a view without url', 'menu.buttons[0].url must be a string, got undefined', h.call('createMenu', menu({ type: 'view', name: 'v' }))],
  [
    'a relative url',
    'menu.buttons[0].url must be an absolute http(s) URL',
    h.call('createMenu', menu({ type: 'view', name: 'v', url: '/shop' })),
  ],
  [
    'a 1025-byte url',
    'menu.buttons[0].url must be at most 1024 bytes of UTF-8, got 1025',
    h.call('createMenu', menu({ type: 'view', name: 'v', url: `https://a.com/${'x'.repeat(1011)}` })),
  ],
  [
    'a url of 342 Chinese characters (1026 bytes)',
    'menu.buttons[0].url must be at most 1024 bytes of UTF-8',
    h.call('createMenu', menu({ type: 'view', name: 'v', url: `https://a.com/${'路'.repeat(337)}` })),
  ],
  [
    'a miniprogram appid misspelt',
    'menu.buttons[0] has no field "appid" (did you mean "appId"?)',
    h.call('createMenu', menu({ type: 'miniprogram', name: 'm', url: 'https://a.com/', appid: 'wx286b93c14bbf93aa', pagePath: 'p' })),
  ],
  [
    'a miniprogram appId that is not one',
    'menu.buttons[0].appId must be a mini program appid',
    h.call('createMenu', menu({ type: 'miniprogram', name: 'm', url: 'https://a.com/', appId: 'gh_123', pagePath: 'p' })),
  ],
  [
    'a miniprogram without pagePath',
    'menu.buttons[0].pagePath must be a string',
    h.call('createMenu', menu({ type: 'miniprogram', name: 'm', url: 'https://a.com/', appId: 'wx286b93c14bbf93aa' })),
  ],
  [
    'a 1025-byte miniprogram pagePath',
    'menu.buttons[0].pagePath must be at most 1024 bytes of UTF-8, got 1025',
    h.call(
      'createMenu',
      menu({ type: 'miniprogram', name: 'm', url: 'https://a.com/', appId: 'wx286b93c14bbf93aa', pagePath: 'p'.repeat(1025) }),
    ),
  ],
  [
    'a 100 KB miniprogram pagePath',
    'menu.buttons[0].pagePath must be at most 1024 bytes of UTF-8',
    h.call(
      'createMenu',
      menu({ type: 'miniprogram', name: 'm', url: 'https://a.com/', appId: 'wx286b93c14bbf93aa', pagePath: 'p'.repeat(100_000) }),
    ),
  ],
  [
    'a media_id button without mediaId',
    'menu.buttons[0].mediaId must be a string',
    h.call('createMenu', menu({ type: 'media_id', name: 'm' })),
  ],
  [
    'an article button with media_id',
    'menu.buttons[0] has no field "media_id"',
    h.call('createMenu', menu({ type: 'article_id', name: 'm', media_id: 'x', articleId: 'a' })),
  ],
  [
    'an article button without articleId',
    'menu.buttons[0].articleId must be a string',
    h.call('createMenu', menu({ type: 'article_view_limited', name: 'm' })),
  ],
  [
    'a sub-menu with a type',
    'menu.buttons[0] has subButtons, so it carries no action of its own: remove "type"',
    h.call('createMenu', menu({ type: 'click', name: 'm', key: 'k', subButtons: [click()] })),
  ],
  [
    'a sub-menu with a key',
    'menu.buttons[0] has subButtons, so it carries no action of its own: remove "key"',
    h.call('createMenu', menu({ name: 'm', key: 'k', subButtons: [click()] })),
  ],
  ['an empty sub-menu', 'menu.buttons[0].subButtons must not be empty', h.call('createMenu', sub())],
  [
    '6 sub-buttons',
    'menu.buttons[0].subButtons must have at most 5 items, got 6',
    h.call('createMenu', sub(click(), click(), click(), click(), click(), click())),
  ],
  [
    'a 17-byte sub-menu name',
    'menu.buttons[0].name must be at most 16 bytes of UTF-8, got 17',
    h.call('createMenu', menu({ name: 'x'.repeat(17), subButtons: [click()] })),
  ],
  [
    'nested sub-menus',
    'menu.buttons[0].subButtons[0] cannot have subButtons: menus nest one level',
    h.call('createMenu', sub({ name: 'n', subButtons: [click()] })),
  ],
  [
    'a misspelt option',
    'createMenu options has no option "sigal" (did you mean "signal"?)',
    h.call('createMenu', menu(click()), { sigal: undefined }),
  ],
  ['null options', 'createMenu options must be an object, got null', h.call('createMenu', menu(click()), null)],
  ['getMenu with an option it lacks', 'getMenu options has no option "conditional"', h.call('getMenu', { conditional: true })],
  ['deleteMenu null options', 'deleteMenu options must be an object, got null', h.call('deleteMenu', null)],
  ['getCurrentMenuInfo misspelt option', 'getCurrentMenuInfo options has no option "singal"', h.call('getCurrentMenuInfo', { singal: 1 })],
  ['a conditional menu without matchRule', 'menu.matchRule must be an object, got undefined', h.call('addConditionalMenu', menu(click()))],
  [
    'a conditional rule on sex',
    'menu.matchRule.sex: WeChat no longer matches menus on personal data (it answers 65320); match on tagId',
    h.call('addConditionalMenu', cond(menu(click()), { tagId: 1, sex: 1 })),
  ],
  [
    'a conditional rule on language',
    'menu.matchRule.language: WeChat no longer matches menus on personal data',
    h.call('addConditionalMenu', cond(menu(click()), { language: 'zh_CN' })),
  ],
  [
    'a conditional rule on the platform',
    'menu.matchRule has no field "clientPlatformType"; a match rule takes tagId',
    h.call('addConditionalMenu', cond(menu(click()), { tagId: 1, clientPlatformType: 1 })),
  ],
  [
    'tag_id in WeChat spelling',
    'menu.matchRule has no field "tag_id" (did you mean "tagId"?)',
    h.call('addConditionalMenu', cond(menu(click()), { tag_id: '1' })),
  ],
  [
    'a tagId that is text',
    'menu.matchRule.tagId must be a tag id (decimal digits)',
    h.call('addConditionalMenu', cond(menu(click()), { tagId: 'vip' })),
  ],
  ['a negative tagId', 'menu.matchRule.tagId must be at least 0, got -1', h.call('addConditionalMenu', cond(menu(click()), { tagId: -1 }))],
  [
    'a tagId null',
    'menu.matchRule.tagId must be a tag id (number or decimal string), got null',
    h.call('addConditionalMenu', cond(menu(click()), { tagId: null })),
  ],
  [
    'a conditional menu over 5 sub-buttons',
    'menu.buttons[0].subButtons must have at most 5 items, got 6',
    h.call('addConditionalMenu', cond(sub(click(), click(), click(), click(), click(), click()))),
  ],
  [
    'a conditional menu linking to 4 domains',
    'menu links to 4 domains (a.com, b.com, c.com, d.com): a conditional menu may link to at most 3',
    h.call('addConditionalMenu', cond(menu(view('a.com'), view('b.com'), { name: 'm', subButtons: [view('c.com'), view('d.com')] }))),
  ],
  ['deleteConditionalMenu without id', 'menuId must be', h.call('deleteConditionalMenu')],
  ['deleteConditionalMenu id 0', 'menuId must be at least 1, got 0', h.call('deleteConditionalMenu', 0)],
  ['deleteConditionalMenu id as words', 'menuId must be', h.call('deleteConditionalMenu', 'menu-1')],
  ['tryMatchMenu without user', 'userId must be a string, got undefined', h.call('tryMatchMenu')],
  ['tryMatchMenu with an empty user', 'userId must not be empty', h.call('tryMatchMenu', '')],
  ['tryMatchMenu with a line break', 'userId must not contain control characters', h.call('tryMatchMenu', 'o\nx')],
  ['tryMatchMenu misspelt option', 'tryMatchMenu options has no option "signl"', h.call('tryMatchMenu', 'o1', { signl: 1 })],
]

describe('menu refuses bad input before any request', () => {
  h.refuses(rows)

  it('still sets a menu at every limit', async () => {
    const full = {
      buttons: [
        { type: 'click', name: '今日歌曲x', key: 'k'.repeat(128) },
        {
          name: 'm',
          subButtons: [1, 2, 3, 4, 5].map((i) => ({
            type: 'view' as const,
            name: '一'.repeat(20),
            url: `https://a.com/${i}${'x'.repeat(1024 - 15)}`,
          })),
        },
        { type: 'location_select', name: 'x'.repeat(16), key: 'L' },
      ],
    } as const
    await expect(api.createMenu(h.wx, full)).resolves.toBeUndefined()
    const mini = {
      type: 'miniprogram',
      name: 'm',
      url: 'https://a.com/',
      appId: 'wx286b93c14bbf93aa',
      pagePath: `pages/x${'路'.repeat(339)}`,
    } as const // 1024 bytes
    await expect(api.createMenu(h.wx, { buttons: [mini] })).resolves.toBeUndefined()
  })
})
