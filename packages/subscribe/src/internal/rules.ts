// The value rules of subscription-notification keys (订阅通知参数值内容限制), checked before sending
// so a bad value fails here, naming its key, instead of as WeChat's 47003.
// https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
import { assertString, type StringRule } from '@wxmp/core'

const HAN = '\\p{Script=Han}'
// "Symbols": anything that is not a letter, a digit, Chinese, a space or a control character.
const SYMBOL = '[^\\p{L}\\p{N}\\s\\p{Cc}]'
// 24-hour time with an optional date before it (time) or a date with an optional time after it
// (date); either may be a range joined by ~ (the doc: 15:01, 2019年10月1日 15:01, ranges with ~).
const DATE = '\\d{4}(?:年\\d{1,2}月\\d{1,2}日|[-/.]\\d{1,2}[-/.]\\d{1,2})'
const CLOCK = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?'
const range = (one: string) => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`, 'u')

const RULES: Readonly<Record<string, StringRule>> = {
  thing: { max: 20 },
  number: { max: 32, pattern: /^\d+(\.\d+)?$/, patternText: 'a number (digits, optional decimals)' },
  letter: { max: 32, pattern: /^[A-Za-z]+$/, patternText: 'letters only' },
  symbol: { max: 5, pattern: new RegExp(`^${SYMBOL}+$`, 'u'), patternText: 'symbols only (no letters, digits or Chinese)' },
  character_string: { max: 32, pattern: /^[\x21-\x7e]+$/, patternText: 'digits, letters and symbols (no Chinese, no spaces)' },
  time: { pattern: range(`(?:${DATE}\\s*)?${CLOCK}`), patternText: 'a 24-hour time, optionally after a date (15:01, 2019年10月1日 15:01; a range with ~)' },
  date: { pattern: range(`${DATE}(?:\\s*${CLOCK})?`), patternText: 'a date, optionally with a 24-hour time (2019年10月1日, 2019-10-01 15:01; a range with ~)' },
  amount: { pattern: /^[^\d\s.]?\d{1,10}(\.\d+)?元?$/u, patternText: 'an amount (one currency symbol, at most 10 digits, optional decimals, optional 元)' },
  phone_number: { max: 17, pattern: new RegExp(`^(?:\\d|${SYMBOL})+$`, 'u'), patternText: 'digits and symbols' },
  car_number: { max: 8, pattern: new RegExp(`^${HAN}?[A-Za-z0-9]+${HAN}?$`, 'u'), patternText: 'a plate (letters and digits; the first and last may be Chinese)' },
  phrase: { max: 5, pattern: new RegExp(`^${HAN}+$`, 'u'), patternText: 'Chinese characters only' },
}

/** The kinds the doc gives a rule for. */
export const KINDS = ['thing', 'number', 'letter', 'symbol', 'character_string', 'time', 'date', 'amount', 'phone_number', 'car_number', 'name', 'phrase'] as const

const KIND = new RegExp(`^(${KINDS.join('|')})\\d+$`)

/** The kind a key names (`time2` → `time`), or undefined for a key the doc gives no rule for. */
export function kindOf(key: string): string | undefined {
  return KIND.exec(key)?.[1]
}

/** Throws a RangeError naming `data.<key>` when `value` breaks its kind's rule. */
export function checkValue(key: string, value: string): void {
  const name = `data.${key}`
  const kind = kindOf(key)
  // Names: 10 Chinese characters, or 20 when only letters and symbols (mixed counts as Chinese).
  if (kind === 'name') return assertString(name, value, { max: new RegExp(HAN, 'u').test(value) ? 10 : 20 })
  assertString(name, value, (kind && RULES[kind]) || {})
}
