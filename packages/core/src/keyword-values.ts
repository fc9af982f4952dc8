// The `data` of template messages and subscription notifications: WeChat takes `{ key: { value } }`
// where each key is a template keyword (thing1, time2, amount3) whose kind sets the value's rule.
// Both packages read the caller's plain `{ thing1: 'x', time2: new Date() }` the same way; only the
// rules per kind and the time format differ, so those come in as arguments.
import { describe } from './validate'

/** How a package reads keyword values: its rules per kind and how it writes a Date. */
export interface KeywordRules {
  /** The key's kind from its name (`time2` → `time`), or undefined when WeChat names no rule for it. */
  readonly kindOf: (key: string) => string | undefined
  /** Throws a RangeError naming `data.<key>` when WeChat would refuse the value. */
  readonly checkValue: (key: string, value: string) => void
  /** Whether a Date for a time key is written with seconds (`2023-09-12 19:43:07`) or without. */
  readonly seconds: boolean
}

const KEYWORD = /^[A-Za-z][A-Za-z0-9_]{0,31}$/
const CST_OFFSET_MS = 8 * 3_600_000
const pad = (n: number) => String(n).padStart(2, '0')

/**
 * A Date in China Standard Time (UTC+8, no daylight saving: the zone of the people who read the
 * message): `2023-09-12 19:43:07` with `time` and `seconds`, `2023-09-12 19:43` with `time` only,
 * `2023-09-12` without `time`.
 *
 * @throws RangeError for an Invalid Date.
 */
export function formatChinaTime(date: Date, time: boolean, seconds = true): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('a Date value must be a valid date, got Invalid Date')
  const d = new Date(date.getTime() + CST_OFFSET_MS)
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  if (!time) return day
  const minutes = `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  return seconds ? `${minutes}:${pad(d.getUTCSeconds())}` : minutes
}

/**
 * The wire values of a message's `data`: strings as given, finite numbers as written, Dates in
 * China time (a date for `date` keys, a time for the others), each checked by its key's rule.
 *
 * @throws TypeError when `data` is not a plain object or a value is not a string, finite number or Date.
 * @throws RangeError for no keys, a key that is not a keyword (a letter, then letters, digits or `_`;
 *   at most 32: an empty key, CR/LF or `__proto__` can only be a mistake), or a value its rule refuses.
 */
export function toKeywordValues(data: unknown, rules: KeywordRules): Record<string, string> {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new TypeError(`data must be an object of key → value, got ${describe(data)}`)
  const entries = Object.entries(data)
  if (entries.length === 0) throw new RangeError('data must have at least 1 key')
  const out: Record<string, string> = {}
  for (const [key, raw] of entries) {
    if (!KEYWORD.test(key))
      throw new RangeError(
        `data keys must be template keywords like thing1 or time2 (a letter, then letters, digits or _; at most 32), got ${key === '' ? 'an empty key' : `a key of ${key.length} characters`}`,
      )
    let value: string
    if (typeof raw === 'string') value = raw
    else if (typeof raw === 'number' && Number.isFinite(raw)) value = String(raw)
    else if (raw instanceof Date) value = formatChinaTime(raw, rules.kindOf(key) !== 'date', rules.seconds)
    else throw new TypeError(`data.${key} must be a string, a finite number or a Date, got ${describe(raw)}`)
    rules.checkValue(key, value)
    out[key] = value
  }
  return out
}
