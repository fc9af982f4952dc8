// WeChat's checks on category template values (类目模板): the key's name says its kind (`thing1`
// is a thing), each kind has a rule, and a value that breaks it answers 47003 naming the field.
// Legacy keys (`keyword1`, `first`, anything else) have no rule: WeChat folds long values.

const HAN = /^\p{Script=Han}+$/u
const chars = (s: string) => [...s].length

const RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => chars(v) <= 20,
  short_thing: (v) => chars(v) <= 5,
  character_string: (v) => v.length <= 32 && /^[\x20-\x7e]+$/.test(v),
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => chars(v) <= 5,
  amount: (v) => {
    const m = /^[^\d\s.]?(\d+)(\.\d+)?元?$/u.exec(v)
    return m !== null && (m[1] ?? '').length <= 10
  },
  phrase: (v) => chars(v) <= 5 && HAN.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d\p{P}\p{S}\s]+$/u.test(v),
  car_number: (v) => chars(v) <= 8 && /^[\p{Script=Han}A-Za-z0-9]+$/u.test(v),
  name: (v) => chars(v) <= (/^[A-Za-z ]+$/.test(v) ? 20 : 10),
  time: (v) => /\d/.test(v) && /^[\d\s:\-/.年月日~]+$/u.test(v),
  date: (v) => /\d/.test(v) && /^[\d\s:\-/.年月日~]+$/u.test(v),
  const: () => true,
}

const CATEGORY_KEY =
  /^(thing|short_thing|character_string|number|letter|symbol|amount|phrase|phone_number|car_number|name|time|date|const)\d+$/

/** Whether `value` is acceptable for `key` (always true for keys without a rule). */
export function valueFits(key: string, value: string): boolean {
  const kind = CATEGORY_KEY.exec(key)?.[1]
  if (kind === undefined) return true
  return value !== '' && (RULES[kind]?.(value) ?? true)
}

/** Keys a template's content declares: `{{thing1.DATA}}` → `thing1`. */
export function contentKeys(content: string): string[] {
  return [...content.matchAll(/\{\{\s*(\w+)\.DATA\s*\}\}/g)].map((m) => m[1] as string)
}
