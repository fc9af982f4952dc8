// Secrets are removed where data enters an error, a hook payload or a log line, never later.

/** Query/body keys whose values are secrets wherever they appear. */
export const SECRET_KEYS: readonly string[] = [
  'access_token',
  'secret',
  'appsecret',
  'app_secret',
  'refresh_token',
  'code',
  'client_secret',
]

export const REDACTED = '[REDACTED]'

const KEY_PATTERN = /* @__PURE__ */ new RegExp(`([?&](?:${SECRET_KEYS.join('|')})=)[^&#\\s"']*`, 'gi')

/** Replaces the values of secret query parameters in a URL or any text holding one. */
export function redactUrl(url: string): string {
  return url.replace(KEY_PATTERN, `$1${REDACTED}`)
}

/** Replaces every occurrence of the given secret values (and secret query parameters) in `text`. */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = redactUrl(text)
  for (const secret of secrets) {
    // Short values could match innocent text; tokens and secrets are long.
    if (secret.length >= 8) out = out.split(secret).join(REDACTED)
  }
  return out
}

/**
 * The client's secrets plus every string this call sends under a secret key (an OAuth code, a refresh
 * token, the user access token) in its query or top-level JSON: WeChat may quote one in an errmsg.
 */
export function withSentSecrets(known: Iterable<string>, sent: { readonly query?: unknown; readonly json?: unknown }): string[] {
  const out = [...known]
  for (const o of [sent.query, sent.json]) {
    if (o && typeof o === 'object')
      for (const [k, v] of Object.entries(o)) if (typeof v === 'string' && SECRET_KEYS.includes(k.toLowerCase())) out.push(v)
  }
  return out
}

/** A deep copy of a JSON value with secret keys' values replaced. */
export function redactData(value: unknown, secrets: Iterable<string> = []): unknown {
  const list = [...secrets]
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, list)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, inner] of Object.entries(v)) {
        out[k] = SECRET_KEYS.includes(k.toLowerCase()) ? REDACTED : walk(inner)
      }
      return out
    }
    return v
  }
  return walk(value)
}

/**
 * A cause safe to attach: a copy holding the name, message, `code` and (recursively) the cause,
 * each scrubbed of secrets. Other properties are dropped: fetch implementations hang the request
 * URL (token included) on their errors in many ways (`input`, `url`, a message "request to <url>").
 */
export function scrub(error: unknown, secrets: Iterable<string>, depth = 0): unknown {
  if (!(error instanceof Error)) {
    return typeof error === 'string' ? redactText(error, secrets) : error === null || typeof error !== 'object' ? error : undefined
  }
  const copy = new Error(redactText(error.message, secrets))
  copy.name = redactText(String(error.name), secrets)
  copy.stack = redactText(error.stack ?? '', secrets)
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') (copy as Error & { code?: unknown }).code = redactText(code, secrets)
  else if (typeof code === 'number') (copy as Error & { code?: unknown }).code = code
  if (error.cause !== undefined && depth < 4) copy.cause = scrub(error.cause, secrets, depth + 1)
  return copy
}
