// Openid conversion after an account migration, against an emulator holding both accounts.
// https://developers.weixin.qq.com/doc/service/api/usermanage/changeopenid/api_changeopenid.html
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { changeOpenIds, changeOpenIdsChunked } from './index'

const OLD = 'wx1111111111111111'
const NEW = 'wx2222222222222222'
let emu: Emulator
let wx: WeChatClient
let originalId: string
const oldFollower = (i: number) => emu.control.followerAt(i, { appId: OLD })

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    apps: [
      { appId: NEW, appSecret: 'n'.repeat(32) },
      { appId: OLD, appSecret: 'o'.repeat(32), followers: 250 },
    ],
  })
  wx = createClient({ appId: NEW, appSecret: 'n'.repeat(32), baseUrl: emu.url })
})
afterAll(() => emu.close())

describe('changeOpenIds', () => {
  it('fails with 63178 before the migration is approved', async () => {
    await expect(changeOpenIds(wx, OLD, [await oldFollower(0)])).rejects.toMatchObject({ errcode: 63178 })
  })

  it("converts the old account's followers, by its appid or its original id", async () => {
    originalId = (await emu.control.approveMigration(OLD, { appId: NEW })).originalId
    const a = await oldFollower(0)
    const byAppId = await changeOpenIds(wx, OLD, [a])
    const byOriginalId = await changeOpenIds(wx, originalId, [a])
    expect(byAppId[0]).toEqual({ oldOpenid: a, newOpenid: expect.stringMatching(/^o[\w-]{27}$/) as string })
    expect(byOriginalId).toEqual(byAppId)
  })

  it("reports an openid that is not the old account's follower, beside the ones that convert", async () => {
    const a = await oldFollower(1)
    const result = await changeOpenIds(wx, OLD, [a, 'oStranger_000000000000000000'])
    expect(result[0]?.newOpenid).toBeDefined()
    expect(result[1]).toEqual({ oldOpenid: 'oStranger_000000000000000000', error: 'ori_openid error' })
  })

  it('converts 250 openids in three calls, in order', async () => {
    const olds = await Promise.all(Array.from({ length: 250 }, (_, i) => oldFollower(i)))
    const before = (await emu.control.counters({ appId: NEW }))['path:/cgi-bin/changeopenid'] ?? 0
    const result = await changeOpenIdsChunked(wx, OLD, olds)
    expect(result.map((r) => r.oldOpenid)).toEqual(olds)
    expect(result.every((r) => r.newOpenid !== undefined)).toBe(true)
    expect(((await emu.control.counters({ appId: NEW }))['path:/cgi-bin/changeopenid'] ?? 0) - before).toBe(3)
  })

  it('stops working 15 days after the migration (63178)', async () => {
    await emu.control.advanceClock(15 * 86_400_000 + 1_000)
    await expect(changeOpenIds(wx, OLD, [await oldFollower(0)])).rejects.toMatchObject({ errcode: 63178 })
  })
})
