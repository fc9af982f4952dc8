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

// Security review finding 1: the string part of the lossless parse restarted at every `"` of an
// unterminated string and scanned to the end each time (64 KB took 5.3 s). The parse runs on push
// bodies and on download bodies up to 16 MiB, so a hostile body must cost time in proportion to its
// size. Work is not countable inside the regex engine, so this compares how the best of three runs
// grows each time the body grows 4x, from 4 KiB to 1 MiB: linear work grows about 4x, quadratic 16x.
// The steps are small first, so a quadratic parse fails in about a second instead of blocking.
describe('parseJsonLossless on hostile bodies', () => {
  const hostile = (bytes: number) => `{"id":12345678901234567890,"s":"${'\\"'.repeat(bytes / 2)}`
  const bestOf = (text: string) => {
    let best = Infinity
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      expect(() => parseJsonLossless(text)).toThrow(SyntaxError)
      best = Math.min(best, performance.now() - started)
    }
    return best
  }
  it('fails an unterminated string of up to 1 MiB in time linear in its size', () => {
    let previous = bestOf(hostile(4 * 1024))
    for (const kib of [16, 64, 256, 1024]) {
      const now = bestOf(hostile(kib * 1024))
      // Generous: 2x above linear, 2x below quadratic; below 0.1 ms a timer measures noise.
      expect(now / Math.max(previous, 0.1), `${kib} KiB`).toBeLessThan(8)
      previous = now
    }
  })
  it('still parses a 1 MiB body of escaped quotes and a 64-bit id', () => {
    expect(parseJsonLossless(`{"id":12345678901234567890,"s":"${'\\"'.repeat(512 * 1024)}"}`)).toEqual({ id: '12345678901234567890', s: '"'.repeat(512 * 1024) })
  })
})
