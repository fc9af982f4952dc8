import { describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { getUserInfo, updateUserRemark } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
const REMARK = 'path:/cgi-bin/user/info/updateremark'

const calls = async () => (await emu.control.counters())[REMARK] ?? 0
const remarkOf = async (openid: string) => (await emu.control.userRecord(openid)).remark

describe('updateUserRemark', () => {
  it('sets the remark the emulator then holds and user info shows', async () => {
    const openid = await emu.control.followerAt(4)
    await updateUserRemark(wx, openid, 'VIP customer')
    expect(await remarkOf(openid)).toBe('VIP customer')
    const user = await getUserInfo(wx, openid)
    expect(user.subscribed && user.remark).toBe('VIP customer')
  })

  it('accepts 10 Chinese characters, which are 30 bytes', async () => {
    const openid = await emu.control.followerAt(5)
    await updateUserRemark(wx, openid, '北京朝阳区老客户十个')
    expect(await remarkOf(openid)).toBe('北京朝阳区老客户十个')
  })

  it('clears a remark with an empty string', async () => {
    const openid = await emu.control.followerAt(6)
    await updateUserRemark(wx, openid, 'temporary')
    await updateUserRemark(wx, openid, '')
    expect(await remarkOf(openid)).toBe('')
  })

  it('throws WeChat 40003 for a user who unfollowed', async () => {
    const openid = await emu.control.addFollower({ openid: await emu.control.followerAt(7), subscribed: false })
    const error = await updateUserRemark(wx, openid, 'gone').catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40003)
  })

  it('refuses a remark over 30 bytes before any request', async () => {
    const openid = await emu.control.followerAt(8)
    const before = await calls()
    await expect(updateUserRemark(wx, openid, '北京朝阳区老客户十一个')).rejects.toThrow('remark must be at most 30 bytes of UTF-8, got 33')
    await expect(updateUserRemark(wx, openid, 'x'.repeat(31))).rejects.toThrow(RangeError)
    // @ts-expect-error a remark is a string
    await expect(updateUserRemark(wx, openid, 42)).rejects.toThrow(TypeError)
    await expect(updateUserRemark(wx, 'bad openid', 'x')).rejects.toThrow(/openid must be an openid/)
    expect(await calls()).toBe(before)
  })
})
