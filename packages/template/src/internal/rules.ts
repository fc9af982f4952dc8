// The value rules of category template keys, checked before sending so a bad value fails here,
// naming its key, instead of as WeChat's 47003. Legacy keys have none (WeChat folds long values).
import { assertString, type StringRule } from '@wxmp/core'

const HAN = /^\p{Script=Han}+$/u
const TIMEISH: StringRule = {
  pattern: /^(?=.*\d)[\d\s:\-/.年月日~]+$/u,
  patternText: 'a time or date like 2023-09-12 19:43:07, 15:01 or 2023年9月12日',
}

const RULES: Readonly<Record<string, StringRule>> = {
  thing: { max: 20 },
  short_thing: { max: 5 },
  character_string: { max: 32, pattern: /^[\x20-\x7e]+$/, patternText: 'letters, digits and symbols (no Chinese)' },
  number: { max: 32, pattern: /^\d+(\.\d+)?$/, patternText: 'a number (digits, optional decimals)' },
  letter: { max: 32, pattern: /^[A-Za-z]+$/, patternText: 'letters only' },
  symbol: { max: 5 },
  amount: {
    pattern: /^[^\d\s.]?\d{1,10}(\.\d+)?元?$/u,
    patternText: 'an amount (an optional currency symbol, at most 10 digits, optional decimals and 元)',
  },
  phrase: { max: 5, pattern: HAN, patternText: 'Chinese characters only' },
  phone_number: { max: 17, pattern: /^[\d\p{P}\p{S}\s]+$/u, patternText: 'digits and symbols' },
  car_number: { max: 8, pattern: /^[\p{Script=Han}A-Za-z0-9]+$/u, patternText: 'letters, digits and Chinese characters' },
  name: { max: 10 },
  time: TIMEISH,
  date: TIMEISH,
  const: {},
}

const KIND = /^(thing|short_thing|character_string|number|letter|symbol|amount|phrase|phone_number|car_number|name|time|date|const)\d+$/

/** The kind a key names (`time2` → `time`), or undefined for a legacy or unknown key. */
export function kindOf(key: string): string | undefined {
  return KIND.exec(key)?.[1]
}

/** Throws a RangeError naming `data.<key>` when `value` breaks its kind's rule. */
export function checkValue(key: string, value: string): void {
  const kind = kindOf(key)
  const name = `data.${key}`
  if (kind === undefined) {
    assertString(name, value, { min: 0 })
    return
  }
  // A name may be 20 characters when it is only letters (a Latin-script name).
  const rule = kind === 'name' && /^[A-Za-z ]+$/.test(value) ? { max: 20 } : RULES[kind]
  assertString(name, value, rule)
}
