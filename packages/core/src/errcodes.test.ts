import { describe, expect, it } from 'vitest'
import { describeErrcode, ERRCODES } from '@wxmp/core/errcodes'
import { WeChatApiError } from '@wxmp/core'

describe('describeErrcode', () => {
  it('explains the codes users meet in English and Chinese', () => {
    expect(describeErrcode(45015)).toMatchObject({ code: 45015, retryable: false })
    expect(describeErrcode(45015)?.en).toMatch(/48 hours/)
    expect(describeErrcode(45015)?.zh).toMatch(/回复时间/)
  })

  it('marks only system-busy and token errors as retryable', () => {
    const retryable = [...ERRCODES.values()]
      .filter((e) => e.retryable)
      .map((e) => e.code)
      .sort((a, b) => a - b)
    expect(retryable).toEqual([-1, 40001, 40014, 42001])
  })

  it('covers at least the 40 codes a user meets, each with both languages', () => {
    expect(ERRCODES.size).toBeGreaterThanOrEqual(40)
    for (const info of ERRCODES.values()) {
      expect(info.en.length).toBeGreaterThan(1)
      expect(info.zh).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it("returns undefined for an unknown code, so WeChat's own errmsg is kept", () => {
    expect(describeErrcode(99999999)).toBeUndefined()
  })
})

// Issue 28: the errcodes a newcomer meets first say what to do, in the error's own message (a
// pointer, since the table is a separate entry) and in the table. Meanings from WeChat's global
// return codes, https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html
describe('errcodes a newcomer meets', () => {
  const FIRST = [40013, 40125, 40164, 40003, 40037, 45015, 45047, 43004, 47003, 48001]
  // The message itself stays WeChat's (a pointer per code cost core + one call bytes its ratchet
  // does not have): `describeErrcode(error.errcode)` is where the what-to-do lives (core README, "Errors").
  it("keep the WeChatApiError message to WeChat's own words and the rid", () => {
    for (const code of FIRST) {
      const error = new WeChatApiError(
        code,
        'terse errmsg rid: 6571a2b3-1c2d3e4f-5a6b7c8d',
        { method: 'POST', url: 'https://api.weixin.qq.com/x', path: '/x' },
        {},
      )
      expect(error.message).toBe(`WeChat API error ${code} on /x: terse errmsg (rid: 6571a2b3-1c2d3e4f-5a6b7c8d)`)
    }
  })
  it('the table says what to do for each', () => {
    for (const code of FIRST) expect(describeErrcode(code)?.en, String(code)).toMatch(/: (check|add|use|wait|only|fix)|; wait/)
  })
})
