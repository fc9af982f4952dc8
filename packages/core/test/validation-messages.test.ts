// What the checks say when they refuse: the argument's name, the rule, and what was given, by type
// and size (never its content). Through the public entry, as API packages call them.
import { expect, it } from 'vitest'
import { assertBoolean, assertString, describeValue } from '@wxmp/core'

it('refuses a value that is not a boolean, naming what it got', () => {
  expect(() => assertBoolean('is_to_all', 'yes')).toThrow(new TypeError('is_to_all must be a boolean, got a string of 3 characters'))
  expect(() => assertBoolean('is_to_all', false)).not.toThrow()
  expect(() => assertBoolean('is_to_all', true)).not.toThrow()
})

it.each([
  ['', 'an empty string'],
  [10n, 'bigint 10'],
  [() => 1, 'a function'],
  [Symbol('s'), 'a symbol'],
  [{ a: 1 }, 'an object'],
])('describes %s as %s, never by its content', (value, expected) => {
  expect(describeValue(value)).toBe(expected)
})

it('refuses a string under its minimum length, naming the minimum and the length', () => {
  expect(() => assertString('title', 'ab', { min: 3 })).toThrow(new RangeError('title must be at least 3 characters, got 2'))
})

it('accepts a string of exactly maxBytes UTF-8 bytes and refuses one byte more', () => {
  expect(() => assertString('content', '你好', { maxBytes: 6 })).not.toThrow()
  expect(() => assertString('content', '你好a', { maxBytes: 6 })).toThrow(RangeError)
})
