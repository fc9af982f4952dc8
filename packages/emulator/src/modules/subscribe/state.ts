// Per-app state of subscription notifications: the account's templates and each follower's choices.
import type { AppState } from '../../context'

export interface AccountTemplate {
  readonly tid: number
  readonly title: string
  readonly content: string
  readonly example: string
  readonly type: 2 | 3
}

/** A follower's choice for one template: a one-time acceptance allows one send, long-term any number. */
export interface Grant {
  status: 'accept' | 'reject'
  /** One-time sends left (one-time templates); ignored for long-term ones. */
  remaining: number
}

/** The private templates an account may hold (the addtemplate doc's 200012). */
export const SUBSCRIBE_TEMPLATE_LIMIT = 50

export class SubscribeState {
  readonly templates = new Map<string, AccountTemplate>()
  /** openid → templateId → grant. */
  readonly grants = new Map<string, Map<string, Grant>>()

  grant(openid: string, templateId: string): Grant | undefined {
    return this.grants.get(openid)?.get(templateId)
  }

  choose(openid: string, templateId: string, status: 'accept' | 'reject'): void {
    let mine = this.grants.get(openid)
    if (!mine) this.grants.set(openid, (mine = new Map()))
    const current = mine.get(templateId)
    // Each acceptance of a one-time template allows one more send; a rejection clears them.
    mine.set(
      templateId,
      status === 'accept' ? { status, remaining: (current?.status === 'accept' ? current.remaining : 0) + 1 } : { status, remaining: 0 },
    )
  }
}

export const subscribeState = (app: AppState): SubscribeState => app.ext('subscribe', () => new SubscribeState())
