// Template messages WeChat intercepted (拦截的模板消息): which ones, to whom, with what content. The
// doc gives no reason field; the content is what to check against the template rules.
// https://developers.weixin.qq.com/doc/service/api/notify/template/api_queryblocktmplmsg
import { assertInteger, assertOptions, assertString, type CallOptions, type WeChatClient } from '@wxmp/core'

/** Records a page holds at most (the doc: 单页查询的最大条数是100). */
export const BLOCKED_PAGE_MAX = 100

/** An intercepted template message. */
export interface BlockedMessage {
  /** The record's id: pass the page's largest as `largestId` for the next page. */
  readonly id: number
  readonly templateId: string
  readonly title: string
  readonly content: string
  /** When it was sent, epoch seconds. */
  readonly sentAt: number
  readonly openid: string
}

export interface ListBlockedOptions extends CallOptions {
  /** The previous page's largest record id; 0 for the first page. @default 0 */
  readonly largestId?: number
  /** Records in the page, 1 to 100. @default 100 */
  readonly limit?: number
}

interface WireBlocked {
  id: number | string
  tmpl_msg_id: string
  title?: string
  content?: string
  send_timestamp?: number
  openid?: string
}

/**
 * One page of the intercepted messages of a template, oldest first.
 *
 * @example
 * ```ts
 * const blocked = await listBlockedMessages(wx, templateId)
 * for (const m of blocked) console.log(m.openid, new Date(m.sentAt * 1000), m.content)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_queryblocktmplmsg
 */
export async function listBlockedMessages(
  client: WeChatClient,
  templateId: string,
  options: ListBlockedOptions = {},
): Promise<BlockedMessage[]> {
  assertOptions('listBlockedMessages options', options, ['largestId', 'limit', 'signal'])
  assertString('templateId', templateId, { pattern: /^[\w-]+$/, patternText: 'a template id (letters, digits, - and _)' })
  const { largestId = 0, limit = BLOCKED_PAGE_MAX } = options
  assertInteger('largestId', largestId, { min: 0, max: 0xffffffff })
  assertInteger('limit', limit, { min: 1, max: BLOCKED_PAGE_MAX })
  const answer = await client.request<{ msginfo?: WireBlocked | WireBlocked[] }>('/wxa/sec/queryblocktmplmsg', {
    json: { tmpl_msg_id: templateId, largest_id: largestId, limit },
    idempotent: true,
    signal: options.signal,
  })
  // The doc's example shows one object; live answers carry a list ([] when none): take both.
  const list = answer.msginfo === undefined ? [] : Array.isArray(answer.msginfo) ? answer.msginfo : [answer.msginfo]
  return list.map((m) => ({
    id: Number(m.id),
    templateId: m.tmpl_msg_id,
    title: m.title ?? '',
    content: m.content ?? '',
    sentAt: m.send_timestamp ?? 0,
    openid: m.openid ?? '',
  }))
}

/**
 * Every intercepted message of a template, a page (100) at a time.
 *
 * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_queryblocktmplmsg
 */
export async function* iterateBlockedMessages(
  client: WeChatClient,
  templateId: string,
  options: CallOptions = {},
): AsyncGenerator<BlockedMessage, void, undefined> {
  assertOptions('iterateBlockedMessages options', options, ['signal'])
  let largestId = 0
  for (;;) {
    const page = await listBlockedMessages(client, templateId, {
      largestId,
      limit: BLOCKED_PAGE_MAX,
      ...(options.signal ? { signal: options.signal } : {}),
    })
    yield* page
    const next = Math.max(largestId, ...page.map((m) => m.id))
    // A short page is the last; an id that does not grow would loop forever.
    if (page.length < BLOCKED_PAGE_MAX || next <= largestId) return
    largestId = next
  }
}
