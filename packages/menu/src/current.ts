// What is live: the menu set through the API or, if an operator published one in the admin
// console, that one, with the console's own button shapes (text, img, voice, video, news).
import { assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import type { ActionButton, UnknownButton } from './types'

/** An article of a console `news` button. */
export interface CurrentNewsArticle {
  readonly title: string
  readonly author: string
  readonly digest: string
  readonly showCover: boolean
  readonly coverUrl: string
  readonly contentUrl: string
  readonly sourceUrl: string
}

/** Buttons an operator set in the admin console. */
export type ConsoleButton =
  | { readonly type: 'text'; readonly name: string /** The text sent. */; readonly text: string }
  | { readonly type: 'img' | 'voice'; readonly name: string; readonly mediaId: string }
  | { readonly type: 'video'; readonly name: string /** The video's download URL. */; readonly url: string }
  | { readonly type: 'news'; readonly name: string; readonly mediaId: string; readonly articles: readonly CurrentNewsArticle[] }

export type CurrentActionButton = ActionButton | ConsoleButton | UnknownButton

export interface CurrentSubMenu {
  readonly name: string
  readonly subButtons: readonly CurrentActionButton[]
}

/** What {@link getCurrentMenuInfo} answers. */
export interface CurrentMenuInfo {
  /** Whether the account's menu is switched on. */
  readonly isMenuOpen: boolean
  /** The live menu's buttons (empty when there is none). */
  readonly buttons: readonly (CurrentActionButton | CurrentSubMenu)[]
}

interface WireCurrentButton {
  readonly type?: string
  readonly name?: string
  readonly key?: string
  readonly url?: string
  readonly value?: string
  readonly appid?: string
  readonly pagepath?: string
  readonly media_id?: string
  readonly article_id?: string
  readonly news_info?: { readonly list?: readonly Record<string, unknown>[] }
  readonly sub_button?: { readonly list?: readonly WireCurrentButton[] }
}

const KEYED = new Set(['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select'])
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v))

function article(a: Record<string, unknown>): CurrentNewsArticle {
  return {
    title: s(a.title),
    author: s(a.author),
    digest: s(a.digest),
    showCover: Number(a.show_cover) === 1,
    coverUrl: s(a.cover_url),
    contentUrl: s(a.content_url),
    sourceUrl: s(a.source_url),
  }
}

// The page: API buttons keep their key/url; console ones put their payload in `value`.
function action(w: WireCurrentButton): CurrentActionButton {
  const type = w.type ?? ''
  const name = w.name ?? ''
  if (KEYED.has(type)) return { type: type as 'click', name, key: s(w.key) }
  switch (type) {
    case 'view':
      return { type, name, url: s(w.url ?? w.value) }
    case 'miniprogram':
      return { type, name, url: s(w.url), appId: s(w.appid), pagePath: s(w.pagepath) }
    case 'media_id':
      return { type, name, mediaId: s(w.media_id ?? w.value) }
    case 'article_id':
    case 'article_view_limited':
      return { type, name, articleId: s(w.article_id ?? w.value) }
    case 'text':
      return { type, name, text: s(w.value) }
    case 'img':
    case 'voice':
      return { type, name, mediaId: s(w.value) }
    case 'video':
      return { type, name, url: s(w.value) }
    case 'news':
      return { type, name, mediaId: s(w.value), articles: (w.news_info?.list ?? []).map(article) }
    default:
      return { type: 'unknown', wireType: type, name }
  }
}

/**
 * The menu followers see now, however it was set: through the API, or published by an operator in
 * the admin console (then buttons come in the console's shapes: `text`, `img`, `voice`, `video`,
 * `news` with its articles). Media ids of console img/voice/video buttons are temporary.
 *
 * @example
 * ```ts
 * const { isMenuOpen, buttons } = await getCurrentMenuInfo(wx)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_getcurrentselfmenuinfo
 */
export async function getCurrentMenuInfo(client: WeChatClient, options: CallOptions = {}): Promise<CurrentMenuInfo> {
  assertOptions('getCurrentMenuInfo options', options, ['signal'])
  const answer = await client.request<{ is_menu_open?: number; selfmenu_info?: { button?: readonly WireCurrentButton[] } }>(
    '/cgi-bin/get_current_selfmenu_info',
    {
      signal: options.signal,
    },
  )
  return {
    isMenuOpen: Number(answer.is_menu_open) === 1,
    buttons: (answer.selfmenu_info?.button ?? []).map((b) =>
      b.sub_button?.list && (b.sub_button.list.length > 0 || b.type === undefined)
        ? { name: b.name ?? '', subButtons: b.sub_button.list.map(action) }
        : action(b),
    ),
  }
}
