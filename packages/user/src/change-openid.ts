// Openids after an account migration (账号迁移): the new account converts the old account's
// followers' openids, 100 a call, for 15 days after the migration is approved.
// https://developers.weixin.qq.com/doc/service/api/usermanage/changeopenid/api_changeopenid.html
import {
  assertArray,
  assertOpenId,
  assertOpenIds,
  assertOptions,
  assertString,
  chunk,
  type CallOptions,
  type WeChatClient,
} from '@wxmp/core'

/** Openids one call converts at most (the doc: 一次最多100个). */
export const CHANGE_OPENID_MAX = 100

/** One old openid's conversion: `newOpenid` on success, `error` (WeChat's err_msg) otherwise. */
export type OpenIdChange =
  | { readonly oldOpenid: string; readonly newOpenid: string; readonly error?: undefined }
  | { readonly oldOpenid: string; readonly newOpenid?: undefined; readonly error: string }

interface WireResult {
  ori_openid: string
  new_openid?: string
  err_msg?: string
}

function checkFrom(fromAppId: unknown): asserts fromAppId is string {
  // The doc says the old account's original id (gh_...); developers report its appid is what works.
  assertString('fromAppId', fromAppId, {
    pattern: /^(?:wx[0-9a-f]{16}|gh_[0-9a-f]{12})$/i,
    patternText: "the old account's AppID (wx + 16 hex digits) or original id (gh_ + 12 hex digits)",
  })
}

async function convert(
  client: WeChatClient,
  fromAppId: string,
  openids: readonly string[],
  signal: AbortSignal | undefined,
): Promise<OpenIdChange[]> {
  const answer = await client.request<{ result_list?: WireResult[] }>('/cgi-bin/changeopenid', {
    json: { from_appid: fromAppId, openid_list: openids },
    // A conversion reads a mapping and changes nothing: asking again is safe.
    idempotent: true,
    signal,
  })
  return (answer.result_list ?? []).map((r) =>
    r.new_openid
      ? { oldOpenid: r.ori_openid, newOpenid: r.new_openid }
      : { oldOpenid: r.ori_openid, error: r.err_msg ?? 'ori_openid error' },
  )
}

/**
 * Converts up to 100 openids of the old account (`fromAppId`, its AppID or `gh_` original id) to
 * this account's, after a migration. An openid that no longer follows the old account comes back
 * with `error: 'ori_openid error'`. 63178 when no migration from that account is approved (or it
 * is over 15 days old), 63182 for an empty list. Call with the NEW account's client.
 *
 * @example
 * ```ts
 * for (const c of await changeOpenIds(wx, 'wx0123456789abcdef', oldOpenids)) if (c.newOpenid) await db.rename(c.oldOpenid, c.newOpenid)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/usermanage/changeopenid/api_changeopenid.html
 */
export async function changeOpenIds(
  client: WeChatClient,
  fromAppId: string,
  openids: readonly string[],
  options: CallOptions = {},
): Promise<OpenIdChange[]> {
  assertOptions('changeOpenIds options', options, ['signal'])
  checkFrom(fromAppId)
  assertOpenIds('openids', openids, { min: 1, max: CHANGE_OPENID_MAX })
  return convert(client, fromAppId, openids, options.signal)
}

/**
 * {@link changeOpenIds} for any number of openids: 100 a call, one call after another, results in
 * the order given. Every openid is checked before the first call goes out.
 *
 * @example
 * ```ts
 * const changes = await changeOpenIdsChunked(wx, 'gh_0123456789ab', allOldOpenids)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/usermanage/changeopenid/api_changeopenid.html
 */
export async function changeOpenIdsChunked(
  client: WeChatClient,
  fromAppId: string,
  openids: readonly string[],
  options: CallOptions = {},
): Promise<OpenIdChange[]> {
  assertOptions('changeOpenIdsChunked options', options, ['signal'])
  checkFrom(fromAppId)
  assertArray('openids', openids, { min: 0 })
  openids.forEach((openid, i) => assertOpenId(`openids[${i}]`, openid))
  const out: OpenIdChange[] = []
  for (const batch of chunk(openids, CHANGE_OPENID_MAX)) out.push(...(await convert(client, fromAppId, batch, options.signal)))
  return out
}
