import { beforeAll, describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { setTyping } from './typing'
import { sendText } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
let openid: string
const typingOf = async (user: string) => await emu.control.typing(user)

beforeAll(async () => {
  openid = await emu.control.followerAt(2)
  await emu.control.interact(openid)
})

describe('setTyping', () => {
  it('shows typing in the user chat', async () => {
    await setTyping(wx, openid, true)
    expect(await typingOf(openid)).toBe(true)
  })
  it('hides typing again', async () => {
    await setTyping(wx, openid, true)
    await setTyping(wx, openid, false)
    expect(await typingOf(openid)).toBe(false)
  })
  it('stops typing when a message is sent', async () => {
    await setTyping(wx, openid, true)
    await sendText(wx, openid, 'here is your answer')
    expect(await typingOf(openid)).toBe(false)
  })
  it('needs the 48-hour window like a send', async () => {
    const quiet = await emu.control.followerAt(50)
    const error = await setTyping(wx, quiet, true).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(45015)
  })
  it('refuses a non-boolean before any request', async () => {
    const before = (await emu.control.counters())['path:/cgi-bin/message/custom/typing'] ?? 0
    await expect(setTyping(wx, openid, 'on' as unknown as boolean)).rejects.toThrow(/typing must be a boolean, got a string/)
    await expect(setTyping(wx, '', true)).rejects.toThrow(/openid must not be empty/)
    expect((await emu.control.counters())['path:/cgi-bin/message/custom/typing'] ?? 0).toBe(before)
  })
})
