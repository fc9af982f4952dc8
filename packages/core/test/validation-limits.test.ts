// Limits are inclusive: WeChat's "at most N" means N is allowed. Each check is asked at the limit
// and one past it, through the public `@wxmp/core/validate` entry.
import { expect, it } from 'vitest'
import { assertArray, assertInteger, assertString } from '@wxmp/core/validate'

it('accepts an array of exactly the maximum size and refuses one more', () => {
  expect(() =>
    assertArray(
      'openids',
      Array.from({ length: 100 }, () => 'o'),
      { max: 100 },
    ),
  ).not.toThrow()
  expect(() =>
    assertArray(
      'openids',
      Array.from({ length: 101 }, () => 'o'),
      { max: 100 },
    ),
  ).toThrow('openids must have at most 100 items, got 101')
})

it('accepts an array of exactly the minimum size and refuses one fewer', () => {
  expect(() => assertArray('articles', [1, 2], { min: 2 })).not.toThrow()
  expect(() => assertArray('articles', [1], { min: 2 })).toThrow('articles must have at least 2 items, got 1')
})

it('accepts a string of exactly the maximum length and refuses one more', () => {
  expect(() => assertString('name', 'x'.repeat(30), { max: 30 })).not.toThrow()
  expect(() => assertString('name', 'x'.repeat(31), { max: 30 })).toThrow('name must be at most 30 characters, got 31')
})

it('accepts an integer at either bound and refuses one past each', () => {
  expect(() => assertInteger('count', 1, { min: 1, max: 10 })).not.toThrow()
  expect(() => assertInteger('count', 10, { min: 1, max: 10 })).not.toThrow()
  expect(() => assertInteger('count', 0, { min: 1, max: 10 })).toThrow(RangeError)
  expect(() => assertInteger('count', 11, { min: 1, max: 10 })).toThrow(RangeError)
})
