import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { setTyping } from './typing'
import { sendText } from './index'

let emu: Emulator
let wx: WeChatClient
let openid: string
const typingOf = async (user: string) => (await emu.control.request<{ typing: boolean }>('GET', `/custom/typing?openid=${user}`)).typing

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  openid = await emu.control.followerAt(2)
  await emu.control.interact(openid)
})
afterAll(() => emu.close())

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
