// The one place where WeChat's snake_case wire shapes become @wxmp/groups' camelCase types.
import type { Created, Group, Tag, TagUsersPage } from '../types'

export interface WireNamed {
  id: number | string
  name: string
  count?: number
}

export interface WireTagUsersPage {
  count?: number
  /** Absent when the page is empty. */
  data?: { openid?: string[] }
  next_openid?: string
}

export const toCreated = (w: WireNamed): Created => ({ id: Number(w.id), name: w.name })

export const toGroup = (w: WireNamed): Group => ({ id: Number(w.id), name: w.name, count: Number(w.count ?? 0) })

export const toTag = (w: WireNamed): Tag => ({ id: Number(w.id), name: w.name, count: Number(w.count ?? 0) })

export function toTagUsersPage(w: WireTagUsersPage): TagUsersPage {
  const openids = w.data?.openid ?? []
  return { count: Number(w.count ?? openids.length), openids, nextOpenid: w.next_openid ?? '' }
}
