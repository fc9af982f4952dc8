// Customer-service sessions: put a follower in a kf account's hands, take them out, and see who is
// served by whom and who waits.
// https://developers.weixin.qq.com/doc/service/Customer_Service/Session_control.html
import { assertOpenId, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { assertKfAccount } from './internal/check'

/** A follower's session: who serves them (`kfAccount` empty when no one does) and since when. */
export interface KfSession {
  /** `prefix@wechatid`, or '' when no one serves the follower. */
  readonly kfAccount: string
  /** When the session was taken, epoch seconds (0 when there is none). */
  readonly createTime: number
}

/** A session of a kf account. */
export interface KfSessionOfAccount {
  readonly openid: string
  /** Epoch seconds. */
  readonly createTime: number
}

/** A follower waiting for a kf account. */
export interface KfWaitCase {
  readonly openid: string
  /** When they last wrote, epoch seconds. */
  readonly latestTime: number
}

/**
 * Opens a session between a kf account and a follower (answers 0 when it already exists). The
 * account must be bound to a WeChat user (65402) and online (65415); 65414 when another account
 * serves the follower. The follower's app gets `kf_create_session`.
 *
 * @example
 * ```ts
 * await createKfSession(wx, 'alice@gh_shop', openid)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_createkfsession
 */
export async function createKfSession(client: WeChatClient, kfAccount: string, openid: string, options: CallOptions = {}): Promise<void> {
  assertOptions('createKfSession options', options, ['signal'])
  assertKfAccount('kfAccount', kfAccount)
  assertOpenId('openid', openid)
  await client.request('/customservice/kfsession/create', { json: { kf_account: kfAccount, openid }, signal: options.signal })
}

/**
 * Closes the follower's session with that kf account (65413 when there is none). The app gets
 * `kf_close_session`.
 *
 * @see https://developers.weixin.qq.com/doc/service/Customer_Service/Session_control.html
 */
export async function closeKfSession(client: WeChatClient, kfAccount: string, openid: string, options: CallOptions = {}): Promise<void> {
  assertOptions('closeKfSession options', options, ['signal'])
  assertKfAccount('kfAccount', kfAccount)
  assertOpenId('openid', openid)
  await client.request('/customservice/kfsession/close', { json: { kf_account: kfAccount, openid }, signal: options.signal })
}

/**
 * Who serves the follower now (`kfAccount` '' when no one).
 *
 * @see https://developers.weixin.qq.com/doc/service/Customer_Service/Session_control.html
 */
export async function getKfSession(client: WeChatClient, openid: string, options: CallOptions = {}): Promise<KfSession> {
  assertOptions('getKfSession options', options, ['signal'])
  assertOpenId('openid', openid)
  const answer = await client.request<{ kf_account?: string; createtime?: number }>('/customservice/kfsession/getsession', {
    query: { openid },
    signal: options.signal,
  })
  return { kfAccount: answer.kf_account ?? '', createTime: answer.createtime ?? 0 }
}

/**
 * The followers a kf account serves now.
 *
 * @see https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_getkfsessionlist
 */
export async function listKfSessions(client: WeChatClient, kfAccount: string, options: CallOptions = {}): Promise<KfSessionOfAccount[]> {
  assertOptions('listKfSessions options', options, ['signal'])
  assertKfAccount('kfAccount', kfAccount)
  const answer = await client.request<{ sessionlist?: { openid: string; createtime: number }[] }>(
    '/customservice/kfsession/getsessionlist',
    { query: { kf_account: kfAccount }, signal: options.signal },
  )
  return (answer.sessionlist ?? []).map((s) => ({ openid: s.openid, createTime: s.createtime }))
}

/**
 * Followers waiting for a kf account (WeChat lists the earliest 100), with the total count.
 *
 * @see https://developers.weixin.qq.com/doc/service/Customer_Service/Session_control.html
 */
export async function listKfWaitCases(
  client: WeChatClient,
  options: CallOptions = {},
): Promise<{ count: number; waitCases: KfWaitCase[] }> {
  assertOptions('listKfWaitCases options', options, ['signal'])
  const answer = await client.request<{ count?: number; waitcaselist?: { openid: string; latest_time: number }[] }>(
    '/customservice/kfsession/getwaitcase',
    { signal: options.signal },
  )
  const waitCases = (answer.waitcaselist ?? []).map((w) => ({ openid: w.openid, latestTime: w.latest_time }))
  return { count: answer.count ?? waitCases.length, waitCases }
}
