// kf accounts against the emulator, which answers the errcodes WeChat's current pages list
// (65400-65412, 40005), not the retired 6145x codes. Each case names the page its code comes from.
import { describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError } from '@wxmp/core'
import { startEmulator } from '@wxmp/emulator'
import {
  addKfAccount,
  deleteKfAccount,
  inviteKfWorker,
  listKfAccounts,
  listOnlineKfAccounts,
  updateKfAccount,
  uploadKfAvatar,
} from './kf-accounts'
import { sendText } from './index'
import { useEmulator } from '../../../test-support/emulator'

const PAGES = 'https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/'
const DOC = {
  /** 65403 illegal nickname, 65404 illegal custom service account, 65405 number reach limit, 65406 exists. */
  add: `${PAGES}api_addkfaccount`,
  /** Errcodes 0, 65400, 65401 invalid custom service account, ... (the shared kf table). */
  del: `${PAGES}api_delkfaccount`,
  /** 65401 invalid custom service account, 65403 illegal nickname (the codes of the kf pages' shared table). */
  update: `${PAGES}api_updatekfaccount`,
  /** form-data `media` "文件大小为5M 以内"; 40005 invalid file type; no format named. */
  avatar: `${PAGES}api_uploadkfheadimg`,
  /** 65407 already a worker, 65408 already invited, 65409 wechat account invalid, 65411 invitation waiting, 65412 already bound. */
  invite: `${PAGES}api_invitekfworker`,
} as const

const { emu, wx } = useEmulator()
const JPEG = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9])], { type: 'image/jpeg' })
const PNG = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: 'image/png' })
const TEXT = new Blob(['not an image'], { type: 'text/plain' })
const kfCalls = async () => {
  const c = await emu.control.counters()
  return Object.entries(c)
    .filter(([k]) => k.startsWith('path:/customservice/') || k.startsWith('path:/cgi-bin/customservice/'))
    .reduce((n, [, v]) => n + v, 0)
}
/** The WeChatApiError's errcode and errmsg a call throws. */
const answer = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  return isWeChatApiError(error) ? { errcode: error.errcode, errmsg: error.errmsg } : error
}
/** A raw request, for what the SDK refuses before sending. */
const raw = (path: string, json: unknown) => wx.request(path, { json })

