// Argument checks shared by every wxmp package: bad input fails before any request, with a message
// naming the argument, the limit and what was given (its type and size, never its text: the value
// may be a secret). This file imports nothing, so it ships alone as `@wxmp/core/validate` for
// browser code (the OAuth URL builders) that must not pull in the client.

export interface StringRule {
  readonly min?: number
  /** Maximum length in characters (code points). */
  readonly max?: number
  /** Maximum length in UTF-8 bytes (WeChat counts some limits in bytes: a Chinese character is 3). */
  readonly maxBytes?: number
  readonly pattern?: RegExp
  /** Words for the pattern in the error, e.g. "letters and digits". */
  readonly patternText?: string
  /**
   * Which control characters may appear. `'lines'` (default) allows TAB, LF and CR (message text);
   * `'none'` refuses every one (names, ids, URLs, header-like values). Lone surrogates are always
   * refused: they cannot be encoded as UTF-8, so WeChat would receive U+FFFD instead.
   */
  readonly controls?: 'lines' | 'none'
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

/** A short description of what was given: its type and size, never its content. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return `an array of ${value.length} items`
  if (typeof value === 'string') return value === '' ? 'an empty string' : `a string of ${charLength(value)} characters`
  const type = typeof value
  if (type === 'object') return 'an object'
  if (type === 'function' || type === 'symbol') return `a ${type}`
  return `${type} ${String(value)}` // number, bigint, boolean
}

// C0 controls and DEL; TAB, LF and CR (\t \n \r) are allowed in message text.
const CONTROL_LINES = /[\0-\b\v\f\x0e-\x1f\x7f]/
const CONTROL_ANY = /[\0-\x1f\x7f]/
// In a `u` regex a surrogate pair is one code point (not in Cs): only a lone surrogate matches.
const LONE_SURROGATE = /\p{Cs}/u

/** Refuses lone surrogates, and control characters unless `controls` allows them. */
export function assertText(name: string, value: string, controls: 'lines' | 'none' = 'lines'): void {
  const surrogate = LONE_SURROGATE.exec(value)
  if (surrogate) throw new RangeError(`${name} must be well-formed Unicode, got a lone surrogate at index ${surrogate.index}`)
  const control = (controls === 'none' ? CONTROL_ANY : CONTROL_LINES).exec(value)
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
    throw new RangeError(
      `${name} must not contain control characters${controls === 'none' ? ' (including line breaks)' : ''}, got U+${code} at index ${control.index}`,
    )
  }
}

export function assertString(name: string, value: unknown, rule: StringRule = {}): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${describe(value)}`)
  const min = rule.min ?? 1
  const length = charLength(value)
  if (length < min)
    throw new RangeError(min === 1 ? `${name} must not be empty` : `${name} must be at least ${min} characters, got ${length}`)
  if (rule.max !== undefined && length > rule.max) throw new RangeError(`${name} must be at most ${rule.max} characters, got ${length}`)
  if (rule.maxBytes !== undefined) {
    const bytes = utf8ByteLength(value)
    if (bytes > rule.maxBytes) throw new RangeError(`${name} must be at most ${rule.maxBytes} bytes of UTF-8, got ${bytes}`)
  }
  assertText(name, value, rule.controls)
  if (rule.pattern && !rule.pattern.test(value)) {
    throw new RangeError(`${name} must be ${rule.patternText ?? `match ${String(rule.pattern)}`}, got ${describe(value)}`)
  }
}

export function assertInteger(
  name: string,
  value: unknown,
  rule: { readonly min?: number; readonly max?: number } = {},
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${name} must be an integer, got ${describe(value)}`)
  if (rule.min !== undefined && value < rule.min) throw new RangeError(`${name} must be at least ${rule.min}, got ${value}`)
  if (rule.max !== undefined && value > rule.max) throw new RangeError(`${name} must be at most ${rule.max}, got ${value}`)
}

/** A finite number above zero (timeouts, durations). */
export function assertPositiveNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${name} must be a number, got ${describe(value)}`)
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive finite number, got ${value}`)
}

