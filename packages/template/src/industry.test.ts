import { describe, expect, it } from 'vitest'
import { getIndustry, setIndustry } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
const sets = async () => (await emu.control.counters())['path:/cgi-bin/template/api_set_industry'] ?? 0

describe('setIndustry and getIndustry', () => {
  it('reads no industry before one is set', async () => {
    expect(await getIndustry(wx)).toEqual({ primary: undefined, secondary: undefined })
  })

  it('sets the industries by code and reads them back by name', async () => {
    await setIndustry(wx, { primary: 1, secondary: 41 })
    expect(await getIndustry(wx)).toEqual({
      primary: { firstClass: 'IT科技', secondClass: '互联网|电子商务' },
      secondary: { firstClass: '其它', secondClass: '其它' },
    })
  })

  it('fails with 43100 when changed again within a month, and succeeds a month later', async () => {
    await expect(setIndustry(wx, { primary: 2, secondary: 3 })).rejects.toMatchObject({ errcode: 43100 })
    await emu.control.advanceClock(31 * 86_400_000)
    await setIndustry(wx, { primary: 2, secondary: 3 })
    expect((await getIndustry(wx)).primary).toEqual({ firstClass: 'IT科技', secondClass: 'IT软件与服务' })
  })

  it('refuses a code outside 1–41 before any request', async () => {
    const before = await sets()
    await expect(setIndustry(wx, { primary: 0, secondary: 1 })).rejects.toThrow('industry.primary must be at least 1, got 0')
    await expect(setIndustry(wx, { primary: 1, secondary: 42 })).rejects.toThrow('industry.secondary must be at most 41, got 42')
    expect(await sets()).toBe(before)
  })
})
