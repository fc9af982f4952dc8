// One app's menus: the default one, the conditional ones (newest last), and a menu an operator
// "published in the admin console" (set through the control API), which get_current_selfmenu_info
// shows until the API sets a menu again.
import type { AppState } from '../../context'

export interface WireButton {
  type?: string
  name?: string
  key?: string
  url?: string
  media_id?: string
  appid?: string
  pagepath?: string
  article_id?: string
  sub_button?: WireButton[]
}

export interface StoredMenu {
  readonly menuId: string
  readonly buttons: WireButton[]
  /** Conditional menus only: the rule as sent. */
  readonly matchrule?: Record<string, unknown>
}

export class MenuStore {
  default: StoredMenu | undefined
  readonly conditional: StoredMenu[] = []
  /** get_current_selfmenu_info's `selfmenu_info` of a console menu, when one is live. */
  console: Record<string, unknown> | undefined
  // Menu ids look like WeChat's (nine digits); each app counts on from its own start.
  private next = 400_000_000 + Math.floor(Math.random() * 1_000_000)

  newId(): string {
    this.next += 1 + Math.floor(Math.random() * 50)
    return String(this.next)
  }
}

export const menuStoreOf = (app: AppState): MenuStore => app.ext('menu', () => new MenuStore())

/** The menu `openid` sees: the newest conditional menu whose tag is the follower's latest tag, else the default. */
export function menuSeenBy(app: AppState, openid: string): StoredMenu | undefined {
  const store = menuStoreOf(app)
  if (!store.default) return undefined
  // WeChat: with several tags on a user, the tag put on last is the one matched.
  const tag = app.tags.tagsOf(openid).at(-1)
  if (tag !== undefined) {
    for (let i = store.conditional.length - 1; i >= 0; i--) {
      const menu = store.conditional[i]!
      if (String(menu.matchrule?.tag_id ?? '') === String(tag)) return menu
    }
  }
  return store.default
}

/** A button as WeChat answers it: every button carries `sub_button`, empty for an action. */
export function answerButton(b: WireButton): WireButton {
  const { sub_button, ...rest } = b
  return { ...rest, sub_button: (sub_button ?? []).map(answerButton) }
}
