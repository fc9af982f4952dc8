import { describe, expect, it } from 'vitest'
import { parseJsonLossless } from '@wxmp/core'

describe('parseJsonLossless', () => {
  it('keeps 64-bit ids exact, in objects and arrays', () => {
    expect(parseJsonLossless('{"msgid":2918131553548107776,"ids":[9007199254740993,1]}')).toEqual({
      msgid: '2918131553548107776',
      ids: ['9007199254740993', 1],
    })
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
    expect(parseJsonLossless('{"s":"say \\"12345678901234567890\\"","n":12345678901234567890}')).toEqual({
      s: 'say "12345678901234567890"',
      n: '12345678901234567890',
    })
  })
})

// Security review finding 1: the lossless parse restarted at every `"` of an unterminated string
// and scanned to the end each time (64 KB took 5.3 s, 1 MiB would take minutes). It runs on push
// bodies and on download bodies up to 16 MiB, so its work must grow with the body's size, no
// faster. Work is counted, not timed: the text is handed in as a String object that counts every
// character read (the parse reads through charCodeAt / charAt), and the count is held to one read
// per character plus a little.
describe('parseJsonLossless on hostile bodies', () => {
  class CountingText extends String {
    reads = 0
    override charCodeAt(i: number): number {
      this.reads++
      return super.charCodeAt(i)
    }
    override charAt(i: number): string {
      this.reads++
      return super.charAt(i)
    }
  }
  const unterminated = (bytes: number) => `{"id":12345678901234567890,"s":"${'\\"'.repeat(bytes / 2)}`
  const quotes = (bytes: number) => `{"id":12345678901234567890,"s":"a${'"a'.repeat(bytes / 2)}`

  for (const [what, hostile] of [
    ['escaped quotes', unterminated],
    ['unescaped quotes', quotes],
  ] as const) {
    it(`fails a 1 MiB body of ${what} after reading each character about once`, () => {
      for (const bytes of [64 * 1024, 1024 * 1024]) {
        const text = new CountingText(hostile(bytes))
        expect(() => parseJsonLossless(text as unknown as string)).toThrow(SyntaxError)
        // At least every other character (escapes are skipped unread: the count sees the parse work)
        // and at most each once, plus the 64-bit id's digits.
        expect(text.reads).toBeGreaterThanOrEqual(text.length / 2)
        expect(text.reads).toBeLessThanOrEqual(text.length + 64)
      }
    })
  }
  it('still parses a 1 MiB body of escaped quotes and a 64-bit id', () => {
    expect(parseJsonLossless(`{"id":12345678901234567890,"s":"${'\\"'.repeat(512 * 1024)}"}`)).toEqual({
      id: '12345678901234567890',
      s: '"'.repeat(512 * 1024),
    })
  })
  it('quotes a 64-bit id after a string that ends in an escaped backslash', () => {
    expect(parseJsonLossless('{"s":"a\\\\","n":12345678901234567890,"m":-12345678901234567890}')).toEqual({
      s: 'a\\',
      n: '12345678901234567890',
      m: '-12345678901234567890',
    })
  })
})
