// The one place customer-service account fields are mapped between WeChat's snake_case and ours.
import { toIdString } from '@wxmp/core'
import type { KfAccount, OnlineKfAccount } from '../kf-accounts'

export interface WireKfAccount {
  kf_account: string
  kf_nick: string
  kf_id: string | number
  kf_headimgurl?: string
  kf_wx?: string
  invite_wx?: string
  invite_expire_time?: number
  invite_status?: string
}

export interface WireOnlineKf {
  kf_account: string
  kf_id: string | number
  status: number
  accepted_case: number
}

export function fromWireKfAccount(w: WireKfAccount): KfAccount {
  return {
    account: w.kf_account,
    nickname: w.kf_nick,
    id: toIdString(w.kf_id),
    avatarUrl: w.kf_headimgurl ?? '',
    ...(w.kf_wx ? { wechatId: w.kf_wx } : {}),
    ...(w.invite_wx
      ? { invite: { wechatId: w.invite_wx, expiresAt: Number(w.invite_expire_time ?? 0), status: w.invite_status ?? 'waiting' } }
      : {}),
  }
}

export function fromWireOnlineKf(w: WireOnlineKf): OnlineKfAccount {
  return { account: w.kf_account, id: toIdString(w.kf_id), status: Number(w.status), acceptedCases: Number(w.accepted_case) }
}
