// Sending a subscription notification (bizsend). No dedup key exists on this endpoint, so a send is
// never retried once it may have reached WeChat: a follower must not get it twice.
import {
  assertHttpUrl,
  assertObject,
  assertOpenId,
  assertOptions,
  assertString,
  describeValue,
  toIdString,
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

const DATA_KEY = /^[A-Za-z][A-Za-z0-9_]{0,31}$/
const CST_OFFSET_MS = 8 * 3_600_000
const pad = (n: number) => String(n).padStart(2, '0')

function chinaTime(date: Date, withTime: boolean): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('a Date value must be a valid date, got Invalid Date')
  const d = new Date(date.getTime() + CST_OFFSET_MS)
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  return withTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day
}

function wireValues(data: unknown): Record<string, string> {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new TypeError(`data must be an object of key → value, got ${describeValue(data)}`)
  const entries = Object.entries(data)
  if (entries.length === 0) throw new RangeError('data must have at least 1 key')
  const out: Record<string, string> = {}
  for (const [key, raw] of entries) {
    if (!DATA_KEY.test(key))
      throw new RangeError(
        `data keys must be template keys like thing1 or time2 (a letter, then letters, digits or _; at most 32), got ${key === '' ? 'an empty key' : `a key of ${key.length} characters`}`,
      )
    let value: string
    if (typeof raw === 'string') value = raw
    else if (typeof raw === 'number' && Number.isFinite(raw)) value = String(raw)
    else if (raw instanceof Date) value = chinaTime(raw, kindOf(key) !== 'date')
    else throw new TypeError(`data.${key} must be a string, a finite number or a Date, got ${describeValue(raw)}`)
    checkValue(key, value)
    out[key] = value
  }
  return out
}

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
  const values = wireValues(message.data)
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
