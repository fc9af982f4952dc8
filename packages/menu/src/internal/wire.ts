// The one place menu fields change between our camelCase and WeChat's snake_case wire form.
import { toIdString } from '@wxmp/core'
import type { ActionButton, MatchRule, Menu, MenuButton, ReadButton, ReadMatchRule, ReadMenu, UnknownButton } from '../types'

export interface WireButton {
  readonly type?: string
  readonly name: string
  readonly key?: string
  readonly url?: string
  readonly media_id?: string
  readonly appid?: string
  readonly pagepath?: string
  readonly article_id?: string
  readonly sub_button?: readonly WireButton[]
}

export interface WireMatchRule {
  readonly tag_id?: string | number
  /** What WeChat called the tag before tags replaced groups; still seen in answers. */
  readonly group_id?: string | number
  readonly sex?: string | number
  readonly country?: string
  readonly province?: string
  readonly city?: string
  readonly client_platform_type?: string | number
  readonly language?: string
}

export interface WireMenu {
  readonly button?: readonly WireButton[]
  readonly menuid?: string | number
}

export interface WireGetMenu {
  readonly menu?: WireMenu
  readonly conditionalmenu?: readonly (WireMenu & { readonly matchrule?: WireMatchRule })[]
}

function actionToWire(b: ActionButton): WireButton {
  switch (b.type) {
    case 'view':
      return { type: b.type, name: b.name, url: b.url }
    case 'miniprogram':
      return { type: b.type, name: b.name, url: b.url, appid: b.appId, pagepath: b.pagePath }
    case 'media_id':
      return { type: b.type, name: b.name, media_id: b.mediaId }
    case 'article_id':
    case 'article_view_limited':
      return { type: b.type, name: b.name, article_id: b.articleId }
    default:
      return { type: b.type, name: b.name, key: b.key }
  }
}

export function buttonToWire(b: MenuButton): WireButton {
  return 'subButtons' in b ? { name: b.name, sub_button: b.subButtons.map(actionToWire) } : actionToWire(b)
}

export const menuToWire = (menu: Menu): { button: WireButton[] } => ({ button: menu.buttons.map(buttonToWire) })

export const matchRuleToWire = (rule: MatchRule): { tag_id: string } => ({ tag_id: String(rule.tagId) })

const KEY_TYPES = new Set([
  'click',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
])

function actionFromWire(w: WireButton): ActionButton | UnknownButton {
  const name = w.name ?? ''
  const type = w.type ?? ''
  if (KEY_TYPES.has(type)) return { type: type as 'click', name, key: w.key ?? '' }
  switch (type) {
    case 'view':
      return { type, name, url: w.url ?? '' }
    case 'miniprogram':
      return { type, name, url: w.url ?? '', appId: w.appid ?? '', pagePath: w.pagepath ?? '' }
    case 'media_id':
      return { type, name, mediaId: w.media_id ?? '' }
    case 'article_id':
    case 'article_view_limited':
      return { type, name, articleId: w.article_id ?? '' }
    default:
      return { type: 'unknown', wireType: type, name }
  }
}

// WeChat answers every button with a `sub_button` array, empty for an action button.
export function buttonFromWire(w: WireButton): ReadButton {
  if (w.sub_button && w.sub_button.length > 0) return { name: w.name ?? '', subButtons: w.sub_button.map(actionFromWire) }
  return actionFromWire(w)
}

export function menuFromWire(w: WireMenu | undefined): ReadMenu {
  return { buttons: (w?.button ?? []).map(buttonFromWire), ...(w?.menuid === undefined ? {} : { menuId: toIdString(w.menuid) }) }
}

export function matchRuleFromWire(w: WireMatchRule | undefined): ReadMatchRule {
  const out: Record<string, string> = {}
  const tag = w?.tag_id ?? w?.group_id
  if (tag !== undefined && tag !== '') out.tagId = String(tag)
  const rest: readonly [keyof WireMatchRule, keyof ReadMatchRule][] = [
    ['sex', 'sex'],
    ['country', 'country'],
    ['province', 'province'],
    ['city', 'city'],
    ['client_platform_type', 'clientPlatformType'],
    ['language', 'language'],
  ]
  for (const [wire, ours] of rest) {
    const v = w?.[wire]
    if (v !== undefined && v !== '') out[ours] = String(v)
  }
  return out
}
