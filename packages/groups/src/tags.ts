// User tags (标签): create, list, rename, delete. Names at most 30 bytes of UTF-8; 100 tags an account.
import { assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { assertChangeable, assertTagName } from './internal/check'
import { toCreated, toTag, type WireNamed } from './internal/wire'
import type { Created, Tag } from './types'

/**
 * Creates a tag. The name: at most 30 bytes of UTF-8 (10 Chinese characters), unique; WeChat
 * allows 100 tags an account.
 *
 * @example
 * ```ts
 * const { id } = await createTag(wx, '广东')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function createTag(wx: WeChatClient, name: string, options: CallOptions = {}): Promise<Created> {
  assertOptions('createTag options', options, ['signal'])
  assertTagName(name)
  const answer = await wx.request<{ tag: WireNamed }>('/cgi-bin/tags/create', { json: { tag: { name } }, signal: options.signal })
  return toCreated(answer.tag)
}

/**
 * Lists the account's tags with their follower counts (星标组, id 2, included).
 *
 * @example
 * ```ts
 * for (const t of await listTags(wx)) console.log(t.id, t.name, t.count)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function listTags(wx: WeChatClient, options: CallOptions = {}): Promise<Tag[]> {
  assertOptions('listTags options', options, ['signal'])
  const answer = await wx.request<{ tags?: WireNamed[] }>('/cgi-bin/tags/get', { signal: options.signal })
  return (answer.tags ?? []).map(toTag)
}

/**
 * Renames a tag. The system ids 0, 1 and 2 cannot be changed: refused before any request.
 *
 * @example
 * ```ts
 * await renameTag(wx, id, '广州')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function renameTag(wx: WeChatClient, id: number, name: string, options: CallOptions = {}): Promise<void> {
  assertOptions('renameTag options', options, ['signal'])
  assertChangeable('id', id, 'tag')
  assertTagName(name)
  // Setting a name twice leaves the same state: safe to retry after a lost answer.
  await wx.request('/cgi-bin/tags/update', { json: { tag: { id, name } }, idempotent: true, signal: options.signal })
}

/**
 * Deletes a tag and takes it off its followers. WeChat refuses a tag with more than 100,000
 * followers (45057: untag some first) and the system ids 0, 1 and 2 (refused before any request).
 *
 * @example
 * ```ts
 * await deleteTag(wx, id)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
 */
export async function deleteTag(wx: WeChatClient, id: number, options: CallOptions = {}): Promise<void> {
  assertOptions('deleteTag options', options, ['signal'])
  assertChangeable('id', id, 'tag')
  await wx.request('/cgi-bin/tags/delete', { json: { tag: { id } }, signal: options.signal })
}
