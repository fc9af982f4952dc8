// OAuth state of one app: codes (5 minutes, once), user access tokens (2 hours) and refresh tokens
// (30 days), snapshot-page visitors and revoked authorizations. Pure state over an explicit `now`.
import { randomBytes } from 'node:crypto'
import type { AppState } from '../../context'

export const CODE_LIFETIME_MS = 300_000
export const ACCESS_LIFETIME_MS = 7_200_000
export const REFRESH_LIFETIME_MS = 30 * 86_400_000

export type GrantScope = 'snsapi_base' | 'snsapi_userinfo' | 'snsapi_login'

export interface CodeRecord {
  readonly code: string
  readonly openid: string
  readonly scope: GrantScope
  readonly snapshot: boolean
  readonly expiresAt: number
  used: boolean
}

export interface Grant {
  readonly openid: string
  readonly scope: GrantScope
  readonly snapshot: boolean
  readonly refreshToken: string
  readonly refreshExpiresAt: number
  accessToken: string
  accessExpiresAt: number
  /** Set when the user's authorization was revoked (password change): tokens answer 42007. */
  revoked: boolean
}

/** What a token lookup found: the grant, or the errcode WeChat answers. */
export type Lookup = Grant | 40001 | 42001 | 42007

function randomText(bytes: number, length: number): string {
  return randomBytes(bytes).toString('base64url').slice(0, length)
}

export class OAuthStore {
  private readonly codes = new Map<string, CodeRecord>()
  private readonly byAccess = new Map<string, Grant>()
  private readonly byRefresh = new Map<string, Grant>()
  /** Openids that visit as snapshot-page users (virtual openids, is_snapshotuser: 1). */
  readonly snapshotUsers = new Set<string>()
  /** The user "signed in to WeChat" in the browser: whom silent snsapi_base flows authorize. */
  browserUser: string | undefined

  issueCode(openid: string, scope: GrantScope, now: number): CodeRecord {
    // WeChat's codes: 32 characters of letters and digits.
    const code = randomBytes(24)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .padEnd(32, '0')
      .slice(0, 32)
    const snapshot = this.snapshotUsers.has(openid)
    // The snapshot page authorizes silently, so a snapshot visitor only ever gets snsapi_base.
    const record: CodeRecord = {
      code,
      openid,
      scope: snapshot ? 'snsapi_base' : scope,
      snapshot,
      expiresAt: now + CODE_LIFETIME_MS,
      used: false,
    }
    this.codes.set(code, record)
    return record
  }

  /** Spends a code: the grant it yields, or 40029 (unknown), 40163 (used), 42003 (expired). */
  redeem(code: string, now: number): Grant | 40029 | 40163 | 42003 {
    const record = this.codes.get(code)
    if (!record) return 40029
    if (record.used) return 40163
    if (now > record.expiresAt) return 42003
    record.used = true
    const grant: Grant = {
      openid: record.openid,
      scope: record.scope,
      snapshot: record.snapshot,
      refreshToken: `${80 + Math.floor(Math.random() * 10)}_${randomText(100, 133)}`,
      refreshExpiresAt: now + REFRESH_LIFETIME_MS,
      accessToken: this.newAccessToken(),
      accessExpiresAt: now + ACCESS_LIFETIME_MS,
      revoked: false,
    }
    this.byAccess.set(grant.accessToken, grant)
    this.byRefresh.set(grant.refreshToken, grant)
    return grant
  }

  /**
   * WeChat's refresh: a still-valid access token is kept and its life extended; an expired one is
   * replaced. The refresh token itself keeps its 30 days from the first authorization.
   */
  refresh(refreshToken: string, now: number): Grant | 40030 | 42002 | 42007 {
    const grant = this.byRefresh.get(refreshToken)
    if (!grant) return 40030
    if (grant.revoked) return 42007
    if (now > grant.refreshExpiresAt) return 42002
    if (now >= grant.accessExpiresAt) {
      this.byAccess.delete(grant.accessToken)
      grant.accessToken = this.newAccessToken()
      this.byAccess.set(grant.accessToken, grant)
    }
    grant.accessExpiresAt = now + ACCESS_LIFETIME_MS
    return grant
  }

  /** The grant behind a user access token, or its errcode. */
  lookup(accessToken: string, now: number): Lookup | undefined {
    const grant = this.byAccess.get(accessToken)
    if (!grant) return undefined
    if (grant.revoked) return 42007
    if (now >= grant.accessExpiresAt) return 42001
    return grant
  }

  /** The user revoked the authorization (or changed their password): every token of theirs dies. */
  revoke(openid: string): number {
    let n = 0
    for (const grant of this.byRefresh.values()) {
      if (grant.openid === openid && !grant.revoked) {
        grant.revoked = true
        n++
      }
    }
    return n
  }

  /** Counts for the control API. */
  stats(now: number): { codes: number; liveCodes: number; grants: number } {
    let liveCodes = 0
    for (const c of this.codes.values()) if (!c.used && now <= c.expiresAt) liveCodes++
    return { codes: this.codes.size, liveCodes, grants: this.byRefresh.size }
  }

  private newAccessToken(): string {
    return `${80 + Math.floor(Math.random() * 10)}_${randomText(100, 133)}`
  }
}

export function oauthOf(appState: AppState): OAuthStore {
  return appState.ext('oauth', () => new OAuthStore())
}
