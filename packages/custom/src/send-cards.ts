// Sends of cards: a card/coupon (wxcard) and a mini-program page.
import type { MiniProgramPageMessage, WeChatClient } from '@wxmp/core'
import { sendAs, type SendCustomOptions } from './send'
import { object } from './internal/object-arg'

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
  return object('page', page, async () =>
    sendAs('sendMiniProgramPage', client, openid, { ...page, type: 'miniprogrampage' }, options, ['message', 'page']),
  )
}