export function assertBoolean(name: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${describe(value)}`)
}

export function assertFunction(name: string, value: unknown): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw new TypeError(`${name} must be a function, got ${describe(value)}`)
}

/** One of a fixed set of strings. */
export function assertOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const hint = typeof value === 'string' ? didYouMean(value, allowed) : ''
    throw new RangeError(
      `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : describe(value)}${hint}`,
    )
  }
}

/** An array (no holes: a sparse one is refused, naming the index) within `min` (default 1) and `max` items. */
export function assertArray(
  name: string,
  value: unknown,
  rule: { readonly min?: number; readonly max?: number } = {},
): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array, got ${describe(value)}`)
  const min = rule.min ?? 1
  if (value.length < min)
    throw new RangeError(min === 1 ? `${name} must not be empty` : `${name} must have at least ${min} items, got ${value.length}`)
  if (rule.max !== undefined && value.length > rule.max)
    throw new RangeError(`${name} must have at most ${rule.max} items, got ${value.length}`)
  // forEach skips a hole, so element checks would pass one and WeChat would get null: findIndex visits it.
  const hole = value.findIndex((_, i) => !(i in value))
  if (hole >= 0) throw new TypeError(`${name}[${hole}] is missing (a hole in a sparse array)`)
}

/** A plain object (not null, not an array). */
export function assertObject(name: string, value: unknown): asserts value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TypeError(`${name} must be an object, got ${describe(value)}`)
}

/**
 * An options argument: `undefined`, or an object whose every key is in `allowed` (a misspelt option
 * would otherwise be silently ignored: `expiresSeconds` for `expireSeconds` makes a 60-second QR code).
 * `signal`, when allowed and present, must be an AbortSignal.
 */
