// One definition for the menu and the handler of its buttons: the keys a menu declares become a
// type, so a handler cannot name a key the menu does not have. Pure: no client, nothing from core.
import type { Menu } from './types'

type KeysOf<B> = B extends { readonly key: infer K extends string }
  ? K
  : B extends { readonly subButtons: readonly (infer S)[] }
    ? KeysOf<S>
    : never

/** The `key` of every key button in menu `M` (click, scancode_*, pic_*, location_select), as a union. */
export type MenuKeys<M extends Menu> = KeysOf<M['buttons'][number]>

/**
 * Returns `menu` as it is, with its keys kept as literal types (no `as const` needed), so
 * {@link menuEventKey} and {@link menuHandler} know them. Checks nothing: {@link createMenu} does.
 *
 * @example
 * ```ts
 * const menu = defineMenu({ buttons: [{ type: 'click', name: 'Today', key: 'TODAY' }] })
 * type Keys = MenuKeys<typeof menu> // 'TODAY'
 * ```
 */
export function defineMenu<const M extends Menu>(menu: M): M {
  return menu
}

/** Events whose `EventKey` is the tapped button's `key` (VIEW carries a URL, view_miniprogram a page path). */
const KEY_EVENTS = new Set([
  'click',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
])

/**
 * The fields of a received push the helpers read, as @wxmp/server types events; any push (a
 * message, another event) may be passed.
 */
export interface MenuPushLike {
  readonly msgType?: string
  readonly event?: string
  readonly eventKey?: string
}

function keysIn(menu: Menu): Set<string> {
  const keys = new Set<string>()
  for (const b of menu.buttons) for (const s of 'subButtons' in b ? b.subButtons : [b]) if ('key' in s) keys.add(s.key)
  return keys
}

/**
 * The key of the `menu` button a push reports, typed as the menu's keys: `undefined` for anything
 * else (a message, another event, a key this menu does not have, a VIEW). Event names are
 * compared case-insensitively (WeChat writes `CLICK` but `scancode_push`).
 *
 * @example
 * ```ts
 * switch (menuEventKey(menu, push)) {
 *   case 'TODAY': return { type: 'text', content: 'Today…' }
 *   // case 'TOMORROW': a compile error when the menu has no such key
 * }
 * ```
 * @see https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
 */
export function menuEventKey<M extends Menu>(menu: M, push: MenuPushLike | object): MenuKeys<M> | undefined {
  const { event, eventKey } = push as MenuPushLike
  if (typeof event !== 'string' || !KEY_EVENTS.has(event.toLowerCase()) || typeof eventKey !== 'string') return undefined
  return keysIn(menu).has(eventKey) ? (eventKey as MenuKeys<M>) : undefined
}

/**
 * A handler for a menu's buttons, one function per key (every key optional, no other key allowed):
 * returns a function that runs the one for a push's key and gives its result, or `undefined` when
 * the push is not a tap on one of them. Throws a TypeError for a handler of a key the menu lacks
 * (plain JavaScript gets no compile error).
 *
 * @example
 * ```ts
 * const onMenu = menuHandler(menu, {
 *   TODAY: (push: Push) => ({ type: 'text', content: 'Today…' }),
 *   SCAN: (push: Push) => ({ type: 'text', content: push.msgType === 'event' && push.event === 'scancode_push' ? push.scanResult : '?' }),
 * })
 * createMessageServer({ appId, token, handle: (push) => onMenu(push) })
 * ```
 */
export function menuHandler<M extends Menu, P extends MenuPushLike | object, R>(
  menu: M,
  handlers: { readonly [K in MenuKeys<M>]?: (push: P, key: K) => R },
): (push: P) => R | undefined {
  const keys = keysIn(menu)
  for (const key of Object.keys(handlers)) {
    if (!keys.has(key))
      throw new TypeError(
        `menuHandler handlers has ${JSON.stringify(key.slice(0, 40))}, a key the menu does not have; it has ${[...keys].join(', ') || 'none'}`,
      )
  }
  // Own properties only, copied into a Map: a plain `handlers[key]` would reach Object.prototype
  // for keys like 'toString', 'constructor' or '__proto__' (all valid WeChat keys).
  const source = handlers as Readonly<Record<string, ((push: P, key: string) => R) | undefined>>
  const table = new Map(Object.keys(source).map((key) => [key, source[key]] as const))
  return (push) => {
    const key = menuEventKey(menu, push)
    return key === undefined ? undefined : table.get(key)?.(push, key)
  }
}
