// The menu of tappable choices (msgmenu).
import type { MenuItem, WeChatClient } from '@wxmp/core'
import { sendAs, type SendCustomOptions } from './send'
import { object } from './internal/object-arg'

/** The menu of {@link sendMenu}. */
export interface MenuContent {
  readonly headContent?: string
  readonly items: readonly MenuItem[]
  readonly tailContent?: string
}

/**
 * Sends a menu of tappable choices (`msgmenu`); a tap comes back to your server as a text message
 * carrying the item's `id` as `bizmsgmenuid`.
 *
 * @example
 * ```ts
 * await sendMenu(wx, openid, {
 *   headContent: 'Were you satisfied?',
 *   items: [{ id: '101', content: 'Yes' }, { id: '102', content: 'No' }],
 *   tailContent: 'Thank you',
 * })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendMenu(client: WeChatClient, openid: string, menu: MenuContent, options?: SendCustomOptions): Promise<void> {
  return object('menu', menu, async () => sendAs('sendMenu', client, openid, { ...menu, type: 'msgmenu' }, options, ['message', 'menu']))
}