describe('kf accounts', () => {
  it('adds an account that then shows in the list', async () => {
    await addKfAccount(wx, 'anna@shop', 'Anna')
    const anna = (await listKfAccounts(wx)).find((k) => k.account === 'anna@shop')
    expect(anna).toMatchObject({ account: 'anna@shop', nickname: 'Anna', avatarUrl: '' })
    expect(anna?.id).toMatch(/^\d+$/)
  })

  it(`refuses an account that exists with 65406 (${DOC.add})`, async () => {
    await addKfAccount(wx, 'bob@shop', 'Bob')
    expect(await answer(addKfAccount(wx, 'bob@shop', 'Bob again'))).toEqual({ errcode: 65406, errmsg: 'custom service account exists' })
  })

  it(`answers 65404 for a malformed account and 65403 for an illegal nickname (${DOC.add})`, async () => {
    expect(await answer(raw('/customservice/kfaccount/add', { kf_account: 'abcdefghijk@shop', nickname: 'A' }))).toEqual({
      errcode: 65404,
      errmsg: 'illegal custom service account',
    })
    expect(await answer(raw('/customservice/kfaccount/add', { kf_account: 'a-b@shop', nickname: 'A' }))).toMatchObject({ errcode: 65404 })
    expect(await answer(raw('/customservice/kfaccount/add', { kf_account: `a@${'s'.repeat(31)}`, nickname: 'A' }))).toMatchObject({
      errcode: 65404,
    })
    expect(await answer(raw('/customservice/kfaccount/add', { kf_account: 'ok@shop', nickname: 'x'.repeat(17) }))).toEqual({
      errcode: 65403,
      errmsg: 'illegal nickname',
    })
  })

  it(`answers 65405 beyond 100 accounts (${DOC.add})`, async () => {
    const own = await startEmulator({ port: 0 })
    try {
      const client = createClient({ appId: own.appId, appSecret: own.appSecret, baseUrl: own.url })
      for (let i = 0; i < 100; i++) await addKfAccount(client, `kf${i}@shop`, `KF ${i}`)
      expect(await answer(addKfAccount(client, 'kf100@shop', 'One too many'))).toEqual({
        errcode: 65405,
        errmsg: 'custom service account number reach limit',
      })
    } finally {
      await own.close()
    }
  })

  it('changes the nickname', async () => {
    await addKfAccount(wx, 'cara@shop', 'Cara')
    await updateKfAccount(wx, 'cara@shop', 'Cara (billing)')
    expect((await listKfAccounts(wx)).find((k) => k.account === 'cara@shop')?.nickname).toBe('Cara (billing)')
  })

  it(`answers 65401 when updating an account that does not exist, 65403 for an illegal nickname (${DOC.update})`, async () => {
    expect(await answer(updateKfAccount(wx, 'ghost@shop', 'Ghost'))).toEqual({ errcode: 65401, errmsg: 'invalid custom service account' })
    expect(await answer(raw('/customservice/kfaccount/update', { kf_account: 'cara@shop', nickname: '' }))).toMatchObject({
      errcode: 65403,
    })
  })

  it('deletes an account', async () => {
    await addKfAccount(wx, 'dan@shop', 'Dan')
    await deleteKfAccount(wx, 'dan@shop')
    expect((await listKfAccounts(wx)).map((k) => k.account)).not.toContain('dan@shop')
  })

  it(`answers 65401 when deleting an account that does not exist (${DOC.del})`, async () => {
    expect(await answer(deleteKfAccount(wx, 'ghost@shop'))).toEqual({ errcode: 65401, errmsg: 'invalid custom service account' })
  })

  it('sets the avatar from a JPEG', async () => {
    await addKfAccount(wx, 'eve@shop', 'Eve')
    await uploadKfAvatar(wx, 'eve@shop', JPEG)
    expect((await listKfAccounts(wx)).find((k) => k.account === 'eve@shop')?.avatarUrl).toMatch(/^https:\/\//)
  })

  it(`sets the avatar from a PNG: the page names no format (${DOC.avatar})`, async () => {
    await addKfAccount(wx, 'erin@shop', 'Erin')
    await uploadKfAvatar(wx, 'erin@shop', PNG)
    expect((await listKfAccounts(wx)).find((k) => k.account === 'erin@shop')?.avatarUrl).toMatch(/^https:\/\//)
  })

  it(`answers 40005 for a file that is not an image, 65401 for an unknown account (${DOC.avatar})`, async () => {
    expect(await answer(uploadKfAvatar(wx, 'eve@shop', TEXT))).toEqual({ errcode: 40005, errmsg: 'invalid file type' })
    expect(await answer(uploadKfAvatar(wx, 'ghost@shop', JPEG))).toMatchObject({ errcode: 65401 })
  })

  it('records an invitation to bind a WeChat user', async () => {
    await addKfAccount(wx, 'finn@shop', 'Finn')
    await inviteKfWorker(wx, 'finn@shop', 'finn_wx')
    const finn = (await listKfAccounts(wx)).find((k) => k.account === 'finn@shop')
    expect(finn?.invite).toMatchObject({ wechatId: 'finn_wx', status: 'waiting' })
    expect(finn?.invite?.expiresAt).toBeGreaterThan(Math.floor((await emu.control.now()) / 1000))
  })

  it(`answers the invitation errcodes 65401, 65407, 65408, 65409, 65411 and 65412 (${DOC.invite})`, async () => {
    await addKfAccount(wx, 'hana@shop', 'Hana')
    await addKfAccount(wx, 'ivan@shop', 'Ivan')
    await addKfAccount(wx, 'jack@shop', 'Jack')
    expect(await answer(inviteKfWorker(wx, 'ghost@shop', 'someone'))).toMatchObject({ errcode: 65401 })
    expect(await answer(raw('/customservice/kfaccount/inviteworker', { kf_account: 'hana@shop', invite_wx: '' }))).toEqual({
      errcode: 65409,
      errmsg: 'wechat account invalid',
    })
    await inviteKfWorker(wx, 'hana@shop', 'hana_wx')
    expect(await answer(inviteKfWorker(wx, 'hana@shop', 'other_wx'))).toEqual({
      errcode: 65411,
      errmsg: 'a effective invitation to bind the custom service account exists',
    })
    expect(await answer(inviteKfWorker(wx, 'ivan@shop', 'hana_wx'))).toEqual({
      errcode: 65408,
      errmsg: 'you have already invited the wechat user',
    })
    await emu.control.acceptKfInvite('hana@shop')
    expect(await answer(inviteKfWorker(wx, 'hana@shop', 'other_wx'))).toEqual({
      errcode: 65412,
      errmsg: 'the custom service account have been bound by a wechat user',
    })
    expect(await answer(inviteKfWorker(wx, 'jack@shop', 'hana_wx'))).toEqual({
      errcode: 65407,
      errmsg: 'the wechat user have been one of your workers',
    })
  })

  it('lists the accounts online now', async () => {
    await addKfAccount(wx, 'gina@shop', 'Gina')
    await emu.control.setKfOnline('gina@shop', { acceptedCase: 3 })
    const online = await listOnlineKfAccounts(wx)
    expect(online).toEqual([expect.objectContaining({ account: 'gina@shop', acceptedCases: 3, status: 1 })])
  })

  it(`answers 65401 to a message sent as an account that does not exist (${DOC.del})`, async () => {
    const openid = await emu.control.followerAt(3)
    await emu.control.interact(openid)
    expect(await answer(sendText(wx, openid, 'hi', { kfAccount: 'ghost@shop' }))).toEqual({
      errcode: 65401,
      errmsg: 'invalid custom service account',
    })
  })

  describe('refuses bad input before any request', () => {
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['an account without @', () => addKfAccount(wx, 'anna', 'Anna'), /account must be "prefix@wechatid"/],
      ['a prefix over 10 characters', () => addKfAccount(wx, 'abcdefghijk@shop', 'A'), /account must be "prefix@wechatid" \(prefix 1-10/],
      [
        'a nickname over 16 characters',
        () => addKfAccount(wx, 'ok@shop', 'x'.repeat(17)),
        /nickname must be at most 16 characters, got 17/,
      ],
      ['an empty nickname on update', () => updateKfAccount(wx, 'ok@shop', ''), /nickname must not be empty/],
      ['a bad account on delete', () => deleteKfAccount(wx, '@shop'), /account must be "prefix@wechatid"/],
      // api_uploadkfheadimg: "文件大小为5M 以内".
      [
        'an avatar over 5 MB',
        () => uploadKfAvatar(wx, 'eve@shop', new Blob([new Uint8Array(5 * 1024 * 1024 + 1)])),
        /image must be at most 5 MB \(5242880 bytes\), got 5242881 bytes/,
      ],
      ['an empty avatar', () => uploadKfAvatar(wx, 'eve@shop', new Blob([])), /image must not be empty/],
      ['an empty invitee', () => inviteKfWorker(wx, 'finn@shop', ''), /wechatId must not be empty/],
    ]
    for (const [what, call, pattern] of cases) {
      it(`refuses ${what}`, async () => {
        const before = await kfCalls()
        await expect(call()).rejects.toThrow(pattern)
        expect(await kfCalls()).toBe(before)
      })
    }
  })
})
