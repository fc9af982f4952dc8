import { beforeAll, describe, expect, it } from 'vitest'
import { sendMassMessageChunked } from './chunked'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
let openIds: string[]

beforeAll(async () => {
  // 10,001 well-formed openids: one more than a single send takes (WeChat counts them all as addressed).
  openIds = Array.from({ length: 10_001 }, (_, i) => `oChunk${String(i).padStart(22, '0')}`)
})

describe('sendMassMessageChunked', () => {
  it('splits 10,001 openids into two even sends, none under the minimum of two', async () => {
    const results = await sendMassMessageChunked(wx, openIds, { type: 'text', content: 'sale' }, { clientMsgId: 'sale-7' })
    expect(results.map((r) => r.clientMsgId)).toEqual(['sale-7-1', 'sale-7-2'])
    const jobs = await emu.control.massJobs()
    expect(jobs.map((j) => j.totalCount)).toEqual([5001, 5000])
    expect(jobs.map((j) => j.msgId)).toEqual(results.map((r) => r.msgId))
  })

  it('sends only what did not go out when run again with the same clientMsgId', async () => {
    await emu.control.advanceClock(61_000)
    const results = await sendMassMessageChunked(wx, openIds, { type: 'text', content: 'sale' }, { clientMsgId: 'sale-7' })
    expect(results.map((r) => r.duplicate)).toEqual([true, true])
    expect(await emu.control.massJobs()).toHaveLength(2)
  })

  it('refuses a single openid before any request', async () => {
    await expect(sendMassMessageChunked(wx, ['oA'], { type: 'text', content: 'x' })).rejects.toThrow(
      /openIds must have at least 2 items, got 1/,
    )
  })

  it('refuses a clientMsgId with no room for the chunk suffix', async () => {
    await expect(sendMassMessageChunked(wx, openIds, { type: 'text', content: 'x' }, { clientMsgId: 'x'.repeat(63) })).rejects.toThrow(
      'clientMsgId (with room for the "-2" chunk suffix) must be at most 62 bytes of UTF-8, got 63',
    )
  })
})
