// Sending a subscription notification (bizsend). No dedup key exists on this endpoint, so a send is
// never retried once it may have reached WeChat: a follower must not get it twice.
import {
  assertHttpUrl,
  assertObject,
  assertOpenId,
  assertOptions,
  assertString,
  toIdString,
  toKeywordValues,
  type KeywordRules,
  type CallOptions,
  type WeChatClient,
} from '@wxmp/core'
import { checkValue, kindOf } from './internal/rules'
import { sendBody } from './internal/wire'

/** Where tapping the notification leads: a mini program page (wins over `page` when both are given). */
export interface SubscribeMiniProgram {
  /** The mini program's AppID; it must be linked to this account. */
  readonly appId: string
  /** Page path with query, e.g. `pages/order?id=42`. */
  readonly pagePath?: string
}

/** A value of a key: times and dates may be a `Date` (written in China time), numbers a number. */
export type SubscribeValue = string | number | Date

export interface SubscribeMessage {
  /** The recipient: the openid of a follower who accepted this template. */
  readonly openid: string
  readonly templateId: string
  /** Key → value, the keys of the template's content (`thing1`, `time2`, ...). */
  readonly data: Readonly<Record<string, SubscribeValue>>
  /** A web page opened by a tap (`page` on the wire). */
  readonly page?: string
  readonly miniProgram?: SubscribeMiniProgram
}

export interface SubscribeSendResult {
  /**
   * WeChat's 64-bit message id as an exact decimal string, when the answer carries one (the doc
   * lists only errcode/errmsg): the `MsgID` of the `subscribe_msg_sent_event` that follows.
   */
  readonly msgId?: string
}

const RULES: KeywordRules = { kindOf, checkValue, seconds: false }

/**
 * Sends a subscription notification to a follower who accepted the template. Each value is checked
 * by its key's rule before sending (`thing` ≤ 20 characters, `phrase` ≤ 5 Chinese characters,
 * `amount` a currency symbol and ≤ 10 digits, ...), naming the key that broke it.
 *
 * WeChat answers 43101 when the follower did not accept (or used up a one-time subscription),
 * 40037 for an unknown template, 40003 for a bad openid, 47003 for a value it refused (naming
 * `data.<key>.value`). Not retried after it may have reached WeChat: the endpoint has no dedup key.
 *
 * @example
 * ```ts
 * await sendSubscribeMessage(wx, {
 *   openid,
 *   templateId,
 *   data: { thing1: 'Bluetooth headphones', time2: new Date(), amount3: '¥299.00' },
 *   page: 'https://shop.example.com/orders/42',
 * })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
 */
export async function sendSubscribeMessage(
  client: WeChatClient,
  message: SubscribeMessage,
  options: CallOptions = {},
): Promise<SubscribeSendResult> {
  assertOptions('sendSubscribeMessage options', options, ['signal'])
  assertObject('message', message)
  assertOptions('message', message, ['openid', 'templateId', 'data', 'page', 'miniProgram'])
  assertOpenId('openid', message.openid)
  assertString('templateId', message.templateId, { pattern: /^[\w-]+$/, patternText: 'a template id (letters, digits, - and _)' })
  const values = toKeywordValues(message.data, RULES)
  if (message.page !== undefined) assertHttpUrl('page', message.page)
  if (message.miniProgram !== undefined) {
    assertObject('miniProgram', message.miniProgram)
    assertOptions('miniProgram', message.miniProgram, ['appId', 'pagePath'])
    assertString('miniProgram.appId', message.miniProgram.appId, {
      pattern: /^wx[0-9a-f]{16}$/i,
      patternText: 'a mini program AppID (wx + 16 hex digits)',
    })
    if (message.miniProgram.pagePath !== undefined) assertString('miniProgram.pagePath', message.miniProgram.pagePath, { controls: 'none' })
  }
  const answer = await client.request<{ msgid?: string | number }>('/cgi-bin/message/subscribe/bizsend', {
    json: sendBody({ ...message, values }),
    signal: options.signal,
  })
  return answer.msgid === undefined ? {} : { msgId: toIdString(answer.msgid) }
}
