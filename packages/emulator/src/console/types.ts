// What the console's one read route (`GET /__emulator/console/state`) answers: a snapshot of the
// emulator's own state for one app and one follower, read from the same objects (and the same
// control routes) tests read. Types only: the browser code imports them too.
import type { OutboxEntry, PushRecord } from '../types'
import type { FaultInfo, MassJob, PushTargetInfo, TemplateQuota } from '../client/types'
import type { PublishJobInfo } from '../client/features'

/** One line of a follower's chat, oldest first. */
export type ChatItem =
  | {
      /** The follower said it (a message push). */
      readonly side: 'follower'
      readonly key: string
      readonly at: number
      readonly msgType: string
      /** The pushed fields, WeChat's names (Content, PicUrl, Label ...). */
      readonly fields: Readonly<Record<string, unknown>>
      /** How the push went: null status or an error is a failed push. */
      readonly status: number | null
      readonly error?: string
    }
  | {
      /** The account sent it: passive reply, customer-service, template, subscribe, mass, preview. */
      readonly side: 'account'
      readonly key: string
      readonly at: number
      readonly channel: OutboxEntry['channel']
      readonly msgtype: string
      readonly payload: Readonly<Record<string, unknown>>
    }
  | {
      /** Something the follower did (follow, scan, tap): a grey line in the chat. */
      readonly side: 'event'
      readonly key: string
      readonly at: number
      readonly event: string
      readonly fields: Readonly<Record<string, unknown>>
    }

/** A menu button as the follower sees it (WeChat's wire names). */
export interface ConsoleMenuButton {
  readonly type?: string
  readonly name?: string
  readonly key?: string
  readonly url?: string
  readonly sub_button?: readonly ConsoleMenuButton[]
}

/** The snapshot the console renders (`EmulatorControl.consoleState`). */
export interface ConsoleState {
  /** Emulator clock, epoch ms. */
  readonly now: number
  readonly apps: readonly string[]
  readonly app: { readonly appId: string; readonly originalId: string; readonly followers: number }
  /** The push target (never its token or key), null when none. */
  readonly push: PushTargetInfo | null
  /** Some followers to pick from: the first ones, the latest added, and anyone who pushed. */
  readonly followers: readonly { readonly openid: string; readonly nickname: string; readonly subscribed: boolean }[]
  /** The selected follower, when one is named and known. */
  readonly follower: {
    readonly openid: string
    readonly nickname: string
    readonly subscribed: boolean
    /** The customer-service window (`control.replyWindow`). */
    readonly window: {
      readonly open: boolean
      readonly lastInteraction: number | null
      readonly closesAt: number | null
      readonly remaining: number
    }
    /** The menu they see (their conditional menu, else the default); null when none. */
    readonly menu: { readonly menuId: string; readonly buttons: readonly ConsoleMenuButton[] } | null
    /** The newest chat lines (at most 200), oldest first. */
    readonly chat: readonly ChatItem[]
    /** How many older lines were left out of `chat`. */
    readonly chatHidden: number
  } | null
  /** The latest pushes (at most 100), newest last. */
  readonly pushes: readonly PushRecord[]
  /** The latest QR tickets (at most 50; likewise the job and fault lists), oldest first. */
  readonly qrTickets: readonly {
    readonly ticket: string
    readonly kind: 'temporary' | 'permanent'
    readonly scene: number | string
    readonly createdAt: number
    readonly expiresAt: number | null
    /** The emulator's showqrcode path for the image. */
    readonly image: string
  }[]
  /** Access tokens: kind, last 4 characters, expiry; never the token. */
  readonly tokens: {
    readonly tokens: readonly {
      readonly kind: string
      readonly tail: string
      readonly expiresAt: number
      readonly deadAt: number
      readonly live: boolean
      readonly current: boolean
    }[]
    readonly usedToday: Readonly<Record<string, number>>
  }
  readonly templateQuota: TemplateQuota
  readonly counters: Readonly<Record<string, number>>
  readonly massJobs: readonly MassJob[]
  readonly publishJobs: readonly PublishJobInfo[]
  readonly faults: readonly FaultInfo[]
}
