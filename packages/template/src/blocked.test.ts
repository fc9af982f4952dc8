// Intercepted template messages against the emulator.
// https://developers.weixin.qq.com/doc/service/api/notify/template/api_queryblocktmplmsg
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { addTemplate, iterateBlockedMessages, listBlockedMessages, sendTemplateMessage } from './index'

let emu: Emulator
let wx: WeChatClient
let templateId: string

beforeAll(async () => {
  emu = await startEmulator({ port: 0, apps: [{ appId: 'wx5555555555555555', appSecret: 'b'.repeat(32), followers: 300 }] })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  templateId = await addTemplate(wx, 'TM00015')
  await emu.control.request('POST', '/template/block', { templateId })
  for (let i = 0; i < 130; i++)
    await sendTemplateMessage(wx, { openid: await emu.control.followerAt(i), templateId, data: { keyword1: `order ${i}` } })
})
afterAll(() => emu.close())

describe('blocked template messages', () => {
  it('lists what WeChat intercepted: to whom and when, and nothing reached the followers', async () => {
    const page = await listBlockedMessages(wx, templateId, { limit: 10 })
    expect(page).toHaveLength(10)
    expect(page[0]).toMatchObject({ id: 1, templateId, openid: await emu.control.followerAt(0), sentAt: expect.any(Number) as number })
    expect(await emu.control.outbox({ channel: 'template' })).toEqual([])
  })

  it('pages on from the largest id seen', async () => {
    const next = await listBlockedMessages(wx, templateId, { largestId: 10, limit: 10 })
    expect(next[0]?.id).toBe(11)
  })

  it('iterates every intercepted message, 100 a page', async () => {
    const ids: number[] = []
    for await (const m of iterateBlockedMessages(wx, templateId)) ids.push(m.id)
    expect(ids).toEqual(Array.from({ length: 130 }, (_, i) => i + 1))
  })

  it('answers an empty list for a template with nothing intercepted', async () => {
    expect(await listBlockedMessages(wx, 'some-other-template')).toEqual([])
  })
})
