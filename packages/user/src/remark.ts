// Remarks: the account's own name for a follower (user/info/updateremark).
import { assertOpenId, assertOptions, assertString, type CallOptions, type WeChatClient } from '@wxmp/core'

/** WeChat's limit: "under 30 bytes" in its docs; 30 bytes of UTF-8 (10 Chinese characters) pass. */
export const REMARK_MAX_BYTES = 30

/**
 * Sets the account's remark for a follower ('' clears it). At most 30 bytes of UTF-8: 30 Latin
 * letters or 10 Chinese characters; longer is refused before any request. WeChat opens this API to
 * verified service accounts.
 *
 * @example
 * ```ts
 * await updateUserRemark(wx, openid, 'VIP · 北京')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Configuring_user_notes.html
 */
export async function updateUserRemark(wx: WeChatClient, openid: string, remark: string, options: CallOptions = {}): Promise<void> {
  assertOptions('updateUserRemark options', options, ['signal'])
  assertOpenId('openid', openid)
  assertString('remark', remark, { min: 0, maxBytes: REMARK_MAX_BYTES, controls: 'none' })
  await wx.request('/cgi-bin/user/info/updateremark', {
    json: { openid, remark },
    // Setting a value: sending it twice leaves the same state, so a retry after a lost answer is safe.
    idempotent: true,
    signal: options.signal,
  })
}
