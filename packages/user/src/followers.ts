// Followers: one page of openids (user/get, 10,000 a page) or all of them, a page at a time.
import { assertOptions, iterateCursor, type WeChatClient } from '@wxmp/core'
import { assertCursor } from './internal/check'
import { toOpenIdPage, type WireOpenIdPage } from './internal/wire'
import type { ListFollowersOptions, OpenIdPage } from './types'

/**
 * Gets one page of the account's followers, in follow order: up to 10,000 openids and the cursor
 * for the next page.
 *
 * @example
 * ```ts
 * const first = await listFollowers(wx)
 * const second = await listFollowers(wx, { nextOpenid: first.nextOpenid })
 * console.log(first.total, first.openids.length)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html
 */
export async function listFollowers(wx: WeChatClient, options: ListFollowersOptions = {}): Promise<OpenIdPage> {
  assertOptions('listFollowers options', options, ['nextOpenid', 'signal'])
  assertCursor('nextOpenid', options.nextOpenid)
  const wire = await wx.request<WireOpenIdPage>('/cgi-bin/user/get', {
    query: { next_openid: options.nextOpenid ?? '' },
    signal: options.signal,
  })
  return toOpenIdPage(wire)
}

/**
 * Yields every follower's openid, in follow order, holding one page (10,000) in memory at a time:
 * memory stays flat for any number of followers. Stops after the last page (WeChat may hand out a
 * cursor with it; the next page is empty) and throws on a cursor WeChat repeats.
 *
 * @example
 * ```ts
 * let n = 0
 * for await (const openid of iterateFollowers(wx)) n++
 * console.log(`${n} followers`)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html
 */
export function iterateFollowers(wx: WeChatClient, options: ListFollowersOptions = {}): AsyncGenerator<string, void, undefined> {
  assertOptions('iterateFollowers options', options, ['nextOpenid', 'signal'])
  assertCursor('nextOpenid', options.nextOpenid)
  const { signal } = options
  return iterateCursor(async (cursor) => {
    const page = await listFollowers(wx, { nextOpenid: cursor, signal })
    return { items: page.openids, next: page.nextOpenid }
  }, options.nextOpenid ?? '')
}
