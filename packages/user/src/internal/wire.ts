// The one place where WeChat's snake_case wire shapes become @wxmp/user's camelCase types.
import type { OpenIdPage, SubscribeScene, UserInfo } from '../types'

export interface WireUserInfo {
  subscribe: 0 | 1
  openid: string
  language?: string
  subscribe_time?: number
  unionid?: string
  remark?: string
  groupid?: number
  tagid_list?: number[]
  subscribe_scene?: string
  qr_scene?: number
  qr_scene_str?: string
}

export interface WireOpenIdPage {
  total?: number
  count?: number
  /** Absent when the page is empty. */
  data?: { openid?: string[] }
  next_openid?: string
}

export function toUserInfo(w: WireUserInfo): UserInfo {
  const unionId = w.unionid === undefined || w.unionid === '' ? {} : { unionId: w.unionid }
  if (Number(w.subscribe) !== 1) return { subscribed: false, openid: w.openid, ...unionId }
  return {
    subscribed: true,
    openid: w.openid,
    language: w.language ?? '',
    subscribeTime: Number(w.subscribe_time ?? 0),
    ...unionId,
    remark: w.remark ?? '',
    groupId: Number(w.groupid ?? 0),
    tagIds: (w.tagid_list ?? []).map(Number),
    subscribeScene: (w.subscribe_scene ?? '') as SubscribeScene,
    qrScene: Number(w.qr_scene ?? 0),
    qrSceneStr: w.qr_scene_str ?? '',
  }
}

export function toOpenIdPage(w: WireOpenIdPage): OpenIdPage {
  const openids = w.data?.openid ?? []
  return { total: Number(w.total ?? 0), count: Number(w.count ?? openids.length), openids, nextOpenid: w.next_openid ?? '' }
}
