// The chat transcript against the emulator: pages by msgid within one day, and the iterator.
// https://developers.weixin.qq.com/doc/service/Customer_Service/Obtain_chat_transcript.html
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { iterateMsgRecords, listMsgRecords } from './index'

let emu: Emulator
let wx: WeChatClient
let start: number

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  start = Math.floor((await emu.control.now()) / 1000) - 60
  for (let i = 0; i < 25; i++)
    await emu.control.request('POST', '/kfsession/wait', { openid: await emu.control.followerAt(i), text: `message ${i}` })
})
afterAll(() => emu.close())

const range = () => ({ start, end: start + 3600 })

describe('listMsgRecords', () => {
  it('reads a page and says where the next one starts', async () => {
    const page = await listMsgRecords(wx, range(), { number: 10 })
    expect(page.records).toHaveLength(10)
    expect(page.records[0]).toMatchObject({ opercode: 1000, text: 'message 0', worker: '' })
    expect(page.more).toBe(true)
    const next = await listMsgRecords(wx, range(), { number: 10, msgId: page.nextMsgId })
    expect(next.records[0]?.text).toBe('message 10')
  })

  it('takes Dates for the range', async () => {
    const page = await listMsgRecords(wx, { start: new Date(start * 1000), end: new Date((start + 3600) * 1000) })
    expect(page.records).toHaveLength(25)
    expect(page.more).toBe(false)
  })
})

describe('iterateMsgRecords', () => {
  it('yields every record across pages, once each', async () => {
    const texts: string[] = []
    for await (const r of iterateMsgRecords(wx, range(), { number: 7 })) texts.push(r.text)
    expect(texts).toEqual(Array.from({ length: 25 }, (_, i) => `message ${i}`))
  })
})
