// The keys a menu declares are a type: a handler cannot name a key the menu does not have.
import { describe, expectTypeOf, it } from 'vitest'
import { defineMenu, menuEventKey, menuHandler, type Menu, type MenuKeys } from './index'

const menu = defineMenu({
  buttons: [
    { type: 'click', name: 'Today', key: 'TODAY' },
    {
      name: 'More',
      subButtons: [
        { type: 'pic_weixin', name: 'Photo', key: 'PHOTO' },
        { type: 'view', name: 'Site', url: 'https://example.com/' },
      ],
    },
  ],
})

describe('menu keys', () => {
  it('are the union of every key button, sub-buttons included', () => {
    expectTypeOf<MenuKeys<typeof menu>>().toEqualTypeOf<'TODAY' | 'PHOTO'>()
    expectTypeOf(menuEventKey(menu, { event: 'CLICK', eventKey: 'TODAY' })).toEqualTypeOf<'TODAY' | 'PHOTO' | undefined>()
  })

  it('refuse a handler for a key the menu lacks', () => {
    menuHandler(menu, { TODAY: () => 1 })
    // @ts-expect-error TOMORROW is not a key of the menu
    menuHandler(menu, { TOMORROW: () => 1 })
  })

  it('refuse a switch case on a key the menu lacks', () => {
    const key = menuEventKey(menu, { event: 'CLICK', eventKey: 'TODAY' })
    // @ts-expect-error 'TOMORROW' is not comparable to the menu's keys
    if (key === 'TOMORROW') return
  })

  it('refuse a sub-menu with an action of its own, and a button with a field of another type', () => {
    // @ts-expect-error a sub-menu carries no type of its own
    defineMenu({ buttons: [{ type: 'click', name: 'x', subButtons: [] }] })
    const send = (_menu: Menu) => undefined
    // @ts-expect-error a click button has no url
    send({ buttons: [{ type: 'click', name: 'x', key: 'k', url: 'https://example.com/' }] })
    // @ts-expect-error a view button needs its url
    send({ buttons: [{ type: 'view', name: 'x' }] })
    // @ts-expect-error a miniprogram button is written appId, not appid
    send({ buttons: [{ type: 'miniprogram', name: 'x', url: 'https://example.com/', appid: 'wx286b93c14bbf93aa', pagePath: 'p' }] })
  })
})
