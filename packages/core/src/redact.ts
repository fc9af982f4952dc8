// Secrets are removed where data enters an error, a hook payload or a log line, never later.

/** Query/body keys whose values are secrets wherever they appear. */
export const SECRET_KEYS: readonly string[] = ['access_token', 'secret', 'appsecret', 'app_secret', 'refresh_token', 'code', 'client_secret']

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
