// The menu tree, our side: one interface per button type WeChat's create page lists, each with
// exactly the fields that type needs, and a sub-menu that carries buttons instead of an action.
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu

/** Buttons whose tap pushes an event carrying `key` as `EventKey` (CLICK, scancode_*, pic_*, location_select). */
export type KeyButtonType =
  | 'click'
  | 'scancode_push'
  | 'scancode_waitmsg'
  | 'pic_sysphoto'
  | 'pic_photo_or_album'
  | 'pic_weixin'
  | 'location_select'

/** A button that pushes an event with its `key`. */
export interface KeyButton<T extends KeyButtonType = KeyButtonType, K extends string = string> {
  readonly type: T
  /** Up to 16 bytes of UTF-8 at the top level, 60 in a sub-menu (a Chinese character is 3 bytes). */
  readonly name: string
  /** 1–128 bytes; comes back as the event's `EventKey`. */
  readonly key: K
}

/** Opens a web page; the tap pushes `VIEW` with the URL. */
export interface ViewButton {
  readonly type: 'view'
  readonly name: string
  /** Absolute http(s) URL, at most 1024 bytes. */
  readonly url: string
}

/** Opens a mini program page (verified accounts); the tap pushes `view_miniprogram`. */
export interface MiniProgramButton {
  readonly type: 'miniprogram'
  readonly name: string
  /** Opened by clients too old for mini programs; at most 1024 bytes. */
  readonly url: string
  /** The mini program's appid (`wx` + 16 hex digits). */
  readonly appId: string
  /** The page path, e.g. `pages/index/index`. */
  readonly pagePath: string
}

/** Sends a permanent material (image, voice, video, news) to the follower; no push. */
export interface MediaIdButton {
  readonly type: 'media_id'
  readonly name: string
  /** A permanent material's media_id. */
  readonly mediaId: string
}

/** Sends a published article (`article_id`) or opens it (`article_view_limited`); no push. */
export interface ArticleButton {
  readonly type: 'article_id' | 'article_view_limited'
  readonly name: string
  /** The `article_id` publishing returned. */
  readonly articleId: string
}

/** Every button that does something when tapped. */
export type ActionButton = KeyButton | ViewButton | MiniProgramButton | MediaIdButton | ArticleButton

/** A top-level button that opens 1–5 sub-buttons and has no action of its own. */
export interface SubMenu<B = ActionButton> {
  /** A sub-menu sends nothing itself (WeChat's `type` and `sub_button` exclude each other). */
  readonly type?: never
  /** Up to 16 bytes of UTF-8. */
  readonly name: string
  readonly subButtons: readonly B[]
}

export type MenuButton = ActionButton | SubMenu

/** A menu: 1–3 top-level buttons. */
export interface Menu {
  readonly buttons: readonly MenuButton[]
}

/**
 * Who sees a conditional menu. WeChat matches on a user tag only: rules on sex, region or language
 * are refused with 65320 since the privacy change, so this type offers none of them.
 */
export interface MatchRule {
  /** A user tag id (see @wxmp/groups' tags). */
  readonly tagId: number | string
}

/** A conditional menu to add: a menu and the rule that picks its audience. */
export interface ConditionalMenu extends Menu {
  readonly matchRule: MatchRule
}

/** A button as WeChat answers it, with a type this package does not know (a legacy `view_limited`). */
export interface UnknownButton {
  readonly type: 'unknown'
  /** WeChat's `type`. */
  readonly wireType: string
  readonly name: string
}

/** A button read back from WeChat. */
export type ReadButton = ActionButton | UnknownButton | SubMenu<ActionButton | UnknownButton>

/** A menu read back: its buttons and, once conditional menus exist, its id. */
export interface ReadMenu {
  readonly buttons: readonly ReadButton[]
  /** WeChat's `menuid`, as an exact decimal string; the `MenuId` of VIEW events from this menu. */
  readonly menuId?: string
}

/** A match rule read back, as WeChat wrote it (rules made before the privacy change may name more). */
export interface ReadMatchRule {
  readonly tagId?: string
  readonly sex?: string
  readonly country?: string
  readonly province?: string
  readonly city?: string
  readonly clientPlatformType?: string
  readonly language?: string
}

export interface ReadConditionalMenu extends ReadMenu {
  readonly menuId: string
  readonly matchRule: ReadMatchRule
}
