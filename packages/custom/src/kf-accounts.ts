// Customer-service (kf) accounts: list, online list, add, update, delete, avatar, invite a WeChat user.
import { assertOptions, assertString, describeValue, type CallOptions, type WeChatClient } from '@wxmp/core'
import { KF_NICKNAME_MAX } from './internal/limits'
import { assertKfAccount } from './internal/check'
import { fromWireKfAccount, fromWireOnlineKf, type WireKfAccount, type WireOnlineKf } from './internal/wire'

/** A customer-service account. */
export interface KfAccount {
  /** Full account, `prefix@wechatid` (the suffix is the Official Account's WeChat ID). */
  readonly account: string
  readonly nickname: string
  /** WeChat's number for the account (`kf_id`). */
  readonly id: string
  /** Avatar URL; empty until one is uploaded. */
  readonly avatarUrl: string
  /** The WeChat ID of the person bound to the account, once bound. */
  readonly wechatId?: string
  /** A pending binding invitation. */
  readonly invite?: KfInvite
}

/** A binding invitation sent with {@link inviteKfWorker}. */
export interface KfInvite {
  readonly wechatId: string
  /** Epoch seconds. */
  readonly expiresAt: number
  readonly status: 'waiting' | 'rejected' | 'expired' | (string & {})
}

/** A customer-service account that is online now. */
export interface OnlineKfAccount {
  readonly account: string
  readonly id: string
  /** WeChat's online status (1: online on the web). */
  readonly status: number
  /** Conversations the account is handling. */
  readonly acceptedCases: number
}

function assertNickname(value: unknown): asserts value is string {
  assertString('nickname', value, { max: KF_NICKNAME_MAX, controls: 'none' })
}

/**
 * Lists every customer-service account of the Official Account.
 *
 * @example
 * ```ts
 * for (const kf of await listKfAccounts(wx)) console.log(kf.account, kf.nickname)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
 */
export async function listKfAccounts(client: WeChatClient, options: CallOptions = {}): Promise<KfAccount[]> {
  assertOptions('listKfAccounts options', options, ['signal'])
  const data = await client.request<{ kf_list?: WireKfAccount[] }>('/cgi-bin/customservice/getkflist', { signal: options.signal })
  return (data.kf_list ?? []).map(fromWireKfAccount)
}

/**
 * Lists the customer-service accounts online now, with how many conversations each handles.
 *
 * @example
 * ```ts
 * const online = await listOnlineKfAccounts(wx)
 * const least = online.sort((a, b) => a.acceptedCases - b.acceptedCases)[0]
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
 */
export async function listOnlineKfAccounts(client: WeChatClient, options: CallOptions = {}): Promise<OnlineKfAccount[]> {
  assertOptions('listOnlineKfAccounts options', options, ['signal'])
  const data = await client.request<{ kf_online_list?: WireOnlineKf[] }>('/cgi-bin/customservice/getonlinekflist', { signal: options.signal })
  return (data.kf_online_list ?? []).map(fromWireOnlineKf)
}

/**
 * Adds a customer-service account (at most 100 per Official Account; WeChat answers 61453 if it
 * exists, 61456 beyond 100).
 *
 * @example
 * ```ts
 * await addKfAccount(wx, 'anna@myaccount', 'Anna')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
 */
export async function addKfAccount(client: WeChatClient, account: string, nickname: string, options: CallOptions = {}): Promise<void> {
  assertOptions('addKfAccount options', options, ['signal'])
  assertKfAccount('account', account)
  assertNickname(nickname)
  await client.request('/customservice/kfaccount/add', { json: { kf_account: account, nickname }, signal: options.signal })
}

/**
 * Changes a customer-service account's nickname.
 *
 * @example
 * ```ts
 * await updateKfAccount(wx, 'anna@myaccount', 'Anna (billing)')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
 */
export async function updateKfAccount(client: WeChatClient, account: string, nickname: string, options: CallOptions = {}): Promise<void> {
  assertOptions('updateKfAccount options', options, ['signal'])
  assertKfAccount('account', account)
  assertNickname(nickname)
  // Setting the same nickname twice is harmless: safe to retry.
  await client.request('/customservice/kfaccount/update', { json: { kf_account: account, nickname }, idempotent: true, signal: options.signal })
}

/**
 * Deletes a customer-service account.
 *
 * @example
 * ```ts
 * await deleteKfAccount(wx, 'anna@myaccount')
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_delkfaccount
 */
export async function deleteKfAccount(client: WeChatClient, account: string, options: CallOptions = {}): Promise<void> {
  assertOptions('deleteKfAccount options', options, ['signal'])
  assertKfAccount('account', account)
  // WeChat documents a POST with a JSON body (api_delkfaccount; the 2015 page had GET ?kf_account=).
  // Not retried: a repeat after a lost answer would report 65401 for a delete that worked.
  await client.request('/customservice/kfaccount/del', { json: { kf_account: account }, signal: options.signal })
}

/** Options of {@link uploadKfAvatar}. */
export interface UploadKfAvatarOptions extends CallOptions {
  /** File name sent with the image. @default 'avatar.jpg' */
  readonly filename?: string
}

const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff

/**
 * Sets a customer-service account's avatar. WeChat takes JPEG only (640x640 looks best); anything
 * else is refused here before upload.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises'
 * await uploadKfAvatar(wx, 'anna@myaccount', new Blob([await readFile('anna.jpg')], { type: 'image/jpeg' }))
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
 */
export async function uploadKfAvatar(client: WeChatClient, account: string, image: Blob, options: UploadKfAvatarOptions = {}): Promise<void> {
  assertOptions('uploadKfAvatar options', options, ['filename', 'signal'])
  assertKfAccount('account', account)
  if (!(image instanceof Blob)) throw new TypeError(`image must be a Blob, got ${describeValue(image)}`)
  if (image.size === 0) throw new RangeError('image must not be empty')
  if (!isJpeg(new Uint8Array(await image.slice(0, 3).arrayBuffer()))) throw new TypeError('image must be a JPEG (WeChat takes jpg only for kf avatars)')
  const filename = options.filename ?? 'avatar.jpg'
  assertString('filename', filename, { max: 128, controls: 'none' })
  const form = new FormData()
  form.append('media', image.type === 'image/jpeg' ? image : new Blob([image], { type: 'image/jpeg' }), filename)
  // Replacing the avatar with the same image is harmless: safe to retry.
  await client.request('/customservice/kfaccount/uploadheadimg', { query: { kf_account: account }, body: form, idempotent: true, signal: options.signal })
}

/**
 * Invites a WeChat user to bind to a customer-service account; they accept in WeChat within 7 days.
 *
 * @example
 * ```ts
 * await inviteKfWorker(wx, 'anna@myaccount', 'anna_wechat_id')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
 */
export async function inviteKfWorker(client: WeChatClient, account: string, wechatId: string, options: CallOptions = {}): Promise<void> {
  assertOptions('inviteKfWorker options', options, ['signal'])
  assertKfAccount('account', account)
  assertString('wechatId', wechatId, { max: 64, controls: 'none' })
  await client.request('/customservice/kfaccount/inviteworker', { json: { kf_account: account, invite_wx: wechatId }, signal: options.signal })
}
