import { describe, expect, it } from 'vitest'
import { formatChinaTime, toKeywordValues, type KeywordRules } from './keyword-values'

const seen: string[] = []
const rules = (seconds: boolean): KeywordRules => ({
  kindOf: (key) => key.replace(/\d+$/, ''),
  checkValue: (key, value) => {
    seen.push(`${key}=${value}`)
    if (value === 'refused') throw new RangeError(`data.${key} refused`)
  },
  seconds,
})

describe('formatChinaTime', () => {
  // 2023-09-12T11:43:07Z is 19:43:07 in China (UTC+8), and 23:30 UTC is already the next day there.
  it('writes China time, with or without seconds, or the date alone', () => {
    const date = new Date('2023-09-12T11:43:07Z')
    expect(formatChinaTime(date, true)).toBe('2023-09-12 19:43:07')
    expect(formatChinaTime(date, true, false)).toBe('2023-09-12 19:43')
    expect(formatChinaTime(date, false)).toBe('2023-09-12')
    expect(formatChinaTime(new Date('2023-12-31T23:30:00Z'), false)).toBe('2024-01-01')
  })

  it('refuses an Invalid Date', () => {
    expect(() => formatChinaTime(new Date(Number.NaN), true)).toThrow('a Date value must be a valid date, got Invalid Date')
  })
})

describe('toKeywordValues', () => {
  it('keeps strings, writes numbers as written and Dates by the key kind, checking every value', () => {
    seen.length = 0
    const date = new Date('2023-09-12T11:43:07Z')
    expect(toKeywordValues({ thing1: 'x', number2: 12.5, time3: date, date4: date }, rules(false))).toEqual({
      thing1: 'x',
      number2: '12.5',
      time3: '2023-09-12 19:43',
      date4: '2023-09-12',
    })
    expect(seen).toEqual(['thing1=x', 'number2=12.5', 'time3=2023-09-12 19:43', 'date4=2023-09-12'])
    expect(toKeywordValues({ time1: date }, rules(true))).toEqual({ time1: '2023-09-12 19:43:07' })
  })

  it.each([
    ['null', null, 'data must be an object of key → value, got null'],
    ['an array', ['x'], 'data must be an object of key → value, got an array'],
    ['no keys', {}, 'data must have at least 1 key'],
    [
      'an empty key',
      { '': 'x' },
      'data keys must be template keywords like thing1 or time2 (a letter, then letters, digits or _; at most 32), got an empty key',
    ],
    ['a key of 33', { [`a${'b'.repeat(32)}`]: 'x' }, 'got a key of 33 characters'],
    ['a key with CR/LF', { 'thing1\r\n': 'x' }, 'got a key of 8 characters'],
    ['__proto__', JSON.parse('{"__proto__": "x"}'), 'data keys must be template keywords'],
    ['NaN', { number1: Number.NaN }, 'data.number1 must be a string, a finite number or a Date, got number NaN'],
    ['an object value', { thing1: { value: 'x' } }, 'data.thing1 must be a string, a finite number or a Date'],
    ['a refused value', { thing1: 'refused' }, 'data.thing1 refused'],
  ])('refuses %s, naming what is wrong', (_, data, message) => {
    expect(() => toKeywordValues(data, rules(true))).toThrow(message)
  })

  it('accepts a key of exactly 32 characters', () => {
    const key = `a${'b'.repeat(31)}`
    expect(toKeywordValues({ [key]: 'x' }, rules(true))).toEqual({ [key]: 'x' })
  })
})
