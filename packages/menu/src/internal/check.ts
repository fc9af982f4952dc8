// Every limit of the create page, checked before a request, each error naming the button's path
// in the tree (`menu.buttons[1].subButtons[4].name`). Limits:
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu
// (1-3 buttons, 1-5 sub-buttons, name 16 bytes / 60 in a sub-menu, key 128 bytes, url 1024 bytes,
// pagePath 1024 bytes: our bound, the page states none,
// `type` and `sub_button` mutually exclusive) and the conditional page's 3-domain rule
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu
import { assertArray, assertHttpUrl, assertInteger, assertObject, assertOneOf, assertString, describeValue, didYouMean } from '@wxmp/core'
import type { ConditionalMenu, Menu } from '../types'

export const MENU_MAX_BUTTONS = 3
export const MENU_MAX_SUB_BUTTONS = 5
export const MENU_NAME_MAX_BYTES = 16
export const MENU_SUB_NAME_MAX_BYTES = 60
export const MENU_KEY_MAX_BYTES = 128
export const MENU_URL_MAX_BYTES = 1024
/**
 * WeChat's create page states no bound for `pagepath`; this mirrors the url's 1024 bytes so a
 * runaway path (100 KB) is refused here rather than sent.
 */
export const MENU_PAGE_PATH_MAX_BYTES = 1024
export const CONDITIONAL_MENU_MAX_DOMAINS = 3

const TYPES = [
  'click',
  'view',
  'miniprogram',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'media_id',
  'article_id',
  'article_view_limited',
] as const

/** The fields each type takes besides `type` and `name`. */
function fieldsOf(type: string): readonly string[] {
  switch (type) {
    case 'view':
      return ['url']
    case 'miniprogram':
      return ['url', 'appId', 'pagePath']
    case 'media_id':
      return ['mediaId']
    case 'article_id':
    case 'article_view_limited':
      return ['articleId']
    default:
      return ['key']
  }
}

function onlyFields(path: string, b: Readonly<Record<string, unknown>>, allowed: readonly string[], why: string): void {
  for (const field of Object.keys(b)) {
    if (!allowed.includes(field))
      throw new TypeError(
        `${path} has no field ${JSON.stringify(field.slice(0, 40))}${didYouMean(field, allowed)}; ${why} takes ${allowed.join(', ')}`,
      )
  }
}

const str = (path: string, value: unknown, maxBytes?: number) =>
  assertString(path, value, { controls: 'none', ...(maxBytes === undefined ? {} : { maxBytes }) })

function checkUrl(path: string, value: unknown): void {
  str(path, value, MENU_URL_MAX_BYTES)
  assertHttpUrl(path, value, { max: MENU_URL_MAX_BYTES })
}

/**
 * Calls `each` for every index of `items`, holes included: forEach skips the holes of a sparse
 * array (`[, b]`) while the wire's map keeps them, so WeChat would get `null` (40016 / 40024).
 */
function everyItem(path: string, items: readonly unknown[], each: (item: unknown, at: string) => void): void {
  for (let i = 0; i < items.length; i++) {
    const at = `${path}[${i}]`
    if (!(i in items)) throw new TypeError(`${at} must be a button, got undefined (a hole in a sparse array)`)
    each(items[i], at)
  }
}

function checkAction(path: string, b: unknown, nameMaxBytes: number): void {
  assertObject(path, b)
  if ('subButtons' in b)
    throw new TypeError(`${path} cannot have subButtons: menus nest one level (a top-level button holds the sub-buttons)`)
  assertOneOf(`${path}.type`, b.type, TYPES)
  const fields = fieldsOf(b.type)
  onlyFields(path, b, ['type', 'name', ...fields], `a ${b.type} button`)
  str(`${path}.name`, b.name, nameMaxBytes)
  if (fields.includes('key')) str(`${path}.key`, b.key, MENU_KEY_MAX_BYTES)
  if (fields.includes('url')) checkUrl(`${path}.url`, b.url)
  if (b.type === 'miniprogram') {
    assertString(`${path}.appId`, b.appId, { pattern: /^wx[0-9a-f]{16}$/, patternText: 'a mini program appid (wx and 16 hex digits)' })
    str(`${path}.pagePath`, b.pagePath, MENU_PAGE_PATH_MAX_BYTES)
  }
  if (b.type === 'media_id') str(`${path}.mediaId`, b.mediaId)
  if (b.type === 'article_id' || b.type === 'article_view_limited') str(`${path}.articleId`, b.articleId)
}

/** Throws a TypeError/RangeError naming the first button (by path) that breaks a limit. */
export function checkMenu(menu: unknown, path = 'menu', extra: readonly string[] = []): asserts menu is Menu {
  assertObject(path, menu)
  onlyFields(path, menu, ['buttons', ...extra], 'a menu')
  const buttons = menu.buttons
  assertArray(`${path}.buttons`, buttons, { max: MENU_MAX_BUTTONS })
  everyItem(`${path}.buttons`, buttons, (b, at) => {
    assertObject(at, b)
    if (!('subButtons' in b)) return checkAction(at, b, MENU_NAME_MAX_BYTES)
    // A button that opens sub-buttons sends nothing itself: WeChat's `type` and `sub_button` exclude each other.
    for (const field of Object.keys(b)) {
      if (field !== 'name' && field !== 'subButtons')
        throw new TypeError(`${at} has subButtons, so it carries no action of its own: remove ${JSON.stringify(field.slice(0, 40))}`)
    }
    str(`${at}.name`, b.name, MENU_NAME_MAX_BYTES)
    assertArray(`${at}.subButtons`, b.subButtons, { max: MENU_MAX_SUB_BUTTONS })
    everyItem(`${at}.subButtons`, b.subButtons, (s, sat) => checkAction(sat, s, MENU_SUB_NAME_MAX_BYTES))
  })
}

/** Rules WeChat refuses with 65320 since it stopped matching on personal data. */
const PRIVATE_RULES = ['sex', 'country', 'province', 'city', 'language']

export function checkConditionalMenu(menu: unknown, path = 'menu'): asserts menu is ConditionalMenu {
  checkMenu(menu, path, ['matchRule'])
  const rule = (menu as { matchRule?: unknown }).matchRule
  assertObject(`${path}.matchRule`, rule)
  for (const field of Object.keys(rule)) {
    if (PRIVATE_RULES.includes(field))
      throw new TypeError(`${path}.matchRule.${field}: WeChat no longer matches menus on personal data (it answers 65320); match on tagId`)
  }
  onlyFields(`${path}.matchRule`, rule, ['tagId'], 'a match rule')
  const tag = rule.tagId
  if (typeof tag === 'number') assertInteger(`${path}.matchRule.tagId`, tag, { min: 0, max: 4_294_967_295 })
  else if (typeof tag === 'string')
    assertString(`${path}.matchRule.tagId`, tag, { pattern: /^\d{1,10}$/, patternText: 'a tag id (decimal digits)' })
  else throw new TypeError(`${path}.matchRule.tagId must be a tag id (number or decimal string), got ${describeValue(tag)}`)
  const domains = new Set<string>()
  for (const b of menu.buttons) for (const s of 'subButtons' in b ? b.subButtons : [b]) if ('url' in s) domains.add(new URL(s.url).hostname)
  if (domains.size > CONDITIONAL_MENU_MAX_DOMAINS) {
    throw new RangeError(
      `${path} links to ${domains.size} domains (${[...domains].join(', ')}): a conditional menu may link to at most ${CONDITIONAL_MENU_MAX_DOMAINS}`,
    )
  }
}
