// Follower-derived views shared by the user and groups modules: who follows, who is blacklisted,
// which legacy group a user is in, and `next_openid` paging over any of those lists. Nothing here
// walks the synthetic followers except one page at a time, so a million followers cost nothing.
import type { AppState } from '../../context'
import type { UserRecord } from '../../model/followers'

/** WeChat's page size for user/get, getblacklist and user/tag/get. */
export const PAGE_SIZE = 10_000

/** A WeChat openid page: `data` is absent when the page is empty, as WeChat sends it. */
export interface WireOpenIdPage {
  total?: number
  count: number
  data?: { openid: string[] }
  next_openid: string
}

export function pageBody(openids: string[], total?: number): WireOpenIdPage {
  // WeChat hands out the last openid of every non-empty page as the cursor, the last page
  // included; the page after it is empty with an empty cursor. Clients must cope with both.
  const page: WireOpenIdPage =
    total === undefined ? { count: openids.length, next_openid: '' } : { total, count: openids.length, next_openid: '' }
  if (openids.length > 0) {
    page.data = { openid: openids }
    page.next_openid = openids[openids.length - 1] as string
  }
  return page
}

/** Users with a stored record that unfollowed: usually none, so the follower scan stays a plain walk. */
function unfollowed(appState: AppState): Set<string> {
  const out = new Set<string>()
  for (const rec of appState.followers.storedRecords()) if (!rec.subscribed) out.add(rec.openid)
  return out
}

/** Number of current followers. */
export function followerCount(appState: AppState): number {
  return appState.followers.total - unfollowed(appState).size
}

/**
 * One page of current followers in follow order, starting after `cursor` ('' = from the start).
 * Undefined when the cursor is not one of the app's users (WeChat: 40003).
 */
export function followerPage(appState: AppState, cursor: string): { openids: string[]; total: number } | undefined {
  const { followers } = appState
  let position = 0
  if (cursor !== '') {
    const at = followers.indexOf(cursor)
    if (at < 0) return undefined
    position = at + 1
  }
  const gone = unfollowed(appState)
  const openids: string[] = []
  const total = followers.total
  for (; position < total && openids.length < PAGE_SIZE; position++) {
    const openid = followers.at(position) as string
    if (gone.size === 0 || !gone.has(openid)) openids.push(openid)
  }
  return { openids, total: total - gone.size }
}

/** Blacklisted users in follow order (WeChat does not document its order; follow order is stable). */
export function blacklist(appState: AppState): string[] {
  const listed: { openid: string; at: number }[] = []
  for (const rec of appState.followers.storedRecords()) {
    if (!rec.blacklisted) continue
    const at = appState.followers.indexOf(rec.openid)
    if (at >= 0) listed.push({ openid: rec.openid, at })
  }
  return listed.sort((a, b) => a.at - b.at).map((e) => e.openid)
}

/** A page of `list` after `cursor`; undefined when the cursor is not in the list (WeChat: 40003). */
export function listPage(list: readonly string[], cursor: string): string[] | undefined {
  let start = 0
  if (cursor !== '') {
    const at = list.indexOf(cursor)
    if (at < 0) return undefined
    start = at + 1
  }
  return list.slice(start, start + PAGE_SIZE)
}

/**
 * The user's legacy group. WeChat keeps groups and tags as one record: a user's group is their
 * first tag (0 未分组 when untagged), and the blacklist is group 1 (黑名单).
 */
export function groupOf(rec: Pick<UserRecord, 'blacklisted' | 'tagIds'>): number {
  if (rec.blacklisted) return 1
  return rec.tagIds[0] ?? 0
}

/** Members of each legacy group that are not tags: 0 (everyone ungrouped) and 1 (the blacklist). */
export function systemGroupCounts(appState: AppState): { ungrouped: number; blacklisted: number } {
  let grouped = 0
  let blacklisted = 0
  let gone = 0
  for (const rec of appState.followers.storedRecords()) {
    if (!rec.subscribed) {
      gone++
      continue
    }
    const group = groupOf(rec)
    if (group === 1) blacklisted++
    if (group !== 0) grouped++
  }
  return { ungrouped: appState.followers.total - gone - grouped, blacklisted }
}

/** The openid as a string if the body gave one, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
