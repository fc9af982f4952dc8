// What every emulator module gets: the clock, the apps and their state, and the Hono env type.
import { createHash } from 'node:crypto'
import type { Hono } from 'hono'
import { Followers } from './model/followers'
import { Tags } from './model/tags'
import type { Outbox } from './model/outbox'
import type { EmulatorApp, PushRecord } from './types'
import { pushTarget, type PushSpec, type PushTarget } from './push/pusher'

export interface Clock {
  /** Emulator time, epoch ms. Moves with real time, plus whatever tests added. */
  now(): number
  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void
  /** Sets the clock to `epochMs`; it keeps moving from there. */
  set(epochMs: number): void
}

/** The original id (`gh_` + 12 hex digits) an app without one gets, derived from its appId. */
export function originalIdOf(appId: string): string {
  return `gh_${createHash('sha1').update(appId).digest('hex').slice(0, 12)}`
}

/** State of one Official Account. Modules keep their own state in `ext`. */
export class AppState {
  readonly appId: string
  readonly appSecret: string
  readonly oauthDomain: string | undefined
  /** The configuration the app was created from (options modules read: JS domains, token grace). */
  readonly config: EmulatorApp
  /** The account's original id (`gh_…`): ToUserName of every push. */
  readonly originalId: string
  /** Where pushes go (set at start or through the control API); none when undefined. */
  pushTarget: PushTarget | undefined
  /** Every push made, in order. */
  readonly pushes: PushRecord[] = []
  readonly followers: Followers
  readonly tags: Tags
  /** Last interaction (message, click, follow, scan) per openid, emulator epoch ms: the reply window. */
  readonly interactions = new Map<string, number>()
  /**
   * What the last interaction was, when not a message (absent: a message, 48 hours and 5 sends).
   * WeChat gives a menu click, a follow or a scan 3 customer-service sends within 1 minute.
   */
  readonly interactionScenes = new Map<string, 'click' | 'subscribe' | 'scan'>()
  /** Request counters by name (`token`, `stable_token`, `stable_token:force`, `path:/cgi-bin/...`). */
  readonly counters = new Map<string, number>()
  private readonly extensions = new Map<string, unknown>()

  constructor(config: EmulatorApp, clock: Clock) {
    this.appId = config.appId
    this.appSecret = config.appSecret
    this.oauthDomain = config.oauthDomain
    this.config = config
    this.originalId = config.originalId ?? originalIdOf(config.appId)
    this.pushTarget = config.push ? pushTarget(config.push) : undefined
    this.followers = new Followers(config.appId, config.followers ?? 100, Math.floor(clock.now() / 1000))
    this.tags = new Tags(this.followers)
  }

  count(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by)
  }

  /** Module-private state, created on first use: `app.ext('media', () => new MediaStore())`. */
  ext<T>(key: string, init: () => T): T {
    let value = this.extensions.get(key) as T | undefined
    if (value === undefined) {
      value = init()
      this.extensions.set(key, value)
    }
    return value
  }
}

export interface EmulatorContext {
  readonly clock: Clock
  readonly apps: ReadonlyMap<string, AppState>
  readonly outbox: Outbox
  /** The emulator's own base URL once listening (for URLs it hands out: QR, media, OAuth pages). */
  readonly baseUrl: () => string
  /** Pushes to the app's server as WeChat does (signed, encrypted per mode, 3 tries); never rejects. */
  readonly push: (appState: AppState, spec: PushSpec) => Promise<PushRecord>
  /** Runs `run` when the emulator clock reaches `at` (epoch ms), after the current answer has gone out. */
  readonly schedule: (at: number, run: () => void) => void
}

/** Hono env: `c.get('appState')` is the app whose access token authenticated the request. */
export interface EmuEnv {
  Variables: {
    /** The app (Official Account) whose access token authenticated the request. */
    appState: AppState
    /** @deprecated read `appState`: `app` also named the Hono app and appIds. */
    app: AppState
    emu: EmulatorContext
  }
}

export type EmuHono = Hono<EmuEnv>

/**
 * A slice of WeChat. `routes` registers WeChat paths: requests under `/cgi-bin/` and
 * `/customservice/` are authenticated by the platform access token before a handler runs (except
 * the token endpoints and `showqrcode`), so handlers read `c.get('appState')`. `control` registers
 * test-only routes, mounted under `/__emulator`.
 */
export interface EmulatorModule {
  readonly name: string
  readonly routes?: (appState: EmuHono, emu: EmulatorContext) => void
  readonly control?: (appState: EmuHono, emu: EmulatorContext) => void
}

export function defineModule(module: EmulatorModule): EmulatorModule {
  return module
}
