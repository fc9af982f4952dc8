// One definition for the menu and its handler: menuEventKey and menuHandler read the key of a
// menu event as the event page pushes it (CLICK, scancode_*, pic_*, location_select carry the
// button's key in EventKey; VIEW carries the URL).
// https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
import { describe, expect, it } from 'vitest'
import { defineMenu, menuEventKey, menuHandler } from './index'

const menu = defineMenu({
  buttons: [
    { type: 'click', name: 'Today', key: 'TODAY' },
    {
      name: 'More',
      subButtons: [
        { type: 'scancode_push', name: 'Scan', key: 'SCAN' },
        { type: 'view', name: 'Site', url: 'https://example.com/' },
      ],
    },
  ],
})

describe('menuEventKey', () => {
  it('gives the key of a click, and of a sub-button scan', () => {
    expect(menuEventKey(menu, { event: 'CLICK', eventKey: 'TODAY' })).toBe('TODAY')
    expect(menuEventKey(menu, { event: 'scancode_push', eventKey: 'SCAN' })).toBe('SCAN')
  })

  it('gives undefined for a key the menu lacks, a VIEW, and a message', () => {
    expect(menuEventKey(menu, { event: 'CLICK', eventKey: 'OTHER' })).toBeUndefined()
    expect(menuEventKey(menu, { event: 'VIEW', eventKey: 'https://example.com/' })).toBeUndefined()
    expect(menuEventKey(menu, {})).toBeUndefined()
  })
})

describe('menuHandler', () => {
  it("runs the tapped key's handler with the push and the key", () => {
    const on = menuHandler(menu, {
      TODAY: (_push, key) => `today via ${key}`,
      SCAN: (push: { event?: string; eventKey?: string; scanResult?: string }) => push.scanResult,
    })
    expect(on({ event: 'CLICK', eventKey: 'TODAY' })).toBe('today via TODAY')
    expect(on({ event: 'scancode_push', eventKey: 'SCAN', scanResult: 'x' })).toBe('x')
    expect(on({ event: 'subscribe' })).toBeUndefined()
  })

  it('runs only the handlers passed, never an Object.prototype method for keys like toString', () => {
    const proto = defineMenu({
      buttons: [
        { type: 'click', name: 'a', key: 'constructor' },
        { type: 'click', name: 'b', key: 'toString' },
        { type: 'click', name: 'c', key: '__proto__' },
      ],
    })
    const on = menuHandler(proto, {})
    for (const eventKey of ['constructor', 'toString', '__proto__'])
      expect(on({ msgType: 'event', event: 'CLICK', eventKey })).toBeUndefined()
    const one = menuHandler(proto, { toString: () => 'mine' } as never) // TS sees every object's inherited `constructor`
    expect(one({ event: 'CLICK', eventKey: 'toString' })).toBe('mine')
    expect(one({ event: 'CLICK', eventKey: 'constructor' })).toBeUndefined()
  })

  it('refuses a handler for a key the menu does not have, naming the keys it has', () => {
    expect(() => menuHandler(menu, { TOMORROW: () => 1 } as never)).toThrow(
      new TypeError('menuHandler handlers has "TOMORROW", a key the menu does not have; it has TODAY, SCAN'),
    )
  })
})
