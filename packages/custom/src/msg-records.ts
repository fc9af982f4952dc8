// The chat transcript of the customer-service accounts (msgrecord/getmsglist): a page by msgid
// within one day, and an iterator over every page.
// https://developers.weixin.qq.com/doc/service/Customer_Service/Obtain_chat_transcript.html
import { assertInteger, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'

/** At most this many records a page (the doc: number ≤ 10000). */
export const MSG_RECORDS_PAGE_MAX = 10_000
/** A query spans at most 24 hours (the doc: 起始时间和结束时间 ≤ 24 小时). */
export const MSG_RECORDS_SPAN_MAX_SECONDS = 24 * 3600

/** One record: `opercode` 1000 created a waiting session, 1001 accepted, 1002 started, 1004 closed, 2002 a kf message, 2003 a follower's message ... */
export interface MsgRecord {
  readonly openid: string
  readonly opercode: number
  readonly text: string
  /** Epoch seconds. */
  readonly time: number
  /** The kf account; '' for the follower's own records. */
  readonly worker: string
}

export interface MsgRecordRange {
  /** Start, epoch seconds (or a Date). */
  readonly start: number | Date
  /** End, epoch seconds (or a Date); at most 24 hours after `start`. */
  readonly end: number | Date
}

export interface ListMsgRecordsOptions extends CallOptions {
  /** First record id to read, from 1: pass the previous page's `nextMsgId`. @default 1 */
  readonly msgId?: number
  /** Records in the page, 1 to 10000. @default 10000 */
  readonly number?: number
}

export interface MsgRecordPage {
  readonly records: readonly MsgRecord[]
  /** Where the next page starts (`msgId` of the next call). */
  readonly nextMsgId: number
  /** Whether a full page came back: there may be more. */
  readonly more: boolean
}

const seconds = (v: number | Date) => (v instanceof Date ? Math.floor(v.getTime() / 1000) : v)

function checkRange(range: MsgRecordRange): [number, number] {
  assertOptions('range', range, ['start', 'end'])
  const start = seconds(range.start)
  const end = seconds(range.end)
  assertInteger('range.start', start, { min: 0 })
  assertInteger('range.end', end, { min: start })
  if (end - start > MSG_RECORDS_SPAN_MAX_SECONDS) throw new RangeError(`range must span at most 24 hours (86400 s), got ${end - start} s`)
  return [start, end]
}

/**
 * One page of chat records between `start` and `end` (at most 24 hours apart), from `msgId` on.
 * 65416 for bad parameters, 65417 for a span over 24 hours.
 *
 * @example
 * ```ts
 * const page = await listMsgRecords(wx, { start: new Date(Date.now() - 3_600_000), end: new Date() })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/Customer_Service/Obtain_chat_transcript.html
 */
export async function listMsgRecords(
  client: WeChatClient,
  range: MsgRecordRange,
  options: ListMsgRecordsOptions = {},
): Promise<MsgRecordPage> {
  assertOptions('listMsgRecords options', options, ['msgId', 'number', 'signal'])
  const [start, end] = checkRange(range)
  const { msgId = 1, number = MSG_RECORDS_PAGE_MAX } = options
  assertInteger('msgId', msgId, { min: 1 })
  assertInteger('number', number, { min: 1, max: MSG_RECORDS_PAGE_MAX })
  const answer = await client.request<{ recordlist?: MsgRecord[]; number?: number; msgid?: number }>(
    '/customservice/msgrecord/getmsglist',
    {
      json: { starttime: start, endtime: end, msgid: msgId, number },
      idempotent: true,
      signal: options.signal,
    },
  )
  const records = (answer.recordlist ?? []).map((r) => ({
    openid: r.openid,
    opercode: r.opercode,
    text: r.text ?? '',
    time: r.time,
    worker: r.worker ?? '',
  }))
  return { records, nextMsgId: answer.msgid ?? msgId, more: (answer.number ?? records.length) >= number }
}

/**
 * Every chat record between `start` and `end`, a page (10,000) at a time, in constant memory.
 *
 * @example
 * ```ts
 * for await (const r of iterateMsgRecords(wx, { start, end })) if (r.opercode === 2002) console.log(r.worker, r.text)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/Customer_Service/Obtain_chat_transcript.html
 */
export async function* iterateMsgRecords(
  client: WeChatClient,
  range: MsgRecordRange,
  options: Omit<ListMsgRecordsOptions, 'msgId'> = {},
): AsyncGenerator<MsgRecord, void, undefined> {
  assertOptions('iterateMsgRecords options', options, ['number', 'signal'])
  checkRange(range)
  let msgId = 1
  for (;;) {
    const page = await listMsgRecords(client, range, { ...options, msgId })
    yield* page.records
    // A page short of full is the last; a msgid that does not move would loop forever.
    if (!page.more || page.nextMsgId <= msgId) return
    msgId = page.nextMsgId
  }
}
