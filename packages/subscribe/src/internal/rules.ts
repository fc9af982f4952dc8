// The value rules of subscription-notification keys (订阅通知参数值内容限制), checked before sending
// so a bad value fails here, naming its key, instead of as WeChat's 47003.
// https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
import { assertString, type StringRule } from '@wxmp/core'

const HAN = '\\p{Script=Han}'
// "Symbols": punctuation and symbols (an emoji may carry its presentation selector U+FE0F).
const SYMBOL = '[\\p{P}\\p{S}]\\uFE0F?'
// 24-hour time with an optional date before it (time) or a date with an optional time after it
// (date); either may be a range of two such points joined by ~ (the doc: 15:01, 2019年10月1日 15:01,
// "两个时间点之间用~符号连接"). Only spaces may stand between the parts: no line breaks.
const DATE = '(\\d{4})(?:年(\\d{1,2})月(\\d{1,2})日 *|([-/.])(\\d{1,2})\\4(\\d{1,2})(?= |$|~) *)'
const CLOCK = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?'
const TIME_POINT = new RegExp(`^(?:${DATE})?${CLOCK}$`, 'u')
const DATE_POINT = new RegExp(`^${DATE}(?:${CLOCK})?$`, 'u')
const TIME_TEXT = 'a 24-hour time, optionally after a real calendar date (15:01, 2019年10月1日 15:01; a range of two joined by ~)'
const DATE_TEXT = 'a real calendar date, optionally with a 24-hour time (2019年10月1日, 2019-10-01 15:01; a range of two joined by ~)'

const RULES: Readonly<Record<string, StringRule>> = {
  thing: { max: 20 },
  number: { max: 32, pattern: /^\d+(\.\d+)?$/, patternText: 'a number (digits, optional decimals)' },
  letter: { max: 32, pattern: /^[A-Za-z]+$/, patternText: 'letters only' },
  symbol: {
    max: 5,
    pattern: new RegExp(`^(?:${SYMBOL})+$`, 'u'),
    patternText: 'symbols only (punctuation or symbols; no letters, digits, Chinese, spaces or invisible characters)',
  },
  character_string: { max: 32, pattern: /^[\x21-\x7e]+$/, patternText: 'digits, letters and symbols (no Chinese, no spaces)' },
  amount: {
    pattern: /^\p{Sc}?\d{1,10}(?:\.\d{1,2})?元?$/u,
    patternText: 'an amount (an optional currency symbol such as ¥, at most 10 digits, at most 2 decimals, optional 元)',
  },
  phone_number: { max: 17, pattern: /^\+?\d(?:[\d -]*\d)?$/, patternText: 'a phone number (digits, an optional leading +, - and spaces)' },
  car_number: {
    max: 8,
    pattern: new RegExp(`^${HAN}?[A-Za-z0-9]+${HAN}?$`, 'u'),
    patternText: 'a plate (letters and digits; the first and last may be Chinese)',
  },
  phrase: { max: 5, pattern: new RegExp(`^${HAN}+$`, 'u'), patternText: 'Chinese characters only' },
}

/** The kinds the doc gives a rule for. */
export const KINDS = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const

const KIND = new RegExp(`^(${KINDS.join('|')})\\d+$`)

/** The kind a key names (`time2` → `time`), or undefined for a key the doc gives no rule for. */
export function kindOf(key: string): string | undefined {
  return KIND.exec(key)?.[1]
}

// Zero-width and other invisible format characters (U+200B, U+200D, U+FEFF, bidi controls).
const FORMAT = /\p{Cf}/u

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** Whether a time/date point's date part (if any) names a real day. */
function realDay(point: RegExp, text: string): boolean {
  const m = point.exec(text)
  if (!m) return false
  if (m[1] === undefined) return true
  const year = Number(m[1])
  const month = Number(m[2] ?? m[5])
  const day = Number(m[3] ?? m[6])
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
}

function assertMoment(name: string, value: string, point: RegExp, text: string): void {
  const parts = value.split('~')
  const fits = parts.length <= 2 && parts.every((p) => realDay(point, p.replace(/^ +| +$/g, '')))
  if (!fits) throw new RangeError(`${name} must be ${text}, got a string of ${[...value].length} characters`)
}

/** Throws a RangeError naming `data.<key>` when `value` breaks its kind's rule. */
export function checkValue(key: string, value: string): void {
  const name = `data.${key}`
  const kind = kindOf(key)
  // Every value is one line of visible text: no control characters, no line breaks.
  assertString(name, value, { controls: 'none' })
  const format = FORMAT.exec(value)
  if (format) {
    const code = format[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
    throw new RangeError(
      `${name} must not contain invisible format characters (zero-width or bidi), got U+${code} at index ${format.index}`,
    )
  }
  if (kind === 'time') return assertMoment(name, value, TIME_POINT, TIME_TEXT)
  if (kind === 'date') return assertMoment(name, value, DATE_POINT, DATE_TEXT)
  // Names: 10 Chinese characters, or 20 when only letters and symbols (mixed counts as Chinese).
  if (kind === 'name') {
    return assertString(name, value, {
      max: new RegExp(HAN, 'u').test(value) ? 10 : 20,
      controls: 'none',
      pattern: /^[\p{L}\p{M}\p{P}\p{S} ]+$/u,
      patternText: 'a name (Chinese, or letters and symbols; no digits)',
    })
  }
  assertString(name, value, { ...((kind && RULES[kind]) || {}), controls: 'none' })
}
