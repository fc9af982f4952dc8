// A typed client for the emulator's control API (`/__emulator/...`), over fetch. What tests use to
// move the clock, seed followers, read the outbox and inject faults.
import type { FaultSpec, OutboxEntry } from './types'

/** A pending fault as the emulator reports it. */
export interface FaultInfo extends FaultSpec {
  readonly id: number
  /** Matching requests it will still apply to. */
  readonly remaining: number
}

/** Fields of a follower record a test may set (see `addFollower`). */
export interface FollowerPatch {
  /** Generated (deterministic, 28 characters) when omitted. */
  readonly openid?: string
  readonly subscribed?: boolean
  /** Epoch seconds. */
  readonly subscribeTime?: number
  readonly language?: 'zh_CN' | 'zh_TW' | 'en'
  readonly remark?: string
  readonly blacklisted?: boolean
  readonly subscribeScene?: string
  readonly qrScene?: number
  readonly qrSceneStr?: string
  readonly nickname?: string
  readonly headimgurl?: string
  readonly unionid?: string
  /** The app to add to. @default the first app */
  readonly appId?: string
}

export interface OutboxFilter {
  readonly appId?: string
  readonly touser?: string
  readonly channel?: OutboxEntry['channel']
}

/** Options of {@link EmulatorControl.revokeTokens}. */
export interface RevokeOptions {
  /** @default the first app */
  readonly appId?: string
  /** Which tokens. @default 'all' */
  readonly kind?: 'classic' | 'stable' | 'all'
  /** `invalidate`: later calls answer 40001 (replaced); `expire`: 42001 (expired). @default 'invalidate' */
  readonly mode?: 'invalidate' | 'expire'
}

/** A control request the emulator refused (HTTP 4xx/5xx), with its explanation. */
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
}

/**
 * Drives a running emulator from a test. `startEmulator()` hands one out as `emu.control`; for an
 * emulator started elsewhere (the CLI), construct it with the emulator's URL.
 *
 * @example
 * ```ts
 * const control = new EmulatorControl('http://127.0.0.1:8080')
 * await control.advanceClock(7_200_000)              // every token issued so far has expired
 * const openid = await control.followerAt(0)
 * await control.interact(openid)                     // opens the 48-hour reply window
 * await control.fault({ path: '/cgi-bin/message/custom/send', kind: 'reset', phase: 'after' })
 * ```
 */
export class EmulatorControl {
  private readonly base: string
  private readonly fetchFn: typeof fetch

  /** `url`: the emulator's base URL (`emu.url`), without `/__emulator`. */
  constructor(url: string, options: EmulatorControlOptions = {}) {
    this.base = `${url.replace(/\/+$/, '')}/__emulator`
    this.fetchFn = options.fetch ?? globalThis.fetch
  }

  /**
   * Any control route, including a module's own (`request('POST', '/template/quota', {...})`).
   * `path` is relative to `/__emulator`. Throws {@link EmulatorControlError} on a non-2xx answer.
   */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method }
    if (body !== undefined) {
      init.body = JSON.stringify(body)
      init.headers = { 'Content-Type': 'application/json' }
    }
    const res = await this.fetchFn(`${this.base}${path.startsWith('/') ? path : `/${path}`}`, init)
    const text = await res.text()
    let parsed: unknown = undefined
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

  /** The emulator clock, epoch ms. */
  async now(): Promise<number> {
    return (await this.request<{ now: number }>('GET', '/clock')).now
  }

  /** Moves the emulator clock forward by `ms` (tokens, codes, media and the 48-hour window age with it). Returns the new time. */
  async advanceClock(ms: number): Promise<number> {
    return (await this.request<{ now: number }>('POST', '/clock', { advanceMs: ms })).now
  }

  /** Sets the emulator clock to `epochMs`; it keeps running from there. Returns the new time. */
  async setClock(epochMs: number): Promise<number> {
    return (await this.request<{ now: number }>('POST', '/clock', { set: epochMs })).now
  }

  /**
   * Request counters of an app: `token`, `stable_token`, `stable_token:force`, `token_requests`
   * (both kinds) and `path:/cgi-bin/...` for every authenticated request. Missing keys mean 0.
   */
  counters(appId?: string): Promise<Record<string, number>> {
    return this.request('GET', appId === undefined ? '/counters' : `/counters?appId=${encodeURIComponent(appId)}`)
  }

  /** Counters across apps, counting every WeChat request received, faulted or not: `requests`, `path:...`. */
  globalCounters(): Promise<Record<string, number>> {
    return this.request('GET', '/counters?scope=global')
  }

  /** Injects a fault for the next `spec.times` (default 1) requests to `spec.path`. Faults queue in order. */
  fault(spec: FaultSpec): Promise<FaultInfo> {
    return this.request('POST', '/faults', spec)
  }

  /** Faults not used up yet. */
  faults(): Promise<FaultInfo[]> {
    return this.request('GET', '/faults')
  }

  async clearFaults(): Promise<void> {
    await this.request('DELETE', '/faults')
  }

  /** Everything back to the start (apps, tokens, followers, outbox, faults, counters); the clock keeps its time. */
  async reset(): Promise<void> {
    await this.request('POST', '/reset')
  }

  /** Sets the number of synthetic followers (generated lazily: a million costs nothing). */
  async seedFollowers(count: number, appId?: string): Promise<void> {
    await this.request('POST', '/followers/seed', appId === undefined ? { count } : { count, appId })
  }

  /** The openid at position `index` in follow order (deterministic for synthetic followers). */
  async followerAt(index: number, appId?: string): Promise<string> {
    const query = `index=${index}${appId === undefined ? '' : `&appId=${encodeURIComponent(appId)}`}`
    return (await this.request<{ openid: string }>('GET', `/followers/at?${query}`)).openid
  }

  /** Adds (or updates) a follower after the synthetic ones; returns its openid. */
  async addFollower(patch: FollowerPatch = {}): Promise<string> {
    return (await this.request<{ openid: string }>('POST', '/followers/add', patch)).openid
  }

  /** Records an interaction by `openid` now (emulator clock): customer-service messages may be sent for 48 hours. */
  async interact(openid: string, appId?: string): Promise<void> {
    await this.request('POST', '/users/interact', appId === undefined ? { openid } : { openid, appId })
  }

  /** Messages delivered so far, in delivery order. */
  outbox(filter: OutboxFilter = {}): Promise<OutboxEntry[]> {
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(filter)) if (typeof value === 'string') query.set(key, value)
    const qs = query.toString()
    return this.request('GET', qs === '' ? '/outbox' : `/outbox?${qs}`)
  }

  async clearOutbox(): Promise<void> {
    await this.request('DELETE', '/outbox')
  }

  /** Kills the app's live tokens, as if someone else had rotated them. Returns how many died. */
  async revokeTokens(options: RevokeOptions | string = {}): Promise<number> {
    const body = typeof options === 'string' ? { appId: options } : options
    return (await this.request<{ revoked: number }>('POST', '/tokens/revoke', body)).revoked
  }
}
