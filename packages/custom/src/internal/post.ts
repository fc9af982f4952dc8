// The one request every customer-service send makes.
import { checkOptions, type WeChatClient } from '@wxmp/core'
import { assertKfAccount } from './check'
import type { SendCustomOptions } from '../send'

/**
 * POSTs `{ touser, msgtype, <msgtype>: {...} }` (plus `customservice` for a kf account). Not
 * idempotent: WeChat has no dedup key for these sends, so only a token error is retried.
 */
export async function postCustom(
  client: WeChatClient,
  openid: string,
  wire: { readonly msgtype: string; readonly [body: string]: unknown },
  options: SendCustomOptions,
  fn: string,
): Promise<void> {
  // The options' table through core's checkOptions (already in every client's bundle); '' names
  // each option bare, as the caller wrote it (`kfAccount must be ...`).
  checkOptions(`${fn} options`, options, { kfAccount: assertKfAccount, signal: null }, '')
  await client.request('/cgi-bin/message/custom/send', {
    json: { touser: openid, ...wire, ...(options.kfAccount === undefined ? {} : { customservice: { kf_account: options.kfAccount } }) },
    signal: options.signal,
  })
}
