// One small function per message kind, over sendCustomMessage: import only what you send.
import { assertObject, assertOpenId, assertString } from '@wxmp/core'
import type {
  MenuItem,
  MiniProgramPageMessage,
  MusicMessage,
  NewsArticle,
  VideoMessage,
  WeChatClient,
} from '@wxmp/core'
import { sendAs, type SendCustomOptions } from './send'
import { postCustom } from './internal/post'
import { TEXT_MAX_BYTES } from './internal/limits'

/** Checks an object argument before it is spread into a message (a spread null would vanish), rejecting like the send. */
function object(name: string, value: unknown, send: () => Promise<void>): Promise<void> {
  try {
    assertObject(name, value)
  } catch (error) {
    return Promise.reject(error)
  }
  return send()
}

/**
 * Sends a text customer-service message (at most 2048 bytes of UTF-8; `<a href>` links allowed).
 *
 * @example
 * ```ts
 * await sendText(wx, openid, 'Thanks! We will call you back within the hour.')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export async function sendText(client: WeChatClient, openid: string, content: string, options: SendCustomOptions = {}): Promise<void> {
  assertOpenId('openid', openid)
  assertString('content', content, { maxBytes: TEXT_MAX_BYTES })
  // Text needs no field mapping ({ content } on both sides): going straight to the request keeps
  // the table of every other kind out of an app that only sends text.
  await postCustom(client, openid, { msgtype: 'text', text: { content } }, options, 'sendText')
}

/**
 * Sends an image by `media_id` (temporary media or a permanent material).
 *
 * @example
 * ```ts
 * await sendImage(wx, openid, mediaId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendImage(client: WeChatClient, openid: string, mediaId: string, options?: SendCustomOptions): Promise<void> {
  return sendAs('sendImage', client, openid, { type: 'image', mediaId }, options, ['message.', ''])
}

/**
 * Sends a voice message by `media_id`.
 *
 * @example
 * ```ts
 * await sendVoice(wx, openid, mediaId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendVoice(client: WeChatClient, openid: string, mediaId: string, options?: SendCustomOptions): Promise<void> {
  return sendAs('sendVoice', client, openid, { type: 'voice', mediaId }, options, ['message.', ''])
}

/**
 * Sends a video with its thumbnail.
 *
 * @example
 * ```ts
 * await sendVideo(wx, openid, { mediaId, thumbMediaId, title: 'Unboxing' })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendVideo(client: WeChatClient, openid: string, video: Omit<VideoMessage, 'type'>, options?: SendCustomOptions): Promise<void> {
  return object('video', video, async () => sendAs('sendVideo', client, openid, { ...video, type: 'video' }, options, ['message', 'video']))
}

/**
 * Sends a music card.
 *
 * @example
 * ```ts
 * await sendMusic(wx, openid, { musicUrl, hqMusicUrl, thumbMediaId, title: 'Theme' })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendMusic(client: WeChatClient, openid: string, music: Omit<MusicMessage, 'type'>, options?: SendCustomOptions): Promise<void> {
  return object('music', music, async () => sendAs('sendMusic', client, openid, { ...music, type: 'music' }, options, ['message', 'music']))
}

/**
 * Sends a link card: one article (WeChat's limit since 2018) that opens `url`.
 *
 * @example
 * ```ts
 * await sendNews(wx, openid, { title: 'Your receipt', url: 'https://example.com/r/42', picUrl })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendNews(client: WeChatClient, openid: string, article: NewsArticle, options?: SendCustomOptions): Promise<void> {
  return object('article', article, async () => sendAs('sendNews', client, openid, { type: 'news', articles: [article] }, options, ['message.articles[0]', 'article']))
}

/**
 * Sends a news item from the draft box or materials (`mpnews` `media_id`).
 *
 * @example
 * ```ts
 * await sendMpNews(wx, openid, mediaId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendMpNews(client: WeChatClient, openid: string, mediaId: string, options?: SendCustomOptions): Promise<void> {
  return sendAs('sendMpNews', client, openid, { type: 'mpnews', mediaId }, options, ['message.', ''])
}

/**
 * Sends a published article by its `article_id`.
 *
 * @example
 * ```ts
 * await sendMpNewsArticle(wx, openid, articleId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendMpNewsArticle(client: WeChatClient, openid: string, articleId: string, options?: SendCustomOptions): Promise<void> {
  return sendAs('sendMpNewsArticle', client, openid, { type: 'mpnewsarticle', articleId }, options, ['message.', ''])
}

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

/**
 * Sends a card/coupon (`wxcard`) by `card_id`.
 *
 * @example
 * ```ts
 * await sendCard(wx, openid, cardId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendCard(client: WeChatClient, openid: string, cardId: string, options?: SendCustomOptions): Promise<void> {
  return sendAs('sendCard', client, openid, { type: 'wxcard', cardId }, options, ['message.', ''])
}

/**
 * Sends a mini-program page card (the mini program must be linked to the account).
 *
 * @example
 * ```ts
 * await sendMiniProgramPage(wx, openid, { title: 'Track order', appId: 'wx1234', pagePath: 'pages/order?id=42', thumbMediaId })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendMiniProgramPage(
  client: WeChatClient,
  openid: string,
  page: Omit<MiniProgramPageMessage, 'type'>,
  options?: SendCustomOptions,
): Promise<void> {
  return object('page', page, async () => sendAs('sendMiniProgramPage', client, openid, { ...page, type: 'miniprogrampage' }, options, ['message', 'page']))
}
