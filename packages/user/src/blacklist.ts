// Blacklist: list it (getblacklist, 10,000 a page), blacklist and unblacklist up to 20 users a call.
import { assertOpenIds, assertOptions, iterateCursor, type CallOptions, type WeChatClient } from '@wxmp/core'
import { assertCursor } from './internal/check'
import { toOpenIdPage, type WireOpenIdPage } from './internal/wire'
import type { ListBlacklistOptions, OpenIdPage } from './types'

/** WeChat's limit for batchblacklist / batchunblacklist. */
export const BLACKLIST_BATCH_MAX = 20

/**
 * Gets one page of the blacklist: up to 10,000 openids and the cursor for the next page.
 *
 * @example
 * ```ts
 * const page = await listBlacklist(wx)
 * console.log(page.total, page.openids)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
 */
export async function listBlacklist(wx: WeChatClient, options: ListBlacklistOptions = {}): Promise<OpenIdPage> {
  assertOptions('listBlacklist options', options, ['beginOpenid', 'signal'])
  assertCursor('beginOpenid', options.beginOpenid)
  const wire = await wx.request<WireOpenIdPage>('/cgi-bin/tags/members/getblacklist', {
    json: { begin_openid: options.beginOpenid ?? '' },
    idempotent: true,
    signal: options.signal,
  })
  return toOpenIdPage(wire)
}

/**
 * Yields every blacklisted openid, one page in memory at a time; stops after the last page and
 * throws on a cursor WeChat repeats.
 *
 * @example
 * ```ts
 * for await (const openid of iterateBlacklist(wx)) console.log(openid)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
 */
export function iterateBlacklist(wx: WeChatClient, options: ListBlacklistOptions = {}): AsyncGenerator<string, void, undefined> {
  assertOptions('iterateBlacklist options', options, ['beginOpenid', 'signal'])
  assertCursor('beginOpenid', options.beginOpenid)
  const { signal } = options
  return iterateCursor(async (cursor) => {
    const page = await listBlacklist(wx, { beginOpenid: cursor, signal })
    return { items: page.openids, next: page.nextOpenid }
  }, options.beginOpenid ?? '')
}

/**
 * Blacklists 1 to 20 users (WeChat's limit; a longer list is refused whole, before any request).
 *
 * @example
 * ```ts
 * await blacklistUsers(wx, [openidA, openidB])
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
 */
export async function blacklistUsers(wx: WeChatClient, openids: readonly string[], options: CallOptions = {}): Promise<void> {
  assertOptions('blacklistUsers options', options, ['signal'])
  await batch(wx, '/cgi-bin/tags/members/batchblacklist', openids, options)
}

/**
 * Takes 1 to 20 users off the blacklist (WeChat's limit; a longer list is refused whole).
 *
 * @example
 * ```ts
 * await unblacklistUsers(wx, [openidA])
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
 */
export async function unblacklistUsers(wx: WeChatClient, openids: readonly string[], options: CallOptions = {}): Promise<void> {
  assertOptions('unblacklistUsers options', options, ['signal'])
  await batch(wx, '/cgi-bin/tags/members/batchunblacklist', openids, options)
}

async function batch(wx: WeChatClient, path: string, openids: readonly string[], options: CallOptions): Promise<void> {
  assertOpenIds('openids', openids, { max: BLACKLIST_BATCH_MAX })
  await wx.request(path, {
    json: { openid_list: openids },
    // Setting a state: repeating it changes nothing, so a retry after a lost answer is safe.
    idempotent: true,
    signal: options.signal,
  })
}
