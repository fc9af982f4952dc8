// Conditional (personalised) menus: a menu for the followers carrying a tag, its removal, and the
// match test that says which menu a follower sees.
import { assertOptions, assertString, toIdOrThrow, toIdString, type CallOptions, type WeChatClient } from '@wxmp/core'
import { checkConditionalMenu } from './internal/check'
import { buttonFromWire, matchRuleToWire, menuToWire, type WireButton } from './internal/wire'
import type { ConditionalMenu, ReadButton } from './types'

/**
 * Adds a conditional menu: followers whose latest tag is `matchRule.tagId` see it instead of the
 * default menu (the newest matching conditional menu wins). A default menu must exist first
 * (65303). WeChat matches on tags only: rules on sex, region or language are refused with 65320,
 * so this function takes none. Every button limit of {@link createMenu} applies, and one
 * conditional menu may link to at most 3 domains. Returns the new menu's `menuid`, an exact
 * decimal string.
 *
 * WeChat's refusals: 65303 no default menu, 65304 empty rule, 65320 a rule on personal data,
 * 65316 more than 3 link domains across conditional menus, 40016–40027 as for createMenu.
 *
 * @example
 * ```ts
 * const menuId = await addConditionalMenu(wx, {
 *   buttons: [{ type: 'click', name: 'VIP desk', key: 'VIP_DESK' }],
 *   matchRule: { tagId: vipTag.id },
 * })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu
 */
export async function addConditionalMenu(client: WeChatClient, menu: ConditionalMenu, options: CallOptions = {}): Promise<string> {
  checkConditionalMenu(menu)
  assertOptions('addConditionalMenu options', options, ['signal'])
  // Not retried: a repeat would add a second menu with its own id.
  const answer = await client.request<{ menuid: string | number }>('/cgi-bin/menu/addconditional', {
    json: { ...menuToWire(menu), matchrule: matchRuleToWire(menu.matchRule) },
    signal: options.signal,
  })
  return toIdString(answer.menuid)
}

/**
 * Deletes one conditional menu by the `menuId` {@link addConditionalMenu} returned (or
 * {@link getMenu} lists). WeChat answers 65301 for an unknown menuid.
 *
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_deleteconditionalmenu
 */
export async function deleteConditionalMenu(
  client: WeChatClient,
  menuId: string | number | bigint,
  options: CallOptions = {},
): Promise<void> {
  const id = toIdOrThrow('menuId', menuId, { min: 1n })
  assertOptions('deleteConditionalMenu options', options, ['signal'])
  // Not retried: a repeat after a lost answer would throw 65301 for a menu that is gone.
  await client.request('/cgi-bin/menu/delconditional', { json: { menuid: id }, signal: options.signal })
}

/**
 * The menu a follower sees: the conditional menu their tag matches, else the default one.
 * `userId` is the follower's openid or WeChat ID (微信号). WeChat answers 65302 for an unknown user.
 *
 * @example
 * ```ts
 * const { buttons } = await tryMatchMenu(wx, openid)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_trymatchmenu
 */
export async function tryMatchMenu(
  client: WeChatClient,
  userId: string,
  options: CallOptions = {},
): Promise<{ readonly buttons: readonly ReadButton[] }> {
  assertString('userId', userId, { max: 64, controls: 'none' })
  assertOptions('tryMatchMenu options', options, ['signal'])
  const answer = await client.request<{ button?: readonly WireButton[] }>('/cgi-bin/menu/trymatch', {
    json: { user_id: userId },
    idempotent: true,
    signal: options.signal,
  })
  return { buttons: (answer.button ?? []).map(buttonFromWire) }
}
