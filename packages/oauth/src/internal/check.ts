// Argument checks for the pure helpers (URL builders, state). They repeat the wording of
// @wxmp/core's validate.ts on purpose instead of importing it: a browser bundle of
// `buildAuthorizeUrl` must not reach core's index (and through it ky and the client).

/** Throws TypeError unless `value` is a string, RangeError unless 1..max characters matching `pattern`. */
export function checkText(name: string, value: unknown, max: number, pattern?: RegExp, patternText?: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${value === null ? 'null' : typeof value}`)
  if (value === '') throw new RangeError(`${name} must not be empty`)
  if (value.length > max) throw new RangeError(`${name} must be at most ${max} characters, got ${value.length}`)
  if (pattern && !pattern.test(value)) throw new RangeError(`${name} must be ${patternText}, got ${JSON.stringify(value.slice(0, 60))}`)
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
    throw new RangeError(`${name} must be an absolute http(s) URL, not encoded (wxmp encodes it once), got ${JSON.stringify(value.slice(0, 60))}`)
  }
}
