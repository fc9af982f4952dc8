// POST /cgi-bin/message/custom/send: one typed entry point over every customer-service message kind.
import {
  assertMessage,
  assertOpenId,
  assertString,
  toWireMessage,
  type CallOptions,
  type CustomMessage,
  type WeChatClient,
} from '@wxmp/core'
import { postCustom } from './internal/post'
import { CUSTOM_MESSAGE_TYPES, TEXT_MAX_BYTES } from './internal/limits'

/** Options of {@link sendCustomMessage} and the `send*` helpers. */
export interface SendCustomOptions extends CallOptions {
  /**
   * Send as this customer-service account (`prefix@wechatid`), so the user sees its nickname and
   * avatar. @default the Official Account itself
   */
  readonly kfAccount?: string
}

/**
 * Sends a customer-service message to a user who interacted with the account in the last 48 hours.
 *
 * Never retried after the request may have reached WeChat (timeout, reset, 5xx, errcode -1): WeChat
 * has no dedup key for these sends, so a retry could deliver twice. Only a token error (answered
 * before WeChat does anything) is retried. WeChat answers 45015 outside the 48-hour window and
 * 45047 when too many messages went out since the user's last message.
 *
 * @example
 * ```ts
 * await sendCustomMessage(wx, openid, { type: 'text', content: 'Your order has shipped' })
 * await sendCustomMessage(wx, openid, { type: 'image', mediaId }, { kfAccount: 'anna@myaccount' })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export async function sendCustomMessage(
  client: WeChatClient,
  openid: string,
  message: CustomMessage,
  options: SendCustomOptions = {},
): Promise<void> {
  await sendAs('sendCustomMessage', client, openid, message, options)
}

/**
 * {@link sendCustomMessage} for the `send*` helpers (not exported from the package): `fn` names
 * the options in errors, and `as` renames the message's field path to the helper's own argument
 * (`message.articles[0].url` -> `article.url`), so an error names what the caller passed.
 */
export async function sendAs(
  fn: string,
  client: WeChatClient,
  openid: string,
  message: CustomMessage,
  options: SendCustomOptions = {},
  as?: readonly [from: string, to: string],
): Promise<void> {
  assertOpenId('openid', openid)
  try {
    assertMessage('message', message, CUSTOM_MESSAGE_TYPES)
    if (message.type === 'text') assertString('message.content', message.content, { maxBytes: TEXT_MAX_BYTES })
  } catch (error) {
    if (as && error instanceof Error && error.message.startsWith(as[0])) error.message = as[1] + error.message.slice(as[0].length)
    throw error
  }
  await postCustom(client, openid, toWireMessage(message), options, fn)
}
