// The argument checks at their edges, through the public entry as the API packages call them: each
// refusal names the argument and what was given (type and size, never a long value in full), each
// limit holds at its boundary, and the "did you mean" hint finds a misspelling without inventing one.
// Found missing by the mutation run on validate.ts (DEVELOPING.md "Mutation testing").
import { describe, expect, it } from 'vitest'
import {
  assertArray,
  assertHttpUrl,
  assertOneOf,
  assertOptions,
  assertString,
  checkOptions,
  chunk,
  describeValue,
  didYouMean,
  integerIn,
  toIdOrThrow,
} from '@wxmp/core'

describe('what was given, described', () => {
  it('describes undefined and null by name', () => {
    expect(describeValue(undefined)).toBe('undefined')
    expect(describeValue(null)).toBe('null')
  })

  it('says which pattern a string missed when the rule gives no words for it', () => {
    expect(() => assertString('code', 'ab', { pattern: /^\d+$/ })).toThrow(
      new RangeError('code must be match /^\\d+$/, got a string of 2 characters'),
    )
  })
})

describe('choices', () => {
  it('refuses a value of another type by its type, with no hint', () => {
    expect(() => assertOneOf('lang', 5, ['zh_CN', 'en'])).toThrow(new RangeError("lang must be one of 'zh_CN', 'en', got number 5"))
  })

  it('quotes at most 40 characters of a wrong choice', () => {
    const error = (() => {
      try {
        assertOneOf('lang', 'x'.repeat(100), ['zh_CN', 'en'])
      } catch (e) {
        return e as Error
      }
    })()
    expect(error?.message).toBe(`lang must be one of 'zh_CN', 'en', got "${'x'.repeat(40)}"`)
  })
})

describe('lists', () => {
  it('refuses a value that is not an array, naming what it got', () => {
    expect(() => assertArray('openIds', 'o1')).toThrow(new TypeError('openIds must be an array, got a string of 2 characters'))
  })

  it('refuses an empty list by default', () => {
    expect(() => assertArray('openIds', [])).toThrow(new RangeError('openIds must not be empty'))
  })

  it('splits a list whose length is a multiple of the size into full chunks only', () => {
    expect(chunk([1, 2, 3, 4], 2)).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(chunk([], 2)).toEqual([])
  })

  it('refuses a chunk size below 1, naming it', () => {
    expect(() => chunk([1, 2], 0)).toThrow(new RangeError('chunk size must be at least 1, got 0'))
  })
})

describe('options objects', () => {
  it('passes undefined options', () => {
    expect(() => assertOptions('getUser options', undefined, ['lang'])).not.toThrow()
    expect(() => checkOptions('getUser options', undefined, { lang: null })).not.toThrow()
  })

  it('says an options argument takes none, and quotes at most 40 characters of an unknown name', () => {
    expect(() => assertOptions('ping options', { x: 1 }, [])).toThrow(new TypeError('ping options has no option "x"; it takes none'))
    const long = 'q'.repeat(100)
    expect(() => assertOptions('ping options', { [long]: 1 }, ['lang'])).toThrow(
      new TypeError(`ping options has no option "${'q'.repeat(40)}"; it takes lang`),
    )
  })

  it('skips the check of an option given as undefined', () => {
    expect(() => checkOptions('qr options', { expireSeconds: undefined }, { expireSeconds: integerIn(60, 2_592_000) })).not.toThrow()
    expect(() => checkOptions('qr options', { expireSeconds: 1 }, { expireSeconds: integerIn(60, 2_592_000) })).toThrow(
      'qr options.expireSeconds must be at least 60, got 1',
    )
  })

  it('refuses a signal that only looks part of the way like an AbortSignal', () => {
    const bad = (signal: unknown) => () => assertOptions('call options', { signal }, ['signal'])
    expect(bad(null)).toThrow(new TypeError('call options.signal must be an AbortSignal, got null'))
    expect(bad({ aborted: false })).toThrow(TypeError)
    expect(bad({ addEventListener: () => {} })).toThrow(TypeError)
    expect(bad(Object.assign(() => {}, { aborted: false, addEventListener: () => {} }))).toThrow(TypeError)
    expect(bad({ aborted: false, addEventListener: () => {} })).not.toThrow()
  })
})

describe('did you mean', () => {
  it("finds WeChat's wire name for a camelCase option, however many edits apart", () => {
    expect(didYouMean('content_source_url', ['title', 'contentSourceUrl'])).toBe(' (did you mean "contentSourceUrl"?)')
  })

  it('suggests a name two edits away, including one two characters shorter', () => {
    expect(didYouMean('offs', ['count', 'offset'])).toBe(' (did you mean "offset"?)')
    expect(didYouMean('lnag', ['lang'])).toBe(' (did you mean "lang"?)')
  })

  it('suggests nothing three edits away', () => {
    expect(didYouMean('abc', ['xyz'])).toBe('')
    expect(didYouMean('nextopenid', ['lang', 'openid_list'])).toBe('')
  })

  it('suggests the first of two names equally close', () => {
    expect(didYouMean('tag', ['tab', 'tap'])).toBe(' (did you mean "tab"?)')
  })

  it('counts a name with an extra first character as one edit', () => {
    expect(didYouMean('xoffset', ['offset'])).toBe(' (did you mean "offset"?)')
    expect(didYouMean('begin_date', ['end_date'])).toBe('')
  })
})

describe('ids', () => {
  it('refuses a fractional number as a whole-number id', () => {
    expect(() => toIdOrThrow('msg_id', 1.5)).toThrow(new TypeError('msg_id must be a whole-number id, got number 1.5'))
  })

  it('refuses a value of another type, naming the kinds an id may be', () => {
    expect(() => toIdOrThrow('msg_id', true)).toThrow(
      new TypeError('msg_id must be an id (number, decimal string or bigint), got boolean true'),
    )
  })

  it('quotes at most 40 characters of a malformed id string', () => {
    expect(() => toIdOrThrow('msg_id', `-${'9'.repeat(100)}`)).toThrow(
      new RangeError(`msg_id must be a decimal id without sign or leading zeros, got "-${'9'.repeat(39)}"`),
    )
  })

  it('applies the caller minimum, the minimum itself included', () => {
    expect(() => toIdOrThrow('tag id', 5, { min: 10n })).toThrow(new RangeError('tag id must be at least 10, got 5'))
    expect(toIdOrThrow('tag id', 10, { min: 10n })).toBe('10')
  })
})

describe('URLs', () => {
  it('refuses a URL over 2048 characters by default, and over the caller maximum when given', () => {
    const url = `https://e.com/${'a'.repeat(2040)}`
    expect(() => assertHttpUrl('url', url)).toThrow(new RangeError('url must be at most 2048 characters, got 2054'))
    expect(() => assertHttpUrl('url', 'https://example.com/0123456789', { max: 20 })).toThrow(
      new RangeError('url must be at most 20 characters, got 30'),
    )
  })

  it('does not call a URL with a scheme relative when it fails to parse', () => {
    expect(() => assertHttpUrl('url', 'http://exa mple.com')).toThrow(
      new RangeError('url must be an absolute http(s) URL, got a string of 19 characters'),
    )
  })

  it('calls a path relative even when its query holds a colon', () => {
    expect(() => assertHttpUrl('url', '/callback?next=a:b')).toThrow(
      new RangeError('url must be an absolute http(s) URL, got a string of 18 characters (a relative URL)'),
    )
  })
})
