// Argument checks shared by every wxmp package: bad input fails before any request, with a message
// naming the argument, the limit and what was given.

export interface StringRule {
  readonly min?: number
  /** Maximum length in characters (code points). */
  readonly max?: number
  /** Maximum length in UTF-8 bytes (WeChat counts some limits in bytes: a Chinese character is 3). */
  readonly maxBytes?: number
  readonly pattern?: RegExp
  /** Words for the pattern in the error, e.g. "letters and digits". */
  readonly patternText?: string
}

const encoder = /* @__PURE__ */ new TextEncoder()

/** Length of `text` in UTF-8 bytes. */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length
}

/** Length of `text` in characters (code points, so an emoji counts once). */
export function charLength(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

export function assertString(name: string, value: unknown, rule: StringRule = {}): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${describe(value)}`)
  const min = rule.min ?? 1
  const length = charLength(value)
  if (length < min) throw new RangeError(min === 1 ? `${name} must not be empty` : `${name} must be at least ${min} characters, got ${length}`)
  if (rule.max !== undefined && length > rule.max) throw new RangeError(`${name} must be at most ${rule.max} characters, got ${length}`)
  if (rule.maxBytes !== undefined) {
    const bytes = utf8ByteLength(value)
    if (bytes > rule.maxBytes) throw new RangeError(`${name} must be at most ${rule.maxBytes} bytes of UTF-8, got ${bytes}`)
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw new RangeError(`${name} must be ${rule.patternText ?? `match ${String(rule.pattern)}`}, got ${JSON.stringify(value.slice(0, 40))}`)
  }
}

export function assertInteger(name: string, value: unknown, rule: { readonly min?: number; readonly max?: number } = {}): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${name} must be an integer, got ${describe(value)}`)
  if (rule.min !== undefined && value < rule.min) throw new RangeError(`${name} must be at least ${rule.min}, got ${value}`)
  if (rule.max !== undefined && value > rule.max) throw new RangeError(`${name} must be at most ${rule.max}, got ${value}`)
}

export function assertArray(name: string, value: unknown, rule: { readonly min?: number; readonly max?: number } = {}): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array, got ${describe(value)}`)
  const min = rule.min ?? 1
  if (value.length < min) throw new RangeError(min === 1 ? `${name} must not be empty` : `${name} must have at least ${min} items, got ${value.length}`)
  if (rule.max !== undefined && value.length > rule.max) throw new RangeError(`${name} must have at most ${rule.max} items, got ${value.length}`)
}

/** An openid: 1-64 characters of letters, digits, `-` and `_` (WeChat's are 28). */
export function assertOpenId(name: string, value: unknown): asserts value is string {
  assertString(name, value, { max: 64, pattern: /^[\w-]+$/, patternText: 'an openid (letters, digits, - and _)' })
}

/** Every item an openid; the list within WeChat's size limits. */
export function assertOpenIds(name: string, value: unknown, rule: { readonly min?: number; readonly max?: number } = {}): asserts value is readonly string[] {
  assertArray(name, value, rule)
  value.forEach((v, i) => assertOpenId(`${name}[${i}]`, v))
}

/** Splits `items` into arrays of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  assertInteger('chunk size', size, { min: 1 })
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `a string`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}
