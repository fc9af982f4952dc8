// Who has which tag: tag and untag up to 50 followers a call, a follower's tags, a tag's followers.
import { assertOpenId, assertOpenIds, assertOptions, iterateCursor, type CallOptions, type WeChatClient } from '@wxmp/core'
import { assertId, MEMBER_BATCH_MAX } from './internal/check'
import { toTagUsersPage, type WireTagUsersPage } from './internal/wire'
import type { ListTagUsersOptions, TagUsersPage } from './types'

/** WeChat's limit: tags per follower (45059). */
export const TAGS_PER_USER_MAX = 20

/**
 * Tags 1 to 50 followers (WeChat's limit; a longer list is refused whole, before any request).
 * A follower holds at most 20 tags: WeChat answers 45059 and tags nobody when one would exceed it.
 *
 * @example
 * ```ts
 * await tagUsers(wx, [openidA, openidB], tagId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function tagUsers(wx: WeChatClient, openids: readonly string[], tagId: number, options: CallOptions = {}): Promise<void> {
  assertOptions('tagUsers options', options, ['signal'])
  await members(wx, '/cgi-bin/tags/members/batchtagging', openids, tagId, options)
}

/**
 * Takes a tag off 1 to 50 followers (WeChat's limit; a longer list is refused whole).
 *
 * @example
 * ```ts
 * await untagUsers(wx, [openidA], tagId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function untagUsers(wx: WeChatClient, openids: readonly string[], tagId: number, options: CallOptions = {}): Promise<void> {
  assertOptions('untagUsers options', options, ['signal'])
  await members(wx, '/cgi-bin/tags/members/batchuntagging', openids, tagId, options)
}

/**
 * Gets the ids of a follower's tags, in the order they were added.
 *
 * @example
 * ```ts
 * const tagIds = await getUserTags(wx, openid)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function getUserTags(wx: WeChatClient, openid: string, options: CallOptions = {}): Promise<number[]> {
  assertOptions('getUserTags options', options, ['signal'])
  assertOpenId('openid', openid)
  const answer = await wx.request<{ tagid_list?: (number | string)[] }>('/cgi-bin/tags/getidlist', {
    json: { openid },
    idempotent: true,
    signal: options.signal,
  })
  return (answer.tagid_list ?? []).map(Number)
}

/**
 * Gets one page of a tag's followers: up to 10,000 openids and the cursor for the next page.
 *
 * @example
 * ```ts
 * const page = await listTagUsers(wx, tagId)
 * const next = await listTagUsers(wx, tagId, { nextOpenid: page.nextOpenid })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function listTagUsers(wx: WeChatClient, tagId: number, options: ListTagUsersOptions = {}): Promise<TagUsersPage> {
  assertOptions('listTagUsers options', options, ['nextOpenid', 'signal'])
  assertId('tagId', tagId)
  if (options.nextOpenid !== undefined && options.nextOpenid !== '') assertOpenId('nextOpenid', options.nextOpenid)
  const wire = await wx.request<WireTagUsersPage>('/cgi-bin/user/tag/get', {
    json: { tagid: tagId, next_openid: options.nextOpenid ?? '' },
    idempotent: true,
    signal: options.signal,
  })
  return toTagUsersPage(wire)
}

/**
 * Yields every follower with the tag, one page in memory at a time; stops after the last page
 * and throws on a cursor WeChat repeats.
 *
 * @example
 * ```ts
 * for await (const openid of iterateTagUsers(wx, tagId)) console.log(openid)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export function iterateTagUsers(
  wx: WeChatClient,
  tagId: number,
  options: ListTagUsersOptions = {},
): AsyncGenerator<string, void, undefined> {
  assertOptions('iterateTagUsers options', options, ['nextOpenid', 'signal'])
  assertId('tagId', tagId)
  if (options.nextOpenid !== undefined && options.nextOpenid !== '') assertOpenId('nextOpenid', options.nextOpenid)
  const { signal } = options
  return iterateCursor(async (cursor) => {
    const page = await listTagUsers(wx, tagId, { nextOpenid: cursor, signal })
    return { items: page.openids, next: page.nextOpenid }
  }, options.nextOpenid ?? '')
}

async function members(wx: WeChatClient, path: string, openids: readonly string[], tagId: number, options: CallOptions): Promise<void> {
  assertOpenIds('openids', openids, { max: MEMBER_BATCH_MAX })
  assertId('tagId', tagId)
  // Tagging a tagged follower (or untagging an untagged one) changes nothing: safe to retry.
  await wx.request(path, { json: { openid_list: openids, tagid: tagId }, idempotent: true, signal: options.signal })
}