export function assertOptions(
  name: string,
  value: unknown,
  allowed: readonly string[],
): asserts value is Readonly<Record<string, unknown>> | undefined {
  if (value === undefined) return
  assertObject(name, value)
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${name} has no option ${JSON.stringify(key.slice(0, 40))}${didYouMean(key, allowed)}; it takes ${allowed.join(', ') || 'none'}`,
      )
    }
  }
  const signal = (value as { signal?: unknown }).signal
  if (signal !== undefined && !isAbortSignal(signal)) throw new TypeError(`${name}.signal must be an AbortSignal, got ${describe(signal)}`)
}

// By shape, not instanceof: a signal from another realm or a polyfill is still a signal.
function isAbortSignal(value: unknown): boolean {
  const s = value as { aborted?: unknown; addEventListener?: unknown } | null
  return typeof s === 'object' && s !== null && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function'
}

/**
 * ` (did you mean "x"?)` when `key` is within two edits of one of `allowed`, or the same name in
 * another case or spelling style (`content_source_url` for `contentSourceUrl`, WeChat's wire names).
 */
export function didYouMean(key: string, allowed: readonly string[]): string {
  const plain = (s: string) => s.toLowerCase().replace(/[_-]/g, '')
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of allowed) {
    const d = plain(candidate) === plain(key) ? 0 : editDistance(key, candidate)
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best === undefined ? '' : ` (did you mean ${JSON.stringify(best)}?)`
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  let prev = [...Array(b.length + 1).keys()]
  for (let i = 0; i < a.length; i++) {
    const row = [i + 1]
    for (let j = 0; j < b.length; j++) row.push(Math.min(prev[j + 1]! + 1, row[j]! + 1, prev[j]! + +(a[i] !== b[j])))
    prev = row
  }
  return prev[b.length]!
}

const UINT64_MAX = 18_446_744_073_709_551_615n
const DECIMAL = /^(?:0|[1-9][0-9]*)$/

/**
 * A whole-number id as an exact decimal string: a safe integer number, a bigint, or a decimal string
 * without sign or leading zeros, within `min`..`max` (default 0..2^64-1). An unsafe number is refused
 * (2^60 as a number is already another number; pass a string or bigint), as are `"0123"` and `1e21`.
 */
export function toIdOrThrow(name: string, value: unknown, rule: { readonly min?: bigint; readonly max?: bigint } = {}): string {
  let id: bigint
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new TypeError(`${name} must be a whole-number id, got ${describe(value)}`)
    if (!Number.isSafeInteger(value))
      throw new RangeError(
        `${name} must be a safe integer (at most 2^53-1) when given as a number; pass larger ids as a string or bigint, got ${value}`,
      )
    id = BigInt(value)
  } else if (typeof value === 'bigint') {
    id = value
  } else if (typeof value === 'string') {
    if (!DECIMAL.test(value))
      throw new RangeError(`${name} must be a decimal id without sign or leading zeros, got ${JSON.stringify(value.slice(0, 40))}`)
    id = BigInt(value)
  } else {
    throw new TypeError(`${name} must be an id (number, decimal string or bigint), got ${describe(value)}`)
  }
  const min = rule.min ?? 0n
  const max = rule.max ?? UINT64_MAX
  if (id < min) throw new RangeError(`${name} must be at least ${min}, got ${id}`)
  if (id > max) throw new RangeError(`${name} must be at most ${max === UINT64_MAX ? '2^64-1' : max}, got ${id}`)
  return id.toString()
}

/** An absolute http(s) URL without whitespace or control characters, at most `max` characters. */
export function assertHttpUrl(name: string, value: unknown, rule: { readonly max?: number } = {}): asserts value is string {
  assertString(name, value, { max: rule.max ?? 2048, controls: 'none' })
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    // refused below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || /\s/.test(value)) {
    const scheme = url ? ` (scheme ${url.protocol})` : /^[a-z][\w+.-]*:/i.test(value) ? '' : ' (a relative URL)'
    throw new RangeError(`${name} must be an absolute http(s) URL, got ${describe(value)}${scheme}`)
  }
}

/** An openid: 1-64 characters of letters, digits, `-` and `_` (WeChat's are 28). */
export function assertOpenId(name: string, value: unknown): asserts value is string {
  assertString(name, value, { max: 64, pattern: /^[\w-]+$/, patternText: 'an openid (letters, digits, - and _)' })
}

/** Every item an openid; the list within WeChat's size limits. */
export function assertOpenIds(
  name: string,
  value: unknown,
  rule: { readonly min?: number; readonly max?: number } = {},
): asserts value is readonly string[] {
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

/** Checks one option's value: throws TypeError / RangeError whose message starts with `name`. */
export type OptionCheck = (name: string, value: unknown) => void

/**
 * An options object's table, one row per option: its check, a nested table (an options object
 * inside), or `null` (free-form, or checked where it is used). The keys are the accepted names.
 */
export interface OptionsTable {
  readonly [option: string]: OptionCheck | OptionsTable | null
}

/**
 * Checks an options argument against its table, the one options-checking style of every wxmp
 * package: `undefined` passes; anything else must be an object with only the table's names (a
 * misspelt one is refused with a "did you mean"), `signal` an AbortSignal, and each value given
 * passes its row's check, named `prefix + option` (default `name.option`).
 *
 * @example
 * ```ts
 * const OPTIONS = { token: assertString, maxBodyBytes: integerIn(1, 1 << 30), handle: assertFunction, signal: null }
 * checkOptions('createMessageServer options', options, OPTIONS, 'createMessageServer ')
 * // TypeError: createMessageServer options has no option "tokn" (did you mean "token"?); it takes token, ...
 * // RangeError: createMessageServer maxBodyBytes must be at least 1, got 0
 * ```
 */
export function checkOptions(
  name: string,
  options: unknown,
  table: OptionsTable,
  prefix = `${name}.`,
): asserts options is Readonly<Record<string, unknown>> | undefined {
  assertOptions(name, options, Object.keys(table))
  for (const key in options) {
    const rule = table[key]
    const value = options[key]
    if (rule && value !== undefined) typeof rule === 'function' ? rule(prefix + key, value) : checkOptions(prefix + key, value, rule)
  }
}

/** An {@link OptionCheck}: an integer within `min`..`max`. */
/* @__NO_SIDE_EFFECTS__ */
export function integerIn(min: number, max: number): OptionCheck {
  return (name, value) => assertInteger(name, value, { min, max })
}

/** An {@link OptionCheck}: one of the given strings. */
/* @__NO_SIDE_EFFECTS__ */
export function oneOf(...allowed: readonly string[]): OptionCheck {
  return (name, value) => assertOneOf(name, value, allowed)
}
