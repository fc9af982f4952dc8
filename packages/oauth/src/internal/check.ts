// Argument checks for the pure helpers (URL builders, state). They repeat the wording of
// @wxmp/core's validate.ts on purpose instead of importing it: `buildAuthorizeUrl` has a 1 KB
// browser budget, and core's checks (did-you-mean by edit distance, code-point counting) would
// take most of it. Keep the two consistent: same checks, same messages.

/** What was given, by type and size: never the text, which may be a secret. */
export function kind(value: unknown): string {
  return typeof value == 'string'
    ? `a string of ${value.length} characters`
    : value == null
      ? `${value}`
      : typeof value == 'object'
        ? 'an object'
        : `${typeof value} ${String(value)}`
}

/** Throws TypeError unless `value` is a string, RangeError unless it has 1..max characters. */
export function checkLength(name: string, value: unknown, max: number): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${kind(value)}`)
  if (value === '') throw new RangeError(`${name} must not be empty`)
  if (value.length > max) throw new RangeError(`${name} must be at most ${max} characters, got ${value.length}`)
}

/** {@link checkLength}, then no control characters or lone surrogates, then `pattern`. */
export function checkText(name: string, value: unknown, max: number, pattern?: RegExp, patternText?: string): asserts value is string {
  checkLength(name, value, max)
  // C0 controls and DEL: a CR/LF in a URL is dropped by the URL parser, or splits a header.
  if (/[\0-\x1f\x7f]/.test(value)) throw new RangeError(`${name} must not contain control characters`)
  // A lone surrogate cannot be UTF-8: encodeURIComponent throws on it (and WeChat would get U+FFFD).
  try {
    encodeURIComponent(value)
  } catch {
    throw new RangeError(`${name} must be well-formed Unicode, got a lone surrogate`)
  }
  if (pattern && !pattern.test(value)) throw new RangeError(`${name} must be ${patternText}, got ${kind(value)}`)
}

/** An absolute http(s) URL, not already percent-encoded (WeChat wants it encoded exactly once). */
export function checkRedirectUri(name: string, value: unknown): asserts value is string {
  checkText(name, value, 2048)
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    // falls through to the error below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new RangeError(`${name} must be an absolute http(s) URL, not encoded (wxmp encodes it once), got ${kind(value)}`)
  }
}

/**
 * An options object: not null, and no option outside `allowed` (a misspelt one would be ignored).
 * Suggests the option that differs only in case or `_` (WeChat's `redirect_uri` for `redirectUri`).
 */
export function checkOptions(name: string, value: unknown, allowed: readonly string[]): asserts value is Readonly<Record<string, unknown>> {
  if (!value || typeof value != 'object') throw new TypeError(`${name} must be an object, got ${kind(value)}`)
  const plain = (s: string) => s.toLowerCase().replace(/_/g, '')
  for (const key in value) {
    const near = allowed.find((a) => plain(a) == plain(key))
    if (near != key) throw new TypeError(`${name} has no option "${key}"${near ? ` (did you mean "${near}"?)` : ''}`)
  }
}
