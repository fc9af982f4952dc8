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
 * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_getkflist
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
 * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_getonlinekflist
 */
export async function listOnlineKfAccounts(client: WeChatClient, options: CallOptions = {}): Promise<OnlineKfAccount[]> {
  assertOptions('listOnlineKfAccounts options', options, ['signal'])
  const data = await client.request<{ kf_online_list?: WireOnlineKf[] }>('/cgi-bin/customservice/getonlinekflist', {
    signal: options.signal,
  })
  return (data.kf_online_list ?? []).map(fromWireOnlineKf)
}

/**
 * Adds a customer-service account (at most 100 per Official Account). WeChat answers 65406 if it
 * exists, 65405 beyond 100, 65404 for a malformed account and 65403 for a nickname it refuses.
 *
 * @example
 * ```ts
 * await addKfAccount(wx, 'anna@myaccount', 'Anna')
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_addkfaccount
 */
export async function addKfAccount(client: WeChatClient, account: string, nickname: string, options: CallOptions = {}): Promise<void> {
  assertOptions('addKfAccount options', options, ['signal'])
  assertKfAccount('account', account)
  assertNickname(nickname)
  await client.request('/customservice/kfaccount/add', { json: { kf_account: account, nickname }, signal: options.signal })
}

/**
 * Changes a customer-service account's nickname (WeChat answers 65401 for an account it does not
 * have, 65403 for a nickname it refuses).
 *
 * @example
 * ```ts
 * await updateKfAccount(wx, 'anna@myaccount', 'Anna (billing)')
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_updatekfaccount
 */
export async function updateKfAccount(client: WeChatClient, account: string, nickname: string, options: CallOptions = {}): Promise<void> {
  assertOptions('updateKfAccount options', options, ['signal'])
  assertKfAccount('account', account)
  assertNickname(nickname)
  // Setting the same nickname twice is harmless: safe to retry.
  await client.request('/customservice/kfaccount/update', {
    json: { kf_account: account, nickname },
    idempotent: true,
    signal: options.signal,
  })
}

/**
 * Deletes a customer-service account (WeChat answers 65401 for an account it does not have).
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
  /** File name sent with the image. @default 'avatar.jpg', 'avatar.png', 'avatar.gif' or 'avatar.bmp' by the image's first bytes */
  readonly filename?: string
}

/** Avatar files: "文件大小为5M 以内" (api_uploadkfheadimg). */
const KF_AVATAR_MAX_BYTES = 5 * 1024 * 1024

/** The image kind by its first bytes, for the default file name and a missing Content-Type. */
function imageKind(b: Uint8Array): [ext: string, type: string] | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return ['jpg', 'image/jpeg']
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return ['png', 'image/png']
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return ['gif', 'image/gif']
  if (b[0] === 0x42 && b[1] === 0x4d) return ['bmp', 'image/bmp']
  return undefined
}

/**
 * Sets a customer-service account's avatar. WeChat's page takes the image as form-data `media`
 * within 5 MB and names no format (640x640 looks best); it answers 40005 for a file type it refuses.
 * Files over 5 MB are refused here before upload.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises'
 * await uploadKfAvatar(wx, 'anna@myaccount', new Blob([await readFile('anna.jpg')], { type: 'image/jpeg' }))
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_uploadkfheadimg
 */
export async function uploadKfAvatar(
  client: WeChatClient,
  account: string,
  image: Blob,
  options: UploadKfAvatarOptions = {},
): Promise<void> {
  assertOptions('uploadKfAvatar options', options, ['filename', 'signal'])
  assertKfAccount('account', account)
  if (!(image instanceof Blob)) throw new TypeError(`image must be a Blob, got ${describeValue(image)}`)
  if (image.size === 0) throw new RangeError('image must not be empty')
  if (image.size > KF_AVATAR_MAX_BYTES)
    throw new RangeError(`image must be at most 5 MB (${KF_AVATAR_MAX_BYTES} bytes), got ${image.size} bytes`)
  const kind = imageKind(new Uint8Array(await image.slice(0, 4).arrayBuffer()))
  const filename = options.filename ?? `avatar.${kind?.[0] ?? 'jpg'}`
  assertString('filename', filename, { max: 128, controls: 'none' })
  const form = new FormData()
  form.append('media', image.type === '' && kind ? new Blob([image], { type: kind[1] }) : image, filename)
  // Replacing the avatar with the same image is harmless: safe to retry.
  await client.request('/customservice/kfaccount/uploadheadimg', {
    query: { kf_account: account },
    body: form,
    idempotent: true,
    signal: options.signal,
  })
}

/**
 * Invites a WeChat user to bind to a customer-service account; they accept in WeChat within 7 days.
 * WeChat answers 65407 if they already serve this account, 65408 if they already have an invitation
 * from it, 65409 for an invalid WeChat ID, 65410 if they are bound to too many accounts, 65411 if the
 * account has an invitation waiting and 65412 if it is bound already.
 *
 * @example
 * ```ts
 * await inviteKfWorker(wx, 'anna@myaccount', 'anna_wechat_id')
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_invitekfworker
 */
export async function inviteKfWorker(client: WeChatClient, account: string, wechatId: string, options: CallOptions = {}): Promise<void> {
  assertOptions('inviteKfWorker options', options, ['signal'])
  assertKfAccount('account', account)
  assertString('wechatId', wechatId, { max: 64, controls: 'none' })
  await client.request('/customservice/kfaccount/inviteworker', {
    json: { kf_account: account, invite_wx: wechatId },
    signal: options.signal,
  })
}
