// Legacy groups (分组): the API WeChat replaced with tags in 2016 and still answers. Groups and
// tags are one record on WeChat's side: a group made here is a tag there, with the same id.
import { assertOpenId, assertOpenIds, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { assertChangeable, assertGroupName, assertId, MEMBER_BATCH_MAX } from './internal/check'
import { toCreated, toGroup, type WireNamed } from './internal/wire'
import type { Created, Group } from './types'

/**
 * Creates a group (name at most 30 characters; WeChat allows 100 groups).
 *
 * @example
 * ```ts
 * const { id } = await createGroup(wx, 'Beijing')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function createGroup(wx: WeChatClient, name: string, options: CallOptions = {}): Promise<Created> {
  assertOptions('createGroup options', options, ['signal'])
  assertGroupName(name)
  const answer = await wx.request<{ group: WireNamed }>('/cgi-bin/groups/create', { json: { group: { name } }, signal: options.signal })
  return toCreated(answer.group)
}

/**
 * Lists every group with its follower count, the system groups 0 未分组, 1 黑名单 and 2 星标组 included.
 *
 * @example
 * ```ts
 * for (const g of await listGroups(wx)) console.log(g.id, g.name, g.count)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function listGroups(wx: WeChatClient, options: CallOptions = {}): Promise<Group[]> {
  assertOptions('listGroups options', options, ['signal'])
  const answer = await wx.request<{ groups?: WireNamed[] }>('/cgi-bin/groups/get', { signal: options.signal })
  return (answer.groups ?? []).map(toGroup)
}

/**
 * Gets the id of the group a follower is in (0 when none).
 *
 * @example
 * ```ts
 * const groupId = await getUserGroup(wx, openid)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function getUserGroup(wx: WeChatClient, openid: string, options: CallOptions = {}): Promise<number> {
  assertOptions('getUserGroup options', options, ['signal'])
  assertOpenId('openid', openid)
  const answer = await wx.request<{ groupid: number | string }>('/cgi-bin/groups/getid', {
    json: { openid },
    idempotent: true,
    signal: options.signal,
  })
  return Number(answer.groupid)
}

/**
 * Renames a group. The system groups 0, 1 and 2 cannot be renamed: refused before any request.
 *
 * @example
 * ```ts
 * await renameGroup(wx, id, 'Shanghai')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function renameGroup(wx: WeChatClient, id: number, name: string, options: CallOptions = {}): Promise<void> {
  assertOptions('renameGroup options', options, ['signal'])
  assertChangeable('id', id, 'group')
  assertGroupName(name)
  // Setting a name twice leaves the same state: safe to retry after a lost answer.
  await wx.request('/cgi-bin/groups/update', { json: { group: { id, name } }, idempotent: true, signal: options.signal })
}

/**
 * Moves one follower into a group (a follower is in one group at a time; 0 takes them out).
 *
 * @example
 * ```ts
 * await moveUserToGroup(wx, openid, id)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function moveUserToGroup(wx: WeChatClient, openid: string, groupId: number, options: CallOptions = {}): Promise<void> {
  assertOptions('moveUserToGroup options', options, ['signal'])
  assertOpenId('openid', openid)
  assertId('groupId', groupId)
  await wx.request('/cgi-bin/groups/members/update', { json: { openid, to_groupid: groupId }, idempotent: true, signal: options.signal })
}

/**
 * Moves 1 to 50 followers into a group (WeChat's limit; a longer list is refused whole, before
 * any request).
 *
 * @example
 * ```ts
 * await moveUsersToGroup(wx, [openidA, openidB], id)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function moveUsersToGroup(
  wx: WeChatClient,
  openids: readonly string[],
  groupId: number,
  options: CallOptions = {},
): Promise<void> {
  assertOptions('moveUsersToGroup options', options, ['signal'])
  assertOpenIds('openids', openids, { max: MEMBER_BATCH_MAX })
  assertId('groupId', groupId)
  await wx.request('/cgi-bin/groups/members/batchupdate', {
    json: { openid_list: openids, to_groupid: groupId },
    idempotent: true,
    signal: options.signal,
  })
}

/**
 * Deletes a group; its followers go back to 未分组. The system groups 0, 1 and 2 cannot be
 * deleted: refused before any request.
 *
 * @example
 * ```ts
 * await deleteGroup(wx, id)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function deleteGroup(wx: WeChatClient, id: number, options: CallOptions = {}): Promise<void> {
  assertOptions('deleteGroup options', options, ['signal'])
  assertChangeable('id', id, 'group')
  await wx.request('/cgi-bin/groups/delete', { json: { group: { id } }, signal: options.signal })
}
