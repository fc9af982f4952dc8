import { describe, expect, it } from 'vitest'
import { assertArray, assertInteger, assertOpenIds, assertString, chunk, utf8ByteLength } from '@wxmp/core'

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

  it('splits lists into chunks', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
  })
})
