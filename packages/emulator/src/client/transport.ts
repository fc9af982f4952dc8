// The control client's transport: one request function that carries the control token, labels
// bodies JSON, and turns a refusal into EmulatorControlError.
import type { AppOption } from './types'

/** The header the control token rides in (README "Security"). */
export const TOKEN_HEADER = 'x-emulator-token'

/** A control request the emulator refused (HTTP 4xx/5xx), or a push that did not go as asked. */
export class EmulatorControlError extends Error {
  override readonly name = 'EmulatorControlError'
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

export interface EmulatorControlOptions {
  /** fetch to use. @default globalThis.fetch */
  readonly fetch?: typeof fetch
  /**
   * The emulator's control token: `startEmulator()` fills it in for `emu.control`; for an emulator
   * started by the CLI, the token it printed (or gave with `--token` / `WXMP_EMULATOR_TOKEN`).
   */
  readonly token?: string
}

/** `appId` as a query parameter (GET routes); refuses the old positional string. */
export function appQuery(path: string, options: AppOption | undefined, extra: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...extra, appId: appOf(options) })) if (value !== undefined) query.set(key, String(value))
  const qs = query.toString()
  return qs === '' ? path : `${path}?${qs}`
}

/** The appId of an options object; a bare string (the old positional form) is a TypeError. */
export function appOf(options: AppOption | undefined): string | undefined {
  if (options === undefined) return undefined
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`pass the app as an options object { appId }, got ${JSON.stringify(options)}`)
  return options.appId
}

/** `{ appId }` for a body when given, `{}` otherwise. */
export const appBody = (options: AppOption | undefined): { appId?: string } => {
  const appId = appOf(options)
  return appId === undefined ? {} : { appId }
}

export class ControlTransport {
  protected readonly base: string
  private readonly fetchFn: typeof fetch
  private readonly token: string | undefined

  /** `url`: the emulator's base URL (`emu.url`), without `/__emulator`. */
  constructor(url: string, options: EmulatorControlOptions = {}) {
    this.base = `${url.replace(/\/+$/, '')}/__emulator`
    this.fetchFn = options.fetch ?? globalThis.fetch
    this.token = options.token
  }

  /**
   * Any control route (`path` relative to `/__emulator`), for a module's route this client does not
   * name yet. Throws {@link EmulatorControlError} on a non-2xx answer.
   */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {}
    if (this.token !== undefined) headers[TOKEN_HEADER] = this.token
    const init: RequestInit = { method, headers }
    // The emulator refuses a body-carrying method not labelled JSON (a web page's simple request).
    if (method !== 'GET' && method !== 'HEAD') headers['Content-Type'] = 'application/json'
    if (body !== undefined) init.body = JSON.stringify(body)
    const res = await this.fetchFn(`${this.base}${path.startsWith('/') ? path : `/${path}`}`, init)
    const text = await res.text()
    let parsed: unknown
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      parsed = text
    }
    if (!res.ok) {
      const error = (parsed as { error?: unknown } | undefined)?.error
      throw new EmulatorControlError(`${method} ${path}: ${typeof error === 'string' ? error : `HTTP ${res.status}`}`, res.status)
    }
    return parsed as T
  }
}
