// Everything one running emulator holds: its clock, apps, outbox, faults and global counters, and
// how to put all of it back to the start.
import { randomBytes } from 'node:crypto'
import { AppState, originalIdOf, type EmulatorContext } from './context'
import { EmulatorClock } from './clock'
import { Faults } from './faults'
import { Outbox } from './model/outbox'
import { Scheduler } from './push/schedule'
import { push } from './push/pusher'
import type { EmulatorApp, EmulatorOptions } from './types'
import { hostName, type ControlAccess } from './control/access'

/** The app served when no `apps` are configured: `wx` + 16 hex digits and a 32-hex-digit secret, like real ones. */
export const DEFAULT_APP: EmulatorApp = Object.freeze({
  appId: 'wx5e6d0e3a1a7e0001',
  appSecret: '5e6d0e3a1a7e5ec7e75ec7e75ec70001',
  followers: 100,
})

export class EmulatorRuntime {
  readonly clock: EmulatorClock
  readonly outbox = new Outbox()
  readonly scheduler: Scheduler
  readonly faults = new Faults()
  /** Across apps, every WeChat request received (faulted ones too): `requests`, `path:/cgi-bin/...`. */
  readonly requests = new Map<string, number>()
  readonly apps = new Map<string, AppState>()
  readonly configs: readonly EmulatorApp[]
  readonly log: boolean
  /** Whether the web console is served (its module is imported on its first request). */
  readonly console: boolean
  /** What the control API requires (control/access.ts). */
  readonly access: ControlAccess
  readonly ctx: EmulatorContext
  private base: string | undefined

  constructor(options: EmulatorOptions = {}) {
    const apps = options.apps ?? [DEFAULT_APP]
    if (apps.length === 0) throw new TypeError('apps must name at least one app')
    // The top-level `push` is the first app's, unless that app names its own.
    const first = apps[0] as EmulatorApp
    const withPush = options.push && !first.push ? [{ ...first, push: options.push }, ...apps.slice(1)] : apps
    // Every app's original id spelled out, so `emu.apps[i].originalId` is what its pushes carry.
    this.configs = withPush.map((a) => (a.originalId === undefined ? { ...a, originalId: originalIdOf(a.appId) } : a))
    const ids = new Set(this.configs.map((a) => a.appId))
    if (ids.size !== this.configs.length) throw new TypeError('apps must have distinct appIds')
    this.clock = new EmulatorClock(options.now)
    this.scheduler = new Scheduler(this.clock)
    this.log = options.log ?? false
    this.console = options.console ?? false
    const token = options.controlToken ?? randomBytes(24).toString('base64url')
    if (typeof token !== 'string' || token.length < 8)
      throw new TypeError('controlToken (--token) must be a string of at least 8 characters')
    const hosts = [
      ...(options.allowedHosts ?? []),
      ...(options.hostname && !/^(0\.0\.0\.0|::)$/.test(options.hostname) ? [options.hostname] : []),
    ]
    this.access = { token, hosts: new Set(hosts.map((h) => hostName(h.split(':').length > 2 && !h.startsWith('[') ? `[${h}]` : h))) }
    this.ctx = {
      clock: this.clock,
      apps: this.apps,
      outbox: this.outbox,
      baseUrl: () => this.base ?? 'http://127.0.0.1',
      push: (appState, spec) => push(appState, spec, this.clock, this.outbox),
      schedule: (at, run) => this.scheduler.at(at, run),
    }
    this.createApps()
  }

  /** The app `appId` names, or the first app when none is named; undefined for an unknown one. */
  appState(appId?: string | null): AppState | undefined {
    if (appId === undefined || appId === null || appId === '') return this.apps.values().next().value
    return this.apps.get(appId)
  }

  setBaseUrl(url: string): void {
    this.base = url.replace(/\/+$/, '')
  }

  /** Served in-process (createEmulatorApp) nobody tells us our URL: learn it from the first request. */
  learnBaseUrl(requestUrl: string): void {
    this.base ??= new URL(requestUrl).origin
  }

  count(name: string): void {
    this.requests.set(name, (this.requests.get(name) ?? 0) + 1)
  }

  /**
   * Back to the start: fresh apps (followers, tags, tokens, module state), empty outbox, no faults,
   * zero counters, and the clock as start left it (so no test inherits another's advanceClock).
   */
  reset(): void {
    this.scheduler.clear()
    this.clock.reset()
    this.outbox.clear()
    this.faults.clear()
    this.requests.clear()
    this.createApps()
  }

  /** Stops timers (the emulator is closing). */
  stop(): void {
    this.scheduler.clear()
  }

  private createApps(): void {
    this.apps.clear()
    for (const config of this.configs) this.apps.set(config.appId, new AppState(config, this.clock))
  }
}
