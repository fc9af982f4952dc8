// Public types of the menu module's control routes (what `control.tapMenu` takes).

/**
 * Which button a follower taps: its `key` (click, scancode_*, pic_*, location_select buttons), or
 * its position in the menu they see, `[top]` or `[top, sub]` (any button type, zero-based).
 */
export type MenuButtonRef = string | readonly [number] | readonly [number, number]

/** What the follower does after the tap, for buttons that ask (defaults are made up). */
export interface TapMenuOptions {
  /** @default the first app */
  readonly appId?: string
  /** scancode_push / scancode_waitmsg: what the scan read. @default { type: 'qrcode', result: 'https://weixin.qq.com/r/emulator' } */
  readonly scan?: { readonly type?: string; readonly result?: string }
  /** pic_*: the pictures sent, by MD5 (or how many, MD5s made up). 1 to 9, as WeChat's pickers allow. @default 1 */
  readonly pictures?: number | readonly string[]
  /** location_select: the place picked. @default a point in Guangzhou */
  readonly location?: {
    readonly x: number
    readonly y: number
    readonly scale?: number
    readonly label?: string
    readonly poiname?: string
  }
}
