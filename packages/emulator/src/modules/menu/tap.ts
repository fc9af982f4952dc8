// A follower taps a button of the menu they see: the event WeChat pushes for that button type,
// with its fields, as the menu event page shows them:
// https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
// Tapping a top-level button that opens sub-buttons pushes nothing (点击菜单弹出子菜单，不会产生上报);
// media_id and article buttons are served by WeChat itself and push nothing either.
import { createHash } from 'node:crypto'
import type { StoredMenu, WireButton } from './store'

export class TapRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message)
  }
}

/** The buttons of `menu`, one line each with the path `tapMenu` takes: for an error that says what there is. */
export function describeButtons(menu: StoredMenu): string {
  const line = (b: WireButton, path: string) =>
    `${path} ${JSON.stringify(b.name)} (${b.type}${b.key ? ` key ${JSON.stringify(b.key)}` : ''})`
  const lines: string[] = []
  menu.buttons.forEach((b, i) => {
    if (b.sub_button?.length) b.sub_button.forEach((s, j) => lines.push(line(s, `[${i},${j}]`)))
    else lines.push(line(b, `[${i}]`))
  })
  return lines.join('; ')
}

/** The button `ref` names in `menu`: a key, or a `[top]` / `[top, sub]` path. */
export function findButton(menu: StoredMenu, ref: unknown, who: string): WireButton {
  const there = () => `the menu ${who} sees (menuid ${menu.menuId}) has: ${describeButtons(menu)}`
  if (typeof ref === 'string') {
    for (const b of menu.buttons) for (const s of b.sub_button?.length ? b.sub_button : [b]) if (s.key === ref) return s
    throw new TapRefused(`no button with key ${JSON.stringify(ref.slice(0, 64))}: ${there()}`, 404)
  }
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0
  if (!Array.isArray(ref) || ref.length < 1 || ref.length > 2 || !ref.every(ok)) {
    throw new TapRefused('button must be a key (string) or a path [top] or [top, sub] of non-negative integers')
  }
  const [i, j] = ref as number[]
  const top = menu.buttons[i!]
  const target = j === undefined ? top : top?.sub_button?.[j]
  if (!top || !target) throw new TapRefused(`no button at [${ref.join(',')}]: ${there()}`, 404)
  if (ref.length === 1 && top.sub_button?.length) {
    throw new TapRefused(
      `[${ref[0]}] ${JSON.stringify(top.name)} opens its sub-buttons and pushes nothing: tap one of [${ref[0]},0] to [${ref[0]},${top.sub_button.length - 1}]`,
    )
  }
  return target
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const md5 = (s: string) => createHash('md5').update(s).digest('hex')
/** The most pictures a pic_sysphoto / pic_photo_or_album / pic_weixin tap sends (SendPicsInfo Count). */
const MAX_PICTURES = 9

export interface Tap {
  /** The fields pushed after ToUserName, FromUserName, CreateTime; undefined when WeChat pushes nothing. */
  readonly fields: Record<string, unknown> | undefined
  /** Whether the tap opens the customer-service window (click and the two scan buttons only). */
  readonly opensWindow: boolean
  /** Whether a passive reply reaches the follower (not after they left for a page or mini program). */
  readonly replies: boolean
}

/** What WeChat pushes for a tap on `b` in `menu`, with what the follower did after (`b` options). */
export function tapFields(menu: StoredMenu, b: WireButton, body: Record<string, unknown>): Tap {
  const base = { MsgType: 'event', Event: b.type, EventKey: b.key }
  switch (b.type) {
    case 'click':
      return { fields: { MsgType: 'event', Event: 'CLICK', EventKey: b.key }, opensWindow: true, replies: true }
    case 'view':
      return {
        fields: { MsgType: 'event', Event: 'VIEW', EventKey: b.url, MenuId: Number(menu.menuId) },
        opensWindow: false,
        replies: false,
      }
    case 'miniprogram':
      return {
        fields: { MsgType: 'event', Event: 'view_miniprogram', EventKey: b.pagepath, MenuId: Number(menu.menuId) },
        opensWindow: false,
        replies: false,
      }
    case 'scancode_push':
    case 'scancode_waitmsg': {
      const scan = isObj(body.scan) ? body.scan : {}
      const info = {
        ScanType: typeof scan.type === 'string' ? scan.type : 'qrcode',
        ScanResult: typeof scan.result === 'string' ? scan.result : 'https://weixin.qq.com/r/emulator',
      }
      return { fields: { ...base, ScanCodeInfo: info }, opensWindow: true, replies: true }
    }
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin': {
      const p = body.pictures ?? 1
      // SendPicsInfo's Count: the pic_* choosers let a follower pick at most 9 pictures.
      if (Array.isArray(p) && p.length > MAX_PICTURES)
        throw new TapRefused(
          `pictures must be 1 to ${MAX_PICTURES} MD5 sums (a pic_* button sends at most ${MAX_PICTURES}), got ${p.length}`,
        )
      const sums = Array.isArray(p)
        ? p.map(String)
        : typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= MAX_PICTURES
          ? Array.from({ length: p }, (_, i) => md5(`${b.key}:${Date.now()}:${i}`))
          : undefined
      if (!sums || sums.length < 1)
        throw new TapRefused(`pictures must be 1 to ${MAX_PICTURES}, or a list of 1 to ${MAX_PICTURES} MD5 sums`)
      return {
        fields: { ...base, SendPicsInfo: { Count: sums.length, PicList: sums.map((PicMd5Sum) => ({ PicMd5Sum })) } },
        opensWindow: false,
        replies: true,
      }
    }
    case 'location_select': {
      const l = isObj(body.location)
        ? body.location
        : { x: 23.137466, y: 113.352425, scale: 15, label: '广州市海珠区客村艺苑路 106号', poiname: '' }
      if (typeof l.x !== 'number' || typeof l.y !== 'number')
        throw new TapRefused('location must be { x, y, scale?, label?, poiname? } with numbers x and y')
      const info = {
        Location_X: l.x,
        Location_Y: l.y,
        Scale: typeof l.scale === 'number' ? l.scale : 15,
        Label: typeof l.label === 'string' ? l.label : '',
        Poiname: typeof l.poiname === 'string' ? l.poiname : '',
      }
      return { fields: { ...base, SendLocationInfo: info }, opensWindow: false, replies: true }
    }
    default:
      // media_id, article_id, article_view_limited: WeChat sends or opens the content itself.
      return { fields: undefined, opensWindow: false, replies: false }
  }
}
