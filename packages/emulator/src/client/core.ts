// Control calls every emulator has: the clock, counters, faults, reset, followers and the outbox.
import type { FaultSpec, OutboxEntry } from '../types'
import { ControlTransport, appBody, appQuery } from './transport'
import type { AppOption, FaultInfo, FollowerPatch, OutboxFilter } from './types'

export class CoreControl extends ControlTransport {
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
  counters(options?: AppOption): Promise<Record<string, number>> {
    return this.request('GET', appQuery('/counters', options))
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

  /**
   * Everything back to how `startEmulator` left it: apps (tokens, followers, module state), outbox,
   * faults, counters, and the clock (a test's `advanceClock` never leaks into the next).
   */
  async reset(): Promise<void> {
    await this.request('POST', '/reset')
  }

  /** Sets the number of synthetic followers (generated lazily: a million costs nothing). */
  async seedFollowers(count: number, options?: AppOption): Promise<void> {
    await this.request('POST', '/followers/seed', { ...appBody(options), count })
  }

  /** The openid at position `index` in follow order (deterministic for synthetic followers). */
  async followerAt(index: number, options?: AppOption): Promise<string> {
    return (await this.request<{ openid: string }>('GET', appQuery('/followers/at', options, { index }))).openid
  }

  /** Adds (or updates) a follower after the synthetic ones; returns its openid. */
  async addFollower(patch: FollowerPatch = {}, options?: AppOption): Promise<string> {
    return (await this.request<{ openid: string }>('POST', '/followers/add', { ...patch, ...appBody(options) })).openid
  }

  /** Records an interaction by `openid` now (emulator clock): customer-service messages may be sent for 48 hours. */
  async interact(openid: string, options?: AppOption): Promise<void> {
    await this.request('POST', '/users/interact', { ...appBody(options), openid })
  }

  /** Messages delivered so far, in delivery order. */
  outbox(filter: OutboxFilter = {}): Promise<OutboxEntry[]> {
    const { appId, touser, channel } = filter
    return this.request('GET', appQuery('/outbox', { ...(appId === undefined ? {} : { appId }) }, { touser, channel }))
  }

  async clearOutbox(): Promise<void> {
    await this.request('DELETE', '/outbox')
  }
}
