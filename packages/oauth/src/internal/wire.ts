// The snake_case wire shapes of the sns endpoints and their camelCase forms: the one place they meet.
import type { OAuthToken, OAuthTokenScope } from '../token'
import type { OAuthUserInfo } from '../userinfo'

export interface WireToken {
  access_token: string
  expires_in: number | string
  refresh_token: string
  openid: string
  scope: string
  /** 1 only for a snapshot-page visitor; absent otherwise. */
  is_snapshotuser?: number | string
  unionid?: string
}

export interface WireUserInfo {
  openid: string
  nickname?: string
  sex?: number | string
  province?: string
  city?: string
  country?: string
  headimgurl?: string
  privilege?: string[]
  unionid?: string
}

export function toToken(w: WireToken): OAuthToken {
  return {
    accessToken: w.access_token,
    expiresIn: Number(w.expires_in),
    refreshToken: w.refresh_token,
    openid: w.openid,
    scope: w.scope as OAuthTokenScope,
    isSnapshotUser: Number(w.is_snapshotuser ?? 0) === 1,
    ...(w.unionid ? { unionid: w.unionid } : {}),
  }
}

export function toUserInfo(w: WireUserInfo): OAuthUserInfo {
  const sex = Number(w.sex ?? 0)
  return {
    openid: w.openid,
    nickname: w.nickname ?? '',
    sex: sex === 1 || sex === 2 ? sex : 0,
    province: w.province ?? '',
    city: w.city ?? '',
    country: w.country ?? '',
    headImgUrl: w.headimgurl ?? '',
    privilege: w.privilege ?? [],
    ...(w.unionid ? { unionid: w.unionid } : {}),
  }
}
