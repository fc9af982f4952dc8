// Template state of one app: its private templates, industry, daily send count, users who
// refused template messages, and the client_msg_id records that make a repeated send a no-op.
import { randomBytes } from 'node:crypto'

export const TEMPLATE_LIMIT = 25
export const DEFAULT_DAILY_QUOTA = 100_000
/** WeChat: "for the same openid + client_msg_id only one message is sent; valid for 10 minutes". */
export const DEDUP_WINDOW_MS = 10 * 60_000
/** Industry can be changed once a month. */
export const INDUSTRY_CHANGE_SPACING_MS = 30 * 86_400_000

export interface PrivateTemplate {
  readonly templateId: string
  readonly title: string
  readonly primaryIndustry: string
  readonly deputyIndustry: string
  readonly content: string
  readonly example: string
}

interface Sent {
  readonly msgid: bigint
  readonly at: number
}

// 64-bit like WeChat's (3717005636572528642 seen in the wild): beyond 2^53, so a client that
// parses them as numbers gets them wrong, as it would in production.
let nextMsgId = 3_717_005_636_572_528_642n + BigInt(Math.floor(Math.random() * 1e9)) * 1000n

export function newMsgId(): bigint {
  nextMsgId += 1n + BigInt(Math.floor(Math.random() * 997))
  return nextMsgId
}

/** A template id shaped like WeChat's: 43 characters of base64url. */
export function newTemplateId(): string {
  return randomBytes(33).toString('base64url').slice(0, 43)
}

/** WeChat's daily quotas reset at midnight Beijing time. */
export function dayOf(now: number): number {
  return Math.floor((now + 8 * 3_600_000) / 86_400_000)
}

export class TemplateStore {
  readonly templates = new Map<string, PrivateTemplate>()
  industry: { primary: number; secondary: number; setAt: number } | undefined
  dailyQuota = DEFAULT_DAILY_QUOTA
  readonly refused = new Set<string>()
  /** Users whose deliveries fail, with the TEMPLATESENDJOBFINISH Status they get. */
  readonly deliveryFailures = new Map<string, 'failed:user block' | 'failed: system failed'>()
  private day = -1
  private sentToday = 0
  private readonly sent = new Map<string, Sent>()

  usedToday(now: number): number {
    if (dayOf(now) !== this.day) {
      this.day = dayOf(now)
      this.sentToday = 0
    }
    return this.sentToday
  }

  setUsedToday(now: number, used: number): void {
    this.usedToday(now)
    this.sentToday = used
  }

  countSend(now: number): void {
    this.sentToday = this.usedToday(now) + 1
  }

  /** The earlier send with this openid + client_msg_id, if still inside the dedup window. */
  earlier(openid: string, clientMsgId: string, now: number): Sent | undefined {
    const found = this.sent.get(`${openid}\n${clientMsgId}`)
    return found && now - found.at < DEDUP_WINDOW_MS ? found : undefined
  }

  remember(openid: string, clientMsgId: string, msgid: bigint, now: number): void {
    this.sent.set(`${openid}\n${clientMsgId}`, { msgid, at: now })
  }
}
