// The console's only way to the emulator: its control API, with the control token as a header and
// every body labelled JSON (what the control API demands of every caller, README "Security").
// The token arrives in the URL fragment, which no server and no Referer ever sees; it moves to
// sessionStorage (this tab only) and leaves the address bar at once.

const STORAGE_KEY = 'wxmp-emulator-token'

/** Reads `#token=…` into sessionStorage and removes it from the address bar; returns the token. */
export function takeToken(): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''))
  const given = fragment.get('token')
  if (given) {
    sessionStorage.setItem(STORAGE_KEY, given)
    history.replaceState(null, '', location.pathname + location.search)
  }
  return sessionStorage.getItem(STORAGE_KEY)
}

/** Keeps a token the user pasted. */
export function keepToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token)
}

/** A refused control call: the emulator's `{ error }` message and HTTP status. */
export class ControlRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

/** Calls a control route (`path` under /__emulator); resolves with its JSON, throws ControlRefused. */
export async function control<T = unknown>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = {
    method,
    headers: { 'x-emulator-token': token, 'content-type': 'application/json' },
    credentials: 'omit',
    cache: 'no-store',
  }
  if (body !== undefined) init.body = JSON.stringify(body)
  const res = await fetch(`/__emulator${path}`, init)
  const text = await res.text()
  const parsed: unknown = text === '' ? undefined : JSON.parse(text)
  if (!res.ok) {
    const error = (parsed as { error?: unknown } | undefined)?.error
    throw new ControlRefused(typeof error === 'string' ? error : `HTTP ${res.status}`, res.status)
  }
  return parsed as T
}

/** The snapshot poll: `null` when unchanged since `etag` (a 304). */
export async function pollState<T>(token: string, query: string, etag: string | undefined): Promise<{ state: T; etag: string } | null> {
  const headers: Record<string, string> = { 'x-emulator-token': token }
  if (etag !== undefined) headers['if-none-match'] = etag
  const res = await fetch(`/__emulator/console/state${query}`, { headers, credentials: 'omit', cache: 'no-store' })
  if (res.status === 304) return null
  if (!res.ok) {
    const error = ((await res.json().catch(() => ({}))) as { error?: unknown }).error
    throw new ControlRefused(typeof error === 'string' ? error : `HTTP ${res.status}`, res.status)
  }
  return { state: (await res.json()) as T, etag: res.headers.get('etag') ?? '' }
}
