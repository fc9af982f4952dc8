// Sending a template message. Every send carries a client_msg_id (yours, or one made here), so a
// send whose answer was lost is retried safely: WeChat delivers one message per openid + id.
import {
  assertHttpUrl,
  assertObject,
  assertOpenId,
  assertOptions,
  assertString,
  toKeywordValues,
  type CallOptions,
  type KeywordRules,
  type WeChatClient,
} from '@wxmp/core'
import type { KeysOf, TemplateData } from './keys'
import { checkValue, kindOf } from './internal/rules'
import { msgIdOf, sendBody, type WireSendAnswer } from './internal/wire'

/** Where tapping the message leads: a mini program page (wins over `url` when both are given). */
export interface MiniProgramTarget {
  /** The mini program's AppID; it must be linked to this Official Account. */
  readonly appId: string
  /** Page path with query, e.g. `pages/order?id=42`. */
  readonly pagePath?: string
}

/** A template message. With a {@link defineTemplate} id, `data` is checked against its keys. */
export interface TemplateMessage<T extends string = string> {
  /** The recipient: a follower's openid. */
  readonly openid: string
  readonly templateId: T
  readonly data: TemplateData<KeysOf<T>>
  /** Link opened by a tap (overseas accounts cannot link). */
  readonly url?: string
  readonly miniProgram?: MiniProgramTarget
  /**
   * Dedup key: WeChat sends one message per openid + id (for 10 minutes). Generated when omitted;
   * pass your own (e.g. an order event id) to make your own retries safe too.
   */
  readonly clientMsgId?: string
}

export interface TemplateSendResult {
  /** WeChat's 64-bit message id, as an exact decimal string. */
  readonly msgId: string
  /** The dedup key the send carried: send again with it to retry without a duplicate. */
  readonly clientMsgId: string
}

function newClientMsgId(): string {
  return globalThis.crypto.randomUUID()
}

const RULES: KeywordRules = { kindOf, checkValue, seconds: true }

/**
 * Sends a template message to a follower. Values are checked by their key's rule before sending
 * (`thing` ≤ 20 characters, `phrase` ≤ 5 Chinese characters, ...), naming the key that broke it.
 * Retried after a lost answer without a duplicate, thanks to `clientMsgId`.
 *
 * @example
 * ```ts
 * const orderShipped = defineTemplate(templateId, ['thing1', 'character_string2', 'time3'])
 * const { msgId } = await sendTemplateMessage(wx, {
 *   openid,
 *   templateId: orderShipped,
 *   data: { thing1: 'Bluetooth headphones', character_string2: 'SF1234567890', time3: new Date() },
 *   url: 'https://shop.example.com/orders/42',
 * })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 */
export async function sendTemplateMessage<T extends string>(
  client: WeChatClient,
  message: TemplateMessage<T>,
  options: CallOptions = {},
): Promise<TemplateSendResult> {
  assertOptions('sendTemplateMessage options', options, ['signal'])
  assertObject('message', message)
  assertOptions('message', message, ['openid', 'templateId', 'data', 'url', 'miniProgram', 'clientMsgId'])
  assertOpenId('openid', message.openid)
  assertString('templateId', message.templateId, { pattern: /^[\w-]+$/, patternText: 'a template id (letters, digits, - and _)' })
  const values = toKeywordValues(message.data, RULES)
  if (message.url !== undefined) assertHttpUrl('url', message.url)
  if (message.miniProgram !== undefined) {
    assertOptions('miniProgram', message.miniProgram, ['appId', 'pagePath'])
    assertString('miniProgram.appId', message.miniProgram.appId, {
      pattern: /^wx[0-9a-f]{16}$/i,
      patternText: 'a mini program AppID (wx + 16 hex digits)',
    })
    if (message.miniProgram.pagePath !== undefined) assertString('miniProgram.pagePath', message.miniProgram.pagePath, { controls: 'none' })
  }
  if (message.clientMsgId !== undefined) assertString('clientMsgId', message.clientMsgId, { controls: 'none' })
  const clientMsgId = message.clientMsgId ?? newClientMsgId()

  const answer = await client.request<WireSendAnswer>('/cgi-bin/message/template/send', {
    json: sendBody({ ...message, clientMsgId, values }),
    // The client_msg_id makes a repeat a no-op on WeChat's side, so a lost answer may be retried.
    idempotent: true,
    signal: options.signal,
  })
  return { msgId: msgIdOf(answer), clientMsgId }
}
