import { describe, expect, it } from 'vitest'
import { parseJsonLossless } from '@wxmp/core'

describe('parseJsonLossless', () => {
  it('keeps 64-bit ids exact, in objects and arrays', () => {
    expect(parseJsonLossless('{"msgid":2918131553548107776,"ids":[9007199254740993,1]}')).toEqual({ msgid: '2918131553548107776', ids: ['9007199254740993', 1] })
  })
  it('leaves safe integers, negatives, fractions, exponents and strings alone', () => {
    expect(parseJsonLossless('{"a":9007199254740991,"b":-12,"c":1.2345678901234567891,"d":1e21,"e":"12345678901234567890"}')).toEqual({
      a: 9007199254740991,
      b: -12,
      c: 1.2345678901234567891,
      d: 1e21,
      e: '12345678901234567890',
    })
  })
  it('handles escaped quotes inside strings', () => {
    expect(parseJsonLossless('{"s":"say \\"12345678901234567890\\"","n":12345678901234567890}')).toEqual({ s: 'say "12345678901234567890"', n: '12345678901234567890' })
  })
})
