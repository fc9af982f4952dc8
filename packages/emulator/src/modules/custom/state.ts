// Per-app state of the customer-service module: kf accounts, typing flags and how many messages
// went to each user since their last interaction (WeChat's per-interaction allowance).
import type { AppState } from '../../context'

export interface KfRecord {
  kf_account: string
  kf_nick: string
  kf_id: number
  kf_headimgurl: string
  kf_wx?: string
  invite_wx?: string
  invite_expire_time?: number
  invite_status?: string
  /** Set through the control API: online accounts appear in getonlinekflist. */
  online?: { status: number; accepted_case: number }
}

export class CustomState {
  readonly kf = new Map<string, KfRecord>()
  nextKfId = 1001
  avatarSeq = 0
  /** openid → typing on/off, with when it was set (emulator ms). */
  readonly typing = new Map<string, { on: boolean; at: number }>()
  /** openid → messages sent since the interaction at `since`. */
  readonly used = new Map<string, { since: number; count: number }>()
}

export const customState = (appState: AppState): CustomState => appState.ext('custom', () => new CustomState())
