// WeChat's checks of a menu body, with its errcodes (global return codes 40016-40027):
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu
// 1-3 buttons (40016), a known type (40017, 40024 in a sub-menu), name at most 16 bytes (40018) or
// 60 in a sub-menu (40025), key 1-128 bytes (40019 / 40026), url 1-1024 bytes (40020 / 40027),
// 1-5 sub-buttons (40023), one level of nesting (40022). A button with a non-empty `sub_button`
// is a sub-menu whatever its `type` says (WeChat's answers list sub-menus without a type).
import type { WireButton } from './store'

const KEYED = new Set(['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select'])
const TYPES = new Set([...KEYED, 'view', 'miniprogram', 'media_id', 'article_id', 'article_view_limited'])

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')
const sized = (v: unknown, max: number): v is string => typeof v === 'string' && v !== '' && bytes(v) <= max

/** The errcode for the first thing WeChat refuses in `b` (sub: inside a sub-menu), or 0. */
function actionError(b: Record<string, unknown>, sub: boolean): number {
  if (typeof b.type !== 'string' || !TYPES.has(b.type)) return sub ? 40024 : 40017
  if (!sized(b.name, sub ? 60 : 16)) return sub ? 40025 : 40018
  if (KEYED.has(b.type) && !sized(b.key, 128)) return sub ? 40026 : 40019
  if ((b.type === 'view' || b.type === 'miniprogram') && (!sized(b.url, 1024) || !/^https?:\/\//.test(b.url as string)))
    return sub ? 40027 : 40020
  if (
    b.type === 'miniprogram' &&
    (typeof b.appid !== 'string' || !/^wx[0-9a-f]{16}$/.test(b.appid) || typeof b.pagepath !== 'string' || b.pagepath === '')
  )
    return 40013
  if (b.type === 'media_id' && !sized(b.media_id, 256)) return 40007
  if ((b.type === 'article_id' || b.type === 'article_view_limited') && !sized(b.article_id, 256)) return 40007
  return 0
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** 0 and the buttons as stored, or the errcode WeChat answers. */
export function checkButtons(button: unknown): { errcode: number; buttons: WireButton[] } {
  if (!Array.isArray(button) || button.length < 1 || button.length > 3) return { errcode: 40016, buttons: [] }
  const buttons: WireButton[] = []
  for (const b of button) {
    if (!isObj(b)) return { errcode: 40016, buttons: [] }
    const subs = b.sub_button
    if (Array.isArray(subs) && subs.length > 0) {
      if (!sized(b.name, 16)) return { errcode: 40018, buttons: [] }
      if (subs.length > 5) return { errcode: 40023, buttons: [] }
      const kept: WireButton[] = []
      for (const s of subs) {
        if (!isObj(s)) return { errcode: 40024, buttons: [] }
        if (Array.isArray(s.sub_button) && s.sub_button.length > 0) return { errcode: 40022, buttons: [] }
        const errcode = actionError(s, true)
        if (errcode) return { errcode, buttons: [] }
        kept.push(pick(s))
      }
      buttons.push({ name: b.name as string, sub_button: kept })
      continue
    }
    const errcode = actionError(b, false)
    if (errcode) return { errcode, buttons: [] }
    buttons.push(pick(b))
  }
  return { errcode: 0, buttons }
}

/** The fields WeChat keeps of an action button. */
function pick(b: Record<string, unknown>): WireButton {
  const out: Record<string, string> = {}
  for (const f of ['type', 'name', 'key', 'url', 'media_id', 'appid', 'pagepath', 'article_id'])
    if (typeof b[f] === 'string') out[f] = b[f] as string
  return out
}

/** Every link domain of `buttons` (view and miniprogram URLs). */
export function domainsOf(buttons: readonly WireButton[]): string[] {
  const out: string[] = []
  for (const b of buttons) {
    for (const s of b.sub_button?.length ? b.sub_button : [b]) {
      if (typeof s.url === 'string') {
        try {
          out.push(new URL(s.url).hostname)
        } catch {
          // checked before: not reached
        }
      }
    }
  }
  return out
}
