import { describe, expect, it } from 'vitest'
import { describeErrcode, ERRCODES } from '@wxmp/core/errcodes'

describe('describeErrcode', () => {
  it('explains the codes users meet in English and Chinese', () => {
    expect(describeErrcode(45015)).toMatchObject({ code: 45015, retryable: false })
    expect(describeErrcode(45015)?.en).toMatch(/48 hours/)
    expect(describeErrcode(45015)?.zh).toMatch(/回复时间/)
  })

  it('marks only system-busy and token errors as retryable', () => {
    const retryable = [...ERRCODES.values()].filter((e) => e.retryable).map((e) => e.code).sort((a, b) => a - b)
    expect(retryable).toEqual([-1, 40001, 40014, 42001])
  })

  it('covers at least the 40 codes a user meets, each with both languages', () => {
    expect(ERRCODES.size).toBeGreaterThanOrEqual(40)
    for (const info of ERRCODES.values()) {
      expect(info.en.length).toBeGreaterThan(1)
      expect(info.zh).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('returns undefined for an unknown code, so WeChat\'s own errmsg is kept', () => {
    expect(describeErrcode(99999999)).toBeUndefined()
  })
})
