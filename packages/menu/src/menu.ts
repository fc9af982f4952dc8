// The default menu: create (or replace), read back with the conditional menus, delete everything.
import { assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { checkMenu } from './internal/check'
import { matchRuleFromWire, menuFromWire, menuToWire, type WireGetMenu } from './internal/wire'
import type { Menu, ReadConditionalMenu, ReadMenu } from './types'

/** What {@link getMenu} answers: the default menu and the conditional ones. */
export interface MenuSettings {
  /** The default menu, seen by every follower no conditional menu matches. */
  readonly menu: ReadMenu
  /** Conditional menus, as WeChat lists them. */
  readonly conditionalMenus: readonly ReadConditionalMenu[]
}

/**
 * Sets the account's default menu, replacing the one before (there is no edit: send the whole
 * menu). Every limit is checked first and refused with a TypeError/RangeError naming the button's
 * path: 1–3 buttons, 1–5 sub-buttons each, `name` at most 16 bytes of UTF-8 (60 in a sub-menu),
 * `key` 1–128 bytes, `url` an http(s) URL of at most 1024 bytes, a button with `subButtons` carries
 * no `type` of its own. Clients refresh a menu within about 5 minutes.
 *
 * WeChat's refusals: 40016–40027 (button count, type, name, key or url size), 40007 (media_id),
 * 48001 (the account may not use the menu API).
 *
 * @example
 * ```ts
 * await createMenu(wx, {
 *   buttons: [
 *     { type: 'click', name: 'Today', key: 'TODAY' },
 *     { name: 'More', subButtons: [{ type: 'view', name: 'Website', url: 'https://example.com/' }] },
 *   ],
 * })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu
 */
export async function createMenu(client: WeChatClient, menu: Menu, options: CallOptions = {}): Promise<void> {
  checkMenu(menu)
  assertOptions('createMenu options', options, ['signal'])
  // Setting the same whole menu twice leaves one menu: safe to retry.
  await client.request('/cgi-bin/menu/create', { json: menuToWire(menu), idempotent: true, signal: options.signal })
}

/**
 * Reads the menus set through the API: the default menu and every conditional menu with its rule
 * and `menuId`. A menu set in the admin console is not here: see {@link getCurrentMenuInfo}.
 * Throws `WeChatApiError` 46003 when the account has no menu.
 *
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_getmenu
 */
export async function getMenu(client: WeChatClient, options: CallOptions = {}): Promise<MenuSettings> {
  assertOptions('getMenu options', options, ['signal'])
  const answer = await client.request<WireGetMenu>('/cgi-bin/menu/get', { signal: options.signal })
  return {
    menu: menuFromWire(answer.menu),
    conditionalMenus: (answer.conditionalmenu ?? []).map((m) => ({
      ...menuFromWire(m),
      menuId: m.menuid === undefined ? '' : String(m.menuid),
      matchRule: matchRuleFromWire(m.matchrule),
    })),
  }
}

/**
 * Deletes the default menu and every conditional menu (WeChat has no way to delete the default
 * one alone).
 *
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_deletemenu
 */
export async function deleteMenu(client: WeChatClient, options: CallOptions = {}): Promise<void> {
  assertOptions('deleteMenu options', options, ['signal'])
  await client.request('/cgi-bin/menu/delete', { signal: options.signal })
}
