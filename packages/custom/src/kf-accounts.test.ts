import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { addKfAccount, deleteKfAccount, inviteKfWorker, listKfAccounts, listOnlineKfAccounts, updateKfAccount, uploadKfAvatar } from './kf-accounts'

let emu: Emulator
let wx: WeChatClient
const JPEG = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9])], { type: 'image/jpeg' })
const PNG = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: 'image/png' })
const kfCalls = async () => {
  const c = await emu.control.counters()
  return Object.entries(c).filter(([k]) => k.startsWith('path:/customservice/') || k.startsWith('path:/cgi-bin/customservice/')).reduce((n, [, v]) => n + v, 0)
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
})
afterAll(() => emu.close())

describe('kf accounts', () => {
  it('adds an account that then shows in the list', async () => {
    await addKfAccount(wx, 'anna@shop', 'Anna')
    const anna = (await listKfAccounts(wx)).find((k) => k.account === 'anna@shop')
    expect(anna).toMatchObject({ account: 'anna@shop', nickname: 'Anna', avatarUrl: '' })
    expect(anna?.id).toMatch(/^\d+$/)
  })

  it('refuses an account that exists with 61453', async () => {
    await addKfAccount(wx, 'bob@shop', 'Bob')
    const error = await addKfAccount(wx, 'bob@shop', 'Bob again').catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(61453)
  })

  it('changes the nickname', async () => {
    await addKfAccount(wx, 'cara@shop', 'Cara')
    await updateKfAccount(wx, 'cara@shop', 'Cara (billing)')
    expect((await listKfAccounts(wx)).find((k) => k.account === 'cara@shop')?.nickname).toBe('Cara (billing)')
  })

  it('deletes an account', async () => {
    await addKfAccount(wx, 'dan@shop', 'Dan')
    await deleteKfAccount(wx, 'dan@shop')
    expect((await listKfAccounts(wx)).map((k) => k.account)).not.toContain('dan@shop')
  })

  it('answers 61452 when deleting an account that does not exist', async () => {
    const error = await deleteKfAccount(wx, 'ghost@shop').catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(61452)
  })

  it('sets the avatar from a JPEG', async () => {
    await addKfAccount(wx, 'eve@shop', 'Eve')
    await uploadKfAvatar(wx, 'eve@shop', JPEG)
    expect((await listKfAccounts(wx)).find((k) => k.account === 'eve@shop')?.avatarUrl).toMatch(/^https:\/\//)
  })

  it('records an invitation to bind a WeChat user', async () => {
    await addKfAccount(wx, 'finn@shop', 'Finn')
    await inviteKfWorker(wx, 'finn@shop', 'finn_wx')
    const finn = (await listKfAccounts(wx)).find((k) => k.account === 'finn@shop')
    expect(finn?.invite).toMatchObject({ wechatId: 'finn_wx', status: 'waiting' })
    expect(finn?.invite?.expiresAt).toBeGreaterThan(Math.floor((await emu.control.now()) / 1000))
  })

  it('lists the accounts online now', async () => {
    await addKfAccount(wx, 'gina@shop', 'Gina')
    await emu.control.request('POST', '/custom/kf/online', { kfAccount: 'gina@shop', acceptedCase: 3 })
    const online = await listOnlineKfAccounts(wx)
    expect(online).toEqual([expect.objectContaining({ account: 'gina@shop', acceptedCases: 3, status: 1 })])
  })

  describe('refuses bad input before any request', () => {
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['an account without @', () => addKfAccount(wx, 'anna', 'Anna'), /account must be "prefix@wechatid"/],
      ['a prefix over 10 characters', () => addKfAccount(wx, 'abcdefghijk@shop', 'A'), /account must be "prefix@wechatid" \(prefix 1-10/],
      ['a nickname over 16 characters', () => addKfAccount(wx, 'ok@shop', 'x'.repeat(17)), /nickname must be at most 16 characters, got 17/],
      ['an empty nickname on update', () => updateKfAccount(wx, 'ok@shop', ''), /nickname must not be empty/],
      ['a bad account on delete', () => deleteKfAccount(wx, '@shop'), /account must be "prefix@wechatid"/],
      ['a PNG avatar', () => uploadKfAvatar(wx, 'eve@shop', PNG), /image must be a JPEG/],
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
