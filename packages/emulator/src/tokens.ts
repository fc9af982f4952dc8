// Platform access tokens of one app, classic and stable, with WeChat's lifetimes. Pure state over
// an explicit `now` (emulator clock, epoch ms): the token module issues, the auth middleware checks.
import { randomBytes } from 'node:crypto'
import type { AppState } from './context'

export const TOKEN_LIFETIME_MS = 7_200_000
/** A replaced classic token lives on this long; a stable token rotates in its last this-long. */
export const GRACE_MS = 300_000
export const FORCE_REFRESH_SPACING_MS = 30_000
export const FORCE_REFRESH_PER_DAY = 20
export const CLASSIC_PER_DAY = 2_000
export const STABLE_PER_DAY = 500_000

export type TokenKind = 'classic' | 'stable'

interface TokenRecord {
  readonly token: string
  readonly kind: TokenKind
  expiresAt: number
  /** Replaced or revoked: dead from then on, answering 40001 ("not latest") rather than 42001. */
  invalidAt?: number
}

export type TokenCheck = 'ok' | 40001 | 42001

/** `54_` + base64url, 136 characters: the shape (and the 512-char reserve) of WeChat's tokens. */
function newToken(): string {
  return `${80 + Math.floor(Math.random() * 10)}_` + randomBytes(100).toString('base64url').slice(0, 133)
}

/** Something that could be a token at all; anything else answers 40014 instead of 40001. */
export function isTokenShaped(value: string): boolean {
  return /^[A-Za-z0-9_-]{16,512}$/.test(value)
}

/** WeChat's quotas reset at midnight Beijing time. */
function dayOf(now: number): number {
  return Math.floor((now + 8 * 3_600_000) / 86_400_000)
}

function deadAt(r: TokenRecord): number {
  return Math.min(r.expiresAt, r.invalidAt ?? Infinity)
}

export class TokenStore {
  /** How long a replaced classic token lives on (the app's `classicTokenGraceMs`). */
  private readonly classicGraceMs: number
  private readonly byToken = new Map<string, TokenRecord>()
  private classic: TokenRecord | undefined
  private stable: TokenRecord | undefined
  private lastForcedAt: number | undefined
  private readonly daily = new Map<string, { day: number; n: number }>()

  constructor(options: { readonly classicGraceMs?: number } = {}) {
    this.classicGraceMs = options.classicGraceMs ?? GRACE_MS
  }

  /** Classic `/cgi-bin/token`: always a new token; the previous one dies 5 minutes (the grace) later. */
  issueClassic(now: number): TokenRecord | 45009 {
    if (!this.spend('classic', now, CLASSIC_PER_DAY)) return 45009
    if (this.classic) this.classic.invalidAt = Math.min(this.classic.invalidAt ?? Infinity, now + this.classicGraceMs)
    this.classic = this.issue('classic', now)
    return this.classic
  }

  /**
   * `/cgi-bin/stable_token`: the same token while it has more than 5 minutes left, a new one in its
   * last 5 minutes (the old one keeps its own expiry). `force` invalidates every stable token and
   * issues a new one, at most 20 a day; within 30 s of the previous forced refresh it does not rotate.
   * WeChat's page says a forced refresh "会导致上次获取的 access_token 失效" (the previous token is
   * invalidated) and names no overlap, so the old token dies at once:
   * https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken
   */
  stableToken(now: number, force: boolean): TokenRecord | 45009 {
    if (!this.spend('stable', now, STABLE_PER_DAY)) return 45009
    const recentlyForced = this.lastForcedAt !== undefined && now - this.lastForcedAt < FORCE_REFRESH_SPACING_MS
    if (force && !recentlyForced) {
      if (!this.spend('force', now, FORCE_REFRESH_PER_DAY)) return 45009
      this.lastForcedAt = now
      for (const r of this.byToken.values()) if (r.kind === 'stable' && deadAt(r) > now) r.invalidAt = now
      return (this.stable = this.issue('stable', now))
    }
    const current = this.stable
    if (current && deadAt(current) - now > GRACE_MS) return current
    return (this.stable = this.issue('stable', now))
  }

  check(token: string, now: number): TokenCheck | undefined {
    const r = this.byToken.get(token)
    if (!r) return undefined
    if (now < deadAt(r)) return 'ok'
    return r.invalidAt !== undefined && r.invalidAt < r.expiresAt ? 40001 : 42001
  }

  /** Kills live tokens now: `invalidate` answers 40001 afterwards, `expire` 42001. Returns how many. */
  revoke(now: number, kind: TokenKind | 'all', mode: 'invalidate' | 'expire'): number {
    let n = 0
    for (const r of this.byToken.values()) {
      if ((kind !== 'all' && r.kind !== kind) || deadAt(r) <= now) continue
      if (mode === 'expire') r.expiresAt = now
      else r.invalidAt = now
      n++
    }
    return n
  }

  /**
   * The tokens issued and not yet forgotten, newest first, as the console shows them: never the
   * token itself, only its last 4 characters. With today's quota use.
   */
  describe(now: number): {
    tokens: { kind: TokenKind; tail: string; expiresAt: number; deadAt: number; live: boolean; current: boolean }[]
    usedToday: Record<'classic' | 'stable' | 'force', number>
  } {
    const day = dayOf(now)
    const used = (quota: string) => {
      const u = this.daily.get(quota)
      return u && u.day === day ? u.n : 0
    }
    const tokens = [...this.byToken.values()].reverse().map((r) => ({
      kind: r.kind,
      tail: r.token.slice(-4),
      expiresAt: r.expiresAt,
      deadAt: deadAt(r),
      live: now < deadAt(r),
      current: r === this.classic || r === this.stable,
    }))
    return { tokens, usedToday: { classic: used('classic'), stable: used('stable'), force: used('force') } }
  }

  private issue(kind: TokenKind, now: number): TokenRecord {
    this.prune(now)
    const record: TokenRecord = { token: newToken(), kind, expiresAt: now + TOKEN_LIFETIME_MS }
    this.byToken.set(record.token, record)
    return record
  }

  /** Forgets tokens dead for a day (they answer 40001 from then on), so a long run stays small. */
  private prune(now: number): void {
    for (const [token, r] of this.byToken) if (deadAt(r) < now - 86_400_000) this.byToken.delete(token)
  }

  private spend(quota: string, now: number, limit: number): boolean {
    const day = dayOf(now)
    const used = this.daily.get(quota)
    const n = used && used.day === day ? used.n : 0
    if (n >= limit) return false
    this.daily.set(quota, { day, n: n + 1 })
    return true
  }
}

/** The token store of `app` (module state, so a reset drops every token with the app). */
export function tokensOf(appState: AppState): TokenStore {
  return appState.ext(
    'tokens',
    () => new TokenStore(appState.config.classicTokenGraceMs === undefined ? {} : { classicGraceMs: appState.config.classicTokenGraceMs }),
  )
}
