// User info: one user (user/info), up to 100 (user/info/batchget), or any number in chunks of 100.
import { assertArray, assertInteger, assertOpenId, assertOpenIds, assertOptions, chunk, type WeChatClient } from '@wxmp/core'
import { assertLang } from './internal/check'
import { toUserInfo, type WireUserInfo } from './internal/wire'
import type { UserInfo, UserInfoChunkedOptions, UserInfoOptions } from './types'

/** WeChat's limit for `user/info/batchget`. */
export const BATCH_USER_INFO_MAX = 100

/**
 * Gets what WeChat tells an account about one user: follow state, follow time and scene, remark,
 * tags, unionid. Check `subscribed` first: a user who unfollowed carries nothing else.
 *
 * @example
 * ```ts
 * const user = await getUserInfo(wx, openid, { lang: 'en' })
 * if (user.subscribed) console.log(user.subscribeTime, user.tagIds)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html
 */
export async function getUserInfo(wx: WeChatClient, openid: string, options: UserInfoOptions = {}): Promise<UserInfo> {
  assertOptions('getUserInfo options', options, ['lang', 'signal'])
  assertOpenId('openid', openid)
  assertLang(options.lang)
  const wire = await wx.request<WireUserInfo>('/cgi-bin/user/info', {
    query: { openid, lang: options.lang ?? 'zh_CN' },
    signal: options.signal,
  })
  return toUserInfo(wire)
}

/**
 * Gets the info of up to 100 users in one call (WeChat's limit; more are refused before any
 * request: use {@link getUserInfoChunked}). Results come in the order of `openids`.
 *
 * @example
 * ```ts
 * const users = await batchGetUserInfo(wx, [openidA, openidB])
 * for (const u of users) console.log(u.openid, u.subscribed)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html
 */
export async function batchGetUserInfo(wx: WeChatClient, openids: readonly string[], options: UserInfoOptions = {}): Promise<UserInfo[]> {
  assertOptions('batchGetUserInfo options', options, ['lang', 'signal'])
  assertOpenIds('openids', openids, { max: BATCH_USER_INFO_MAX })
  assertLang(options.lang)
  return fetchBatch(wx, openids, options)
}

/**
 * Gets the info of any number of users: 100 a call, `concurrency` calls at a time, results in the
 * order of `openids`. Every openid is checked before the first request; the first failed call
 * stops the rest and is thrown.
 *
 * @example
 * ```ts
 * const openids = []
 * for await (const openid of iterateFollowers(wx)) openids.push(openid)
 * const users = await getUserInfoChunked(wx, openids, { concurrency: 8 })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html
 */
export async function getUserInfoChunked(
  wx: WeChatClient,
  openids: readonly string[],
  options: UserInfoChunkedOptions = {},
): Promise<UserInfo[]> {
  assertOptions('getUserInfoChunked options', options, ['lang', 'concurrency', 'signal'])
  assertArray('openids', openids, { min: 0 })
  openids.forEach((openid, i) => assertOpenId(`openids[${i}]`, openid))
  assertLang(options.lang)
  const concurrency = options.concurrency ?? 4
  assertInteger('concurrency', concurrency, { min: 1 })

  const batches = chunk(openids, BATCH_USER_INFO_MAX)
  const results: UserInfo[][] = new Array(batches.length)
  // One controller for the whole run: the caller's signal aborts it, and so does the first failure,
  // so no further chunk is sent once the answer is known to be an error.
  const controller = new AbortController()
  const onAbort = () => controller.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onAbort, { once: true })
  if (options.signal?.aborted) onAbort()
  let next = 0
  const worker = async () => {
    while (next < batches.length && !controller.signal.aborted) {
      const index = next++
      results[index] = await fetchBatch(wx, batches[index] as string[], { ...options, signal: controller.signal })
    }
  }
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, batches.length) }, () =>
        worker().catch((error: unknown) => {
          controller.abort(error)
          throw error
        }),
      ),
    )
    options.signal?.throwIfAborted()
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
  return results.flat()
}

async function fetchBatch(wx: WeChatClient, openids: readonly string[], options: UserInfoOptions): Promise<UserInfo[]> {
  const lang = options.lang ?? 'zh_CN'
  const answer = await wx.request<{ user_info_list?: WireUserInfo[] }>('/cgi-bin/user/info/batchget', {
    json: { user_list: openids.map((openid) => ({ openid, lang })) },
    idempotent: true,
    signal: options.signal,
  })
  // Matched by openid rather than trusted by position: WeChat has been seen to shift entries
  // when one openid in a batch is bad.
  const byOpenid = new Map<string, UserInfo>()
  for (const wire of answer.user_info_list ?? []) byOpenid.set(wire.openid, toUserInfo(wire))
  return openids.flatMap((openid) => {
    const info = byOpenid.get(openid)
    return info ? [info] : []
  })
}
