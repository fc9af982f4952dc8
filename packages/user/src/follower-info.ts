// Every follower's profile: the follower list and user/info/batchget walked together, 100 a request.
import { assertOptions, type WeChatClient } from '@wxmp/core'
import { assertCursor, assertLang } from './internal/check'
import { iterateFollowers } from './followers'
import { BATCH_USER_INFO_MAX, batchGetUserInfo } from './info'
import type { IterateFollowerInfoOptions, UserInfo, UserInfoOptions } from './types'

/**
 * Yields every follower's info, in follow order: one `user/get` page of openids walked 100 at a
 * time through `user/info/batchget`, so a million followers cost 10,000 batch requests (not a
 * million `user/info` calls) and memory holds one page. A follower who unfollows while the walk runs
 * arrives with `subscribed: false`; check it before reading the rest.
 *
 * Errors: the first failed request is thrown (`WeChatApiError`, `WeChatTransportError`); the walk
 * stops there, and `nextOpenid` of a fresh walk resumes from a page boundary you recorded.
 *
 * @example
 * ```ts
 * for await (const user of iterateFollowerInfo(wx, { lang: 'en' })) {
 *   if (user.subscribed) console.log(user.openid, user.subscribeScene, user.tagIds)
 * }
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html
 */
export function iterateFollowerInfo(wx: WeChatClient, options: IterateFollowerInfoOptions = {}): AsyncGenerator<UserInfo, void, undefined> {
  assertOptions('iterateFollowerInfo options', options, ['lang', 'nextOpenid', 'signal'])
  assertCursor('nextOpenid', options.nextOpenid)
  assertLang(options.lang)
  return walk(wx, options)
}

async function* walk(
  wx: WeChatClient,
  { lang, nextOpenid, signal }: IterateFollowerInfoOptions,
): AsyncGenerator<UserInfo, void, undefined> {
  const info: UserInfoOptions = { ...(lang && { lang }), ...(signal && { signal }) }
  let batch: string[] = []
  for await (const openid of iterateFollowers(wx, { ...(nextOpenid && { nextOpenid }), ...(signal && { signal }) })) {
    batch.push(openid)
    if (batch.length < BATCH_USER_INFO_MAX) continue
    const users = await batchGetUserInfo(wx, batch, info)
    batch = []
    yield* users
  }
  if (batch.length > 0) yield* await batchGetUserInfo(wx, batch, info)
}
