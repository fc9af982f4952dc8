import { describe, expect, it } from 'vitest'
import {
  assertArray,
  assertHttpUrl,
  assertInteger,
  assertOneOf,
  assertOpenId,
  assertOpenIds,
  assertOptions,
  assertString,
  chunk,
  toIdOrThrow,
  utf8ByteLength,
} from '@wxmp/core'

describe('validation messages name the argument, the limit and the size', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(() => assertString('groups name', 'a'.repeat(31), { max: 30 })).toThrow('groups name must be at most 30 characters, got 31')
    expect(() => assertString('remark', '😀'.repeat(30), { max: 30 })).not.toThrow()
  })

  it('counts bytes where WeChat counts bytes', () => {
    expect(utf8ByteLength('星标组')).toBe(9)
    expect(() => assertString('tag name', '星'.repeat(11), { maxBytes: 30 })).toThrow('tag name must be at most 30 bytes of UTF-8, got 33')
  })

  it('refuses empty strings and non-strings', () => {
    expect(() => assertString('content', '')).toThrow(RangeError)
    expect(() => assertString('content', 5)).toThrow(TypeError)
  })

  it('checks integer ranges', () => {
    expect(() => assertInteger('scene id', 100_001, { min: 1, max: 100_000 })).toThrow('scene id must be at most 100000, got 100001')
    expect(() => assertInteger('scene id', 1.5)).toThrow(TypeError)
  })

  it('checks list sizes and each openid', () => {
    expect(() => assertArray('openIds', [1], { min: 2 })).toThrow('openIds must have at least 2 items, got 1')
    expect(() => assertOpenIds('openIds', ['ok_1', 'bad openid'])).toThrow('openIds[1]')
  })

  it('refuses a hole in a sparse array, naming its index (forEach would skip it)', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(() => assertOpenIds('openIds', [, 'openid_1'])).toThrow('openIds[0] is missing')
    const holey = ['openid_1', 'openid_2', 'openid_3']
    delete holey[1]
    expect(() => assertOpenIds('openIds', holey)).toThrow(TypeError)
    expect(() => assertArray('items', holey)).toThrow('items[1] is missing')
    expect(() => assertArray('items', new Array(2))).toThrow('items[0] is missing')
    expect(() => assertArray('items', [undefined, null])).not.toThrow()
  })

  it('splits lists into chunks', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
  })
})

describe('ids stay exact and well-formed', () => {
  it('keeps a 64-bit id exact whether given as a string or a bigint', () => {
    expect(toIdOrThrow('msgId', '18446744073709551615')).toBe('18446744073709551615')
    expect(toIdOrThrow('msgId', 2n ** 60n)).toBe('1152921504606846976')
    expect(toIdOrThrow('msgId', 42)).toBe('42')
  })

  it('refuses a decimal string with a leading zero', () => {
    expect(() => toIdOrThrow('msgId', '0123')).toThrow('msgId must be a decimal id without sign or leading zeros, got "0123"')
  })

  it('refuses an id above 2^64-1', () => {
    expect(() => toIdOrThrow('msgId', '18446744073709551616')).toThrow('msgId must be at most 2^64-1, got 18446744073709551616')
  })

  it('refuses a number that is no longer exact', () => {
    expect(() => toIdOrThrow('tagId', 2 ** 60)).toThrow(/tagId must be a safe integer .* pass larger ids as a string or bigint/)
    expect(() => toIdOrThrow('tagId', 1e21)).toThrow(RangeError)
  })

  it('applies the caller range', () => {
    expect(() => toIdOrThrow('tagId', 2n ** 32n, { max: 2n ** 32n - 1n })).toThrow('tagId must be at most 4294967295, got 4294967296')
  })
})

describe('strings WeChat cannot take are refused', () => {
  it('refuses a lone surrogate', () => {
    expect(() => assertString('content', 'a\ud800b')).toThrow('content must be well-formed Unicode, got a lone surrogate at index 1')
  })

  it('refuses control characters but keeps line breaks in message text', () => {
    expect(() => assertString('content', 'line 1\nline 2')).not.toThrow()
    expect(() => assertString('content', 'a\u0000b')).toThrow('content must not contain control characters, got U+0000 at index 1')
  })

  it('refuses line breaks where the rule says none', () => {
    expect(() => assertString('name', 'a\r\nb', { controls: 'none' })).toThrow(
      'name must not contain control characters (including line breaks), got U+000D at index 1',
    )
  })

  it('describes a pattern mismatch by type and size, not by its text', () => {
    expect(() => assertOpenId('openId', 'secret value')).toThrow(
      'openId must be an openid (letters, digits, - and _), got a string of 12 characters',
    )
  })
})

describe('options objects', () => {
  it('refuses null options by name', () => {
    expect(() => assertOptions('createTemporaryQrCode options', null, ['expireSeconds', 'signal'])).toThrow(
      'createTemporaryQrCode options must be an object, got null',
    )
  })

  it('refuses a misspelt option and suggests the right one', () => {
    expect(() => assertOptions('createTemporaryQrCode options', { expiresSeconds: 600 }, ['expireSeconds', 'signal'])).toThrow(
      'createTemporaryQrCode options has no option "expiresSeconds" (did you mean "expireSeconds"?); it takes expireSeconds, signal',
    )
  })

  it('refuses a signal that is not an AbortSignal', () => {
    expect(() => assertOptions('options', { signal: {} }, ['signal'])).toThrow('options.signal must be an AbortSignal, got an object')
  })

  it('suggests the right value for a misspelt choice', () => {
    expect(() => assertOneOf('tokenMode', 'clasic', ['stable', 'classic'])).toThrow(
      `tokenMode must be one of 'stable', 'classic', got "clasic" (did you mean "classic"?)`,
    )
  })
})

describe('URLs', () => {
  it('accepts an absolute https URL', () => {
    expect(() => assertHttpUrl('url', 'https://example.com/a?b=1')).not.toThrow()
  })

  it('refuses a javascript: URL naming its scheme', () => {
    expect(() => assertHttpUrl('url', 'javascript:alert(1)')).toThrow(
      'url must be an absolute http(s) URL, got a string of 19 characters (scheme javascript:)',
    )
  })

  it('refuses a relative URL saying so', () => {
    expect(() => assertHttpUrl('url', '/path')).toThrow(
      'url must be an absolute http(s) URL, got a string of 5 characters (a relative URL)',
    )
  })

  it('refuses CR/LF inside a URL', () => {
    expect(() => assertHttpUrl('url', 'https://example.com/\r\nX: y')).toThrow('url must not contain control characters')
  })
})

describe('signals', () => {
  it('accepts an AbortSignal from another realm or a polyfill, by its shape', () => {
    const foreign = { aborted: false, reason: undefined, addEventListener() {}, removeEventListener() {} }
    expect(() => assertOptions('options', { signal: foreign }, ['signal'])).not.toThrow()
    expect(() => assertOptions('options', { signal: new AbortController().signal }, ['signal'])).not.toThrow()
  })
})
