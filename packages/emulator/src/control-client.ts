// A typed client for the emulator's control API (`/__emulator/...`), over fetch. What tests use to
// move the clock, seed followers, read the outbox and inject faults.
import type { FaultSpec, OutboxEntry, PushConfig, PushRecord, UserEvent, UserMessage } from './types'
import type { MenuButtonRef, TapMenuOptions } from './modules/menu/types'

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

/** Which app a follower action or push setting is for. */
export interface AppOption {
  /** @default the first app */
  readonly appId?: string
}

/** The push target as the emulator reports it (never the token or EncodingAESKey). */
export interface PushTargetInfo {
  readonly url: string
  readonly mode: 'plaintext' | 'compatible' | 'safe'
  readonly format: 'xml' | 'json'
  readonly timeoutMs: number
  readonly encrypted: boolean
}

/** Which pushes {@link EmulatorControl.pushes} lists (all given filters apply). */
export interface PushFilter extends AppOption {
  /** MsgType for messages, Event for events (`text`, `subscribe`, `MASSSENDJOBFINISH` ...). */
  readonly type?: string
  /**
   * Only the push about this id: a job result's `MsgID` (the `msg_id` a mass send or the `msgid` a
   * template send returned) or a follower message's `MsgId`. A decimal string (or bigint): 64-bit
   * ids lose digits as JS numbers, so a number must be a safe integer.
   */
  readonly msgId?: string | number | bigint
  /**
   * Only pushes recorded after this one: its `seq`, or the record itself (see
   * {@link EmulatorControl.lastPushSeq}). Recorded means finished: a job still running when you read
   * the seq lands after it, so for one job's result `msgId` is the exact filter.
   */
  readonly after?: number | Pick<PushRecord, 'seq'>
}

/** Options of {@link EmulatorControl.waitForPush}. */
export interface WaitForPushOptions extends AppOption {
  /** Real ms to wait before throwing. @default 10000 */
  readonly timeoutMs?: number
  /** Only the push about this id (see {@link PushFilter.msgId}): how to wait for one job's result. */
  readonly msgId?: NonNullable<PushFilter['msgId']>
  /** Only pushes recorded after this `seq` (see {@link PushFilter.after}). */
  readonly after?: NonNullable<PushFilter['after']>
}

/** Event types that arrive later than the call that caused them: waiting for one needs `msgId` or `after`. */
const ASYNC_PUSH_TYPES = new Set(['MASSSENDJOBFINISH', 'TEMPLATESENDJOBFINISH'])

function pushQuery(filter: PushFilter): string {
  const query = new URLSearchParams()
  if (filter.appId !== undefined) query.set('appId', filter.appId)
  if (filter.type !== undefined) query.set('type', filter.type)
  const { msgId, after } = filter
  if (msgId !== undefined) {
    if (typeof msgId === 'number' && !Number.isSafeInteger(msgId)) {
      throw new RangeError(`msgId must be a decimal string, a bigint or a safe integer (a 64-bit id loses digits as a number), got ${msgId}`)
    }
    if (!/^\d{1,20}$/.test(String(msgId))) throw new TypeError(`msgId must be a decimal id, got ${JSON.stringify(String(msgId))}`)
    query.set('msgId', String(msgId))
  }
  if (after !== undefined) {
    const seq = typeof after === 'number' ? after : after?.seq
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) throw new TypeError(`after must be a push's seq (a non-negative integer) or a push record, got ${JSON.stringify(after)}`)
    query.set('after', String(seq))
  }
  const qs = query.toString()
  return qs === '' ? '/push/log' : `/push/log?${qs}`
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

  /**
   * Sets (or with `null` removes) the app's push target: the account server URL, Token,
   * EncodingAESKey, mode and format, as in WeChat's 服务器配置. Returns what is now configured.
   * A receiver often learns its port after the emulator started: configure it then.
   * Throws {@link EmulatorControlError} (400) for a bad configuration, naming the field.
   */
  configurePush(config: PushConfig | null, options: AppOption = {}): Promise<PushTargetInfo | null> {
    return this.request('POST', '/push/config', { ...options, push: config })
  }

  /**
   * A follower sends the account a message: it is pushed to the app's URL as WeChat does (signed,
   * encrypted per mode, 3 tries), opens the follower's 48-hour window, and the passive reply goes to
   * the outbox (channel `reply`). Resolves with the push: `{ status, attempts, reply, error?, msgId }`.
   *
   * @example
   * ```ts
   * const r = await emu.control.userMessage(openid, { msgType: 'text', content: 'hi' })
   * expect(r.reply).toEqual({ type: 'text', content: 'hello' })   // as @wxmp/server's handle returns it
   * ```
   */
  userMessage(openid: string, message: UserMessage, options: AppOption = {}): Promise<PushRecord> {
    return this.request('POST', '/push/message', { ...options, openid, message })
  }

  /**
   * A follower acts (subscribe, unsubscribe, scan a QR ticket, CLICK, VIEW, LOCATION): the follower
   * state changes as WeChat's would (subscribe / unsubscribe, the 48-hour window for subscribe, scan
   * and CLICK) and the event is pushed like {@link userMessage}. Scanning a ticket from
   * `/cgi-bin/qrcode/create` pushes `subscribe` with `qrscene_<scene>` to a non-follower, `SCAN` to a follower.
   */
  userEvent(openid: string, event: UserEvent, options: AppOption = {}): Promise<PushRecord> {
    return this.request('POST', '/push/event', { ...options, openid, event })
  }

  /**
   * Pushes made to the app so far, oldest first (`seq` 1, 2, ...; `reset()` starts again at 1),
   * narrowed by `filter`: `type` (MsgType / Event), `msgId` (a job result's MsgID or a message's
   * MsgId), `after` (a seq). A push is recorded when its last try is over.
   */
  pushes(filter: PushFilter = {}): Promise<PushRecord[]> {
    return this.request('GET', pushQuery(filter))
  }

  /** The `seq` of the app's latest push, 0 when none: pass it as `after` to wait for a push still to come. */
  async lastPushSeq(options: AppOption = {}): Promise<number> {
    return (await this.pushes(options)).at(-1)?.seq ?? 0
  }

  /**
   * Waits until a push matching `match` (an Event / MsgType name, or a predicate) and `options` has
   * been recorded, polling, and returns the OLDEST such push: with `msgId` the one push about that id,
   * with `after` the first one recorded after that seq, with neither the first ever recorded.
   * Job results (`MASSSENDJOBFINISH`, `TEMPLATESENDJOBFINISH`) arrive after the send answered, so
   * waiting for one by name without `msgId` or `after` could hand back an earlier send's result:
   * that throws a TypeError; so does a name that already matches more than one push with neither.
   * Throws {@link EmulatorControlError} (408) after `timeoutMs` real ms.
   *
   * @example
   * ```ts
   * const { msg_id } = await wx.request('/cgi-bin/message/mass/sendall', { json: ... })
   * const finish = await emu.control.waitForPush('MASSSENDJOBFINISH', { msgId: msg_id })
   * // or, for whatever comes next: const seq = await emu.control.lastPushSeq(); ...; waitForPush('text', { after: seq })
   * ```
   */
  async waitForPush(match: string | ((push: PushRecord) => boolean), options: WaitForPushOptions = {}): Promise<PushRecord> {
    const { timeoutMs = 10_000, ...filter } = options
    const unfiltered = filter.msgId === undefined && filter.after === undefined
    if (typeof match === 'string' && unfiltered && ASYNC_PUSH_TYPES.has(match)) {
      throw new TypeError(`waitForPush('${match}') needs { msgId } (the id the send returned) or { after } (a seq): an earlier send's result may already be recorded`)
    }
    const query = pushQuery(typeof match === 'string' ? { ...filter, type: match } : filter)
    const test = typeof match === 'string' ? () => true : match
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = (await this.request<PushRecord[]>('GET', query)).filter(test)
      if (typeof match === 'string' && unfiltered && found.length > 1) {
        throw new TypeError(`waitForPush('${match}') matches ${found.length} pushes (seq ${found.map((p) => p.seq).join(', ')}): pass { msgId } or { after } to say which`)
      }
      if (found[0]) return found[0]
      if (Date.now() > deadline) throw new EmulatorControlError(`no push matching ${typeof match === 'string' ? match : 'the predicate'} within ${timeoutMs} ms`, 408)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  /** Kills the app's live tokens, as if someone else had rotated them. Returns how many died. */
  async revokeTokens(options: RevokeOptions | string = {}): Promise<number> {
    const body = typeof options === 'string' ? { appId: options } : options
    return (await this.request<{ revoked: number }>('POST', '/tokens/revoke', body)).revoked
  }

  /**
   * Checks a `wx.config` the way WeChat's client does (module jssdk): the page's domain against
   * the app's `jsApiDomains`, then the signature against the app's live jsapi tickets. `url` is the
   * page's `location.href`, fragment and all. Answers `config:ok`, `config:invalid url domain` or
   * `config:invalid signature`, with the emulator's `reason`.
   */
  checkJsApiConfig(config: JsApiConfigCheck): Promise<{ ok: boolean; errMsg: string; reason?: string }> {
    return this.request('POST', '/jssdk/check', config)
  }

  /** Expires every JS-SDK ticket of the app now; the next getticket issues a new one. Returns how many were live. */
  async expireJsApiTickets(appId?: string): Promise<number> {
    return (await this.request<{ expired: number }>('POST', '/jssdk/expire', appId === undefined ? {} : { appId })).expired
  }

  /**
   * How the publish jobs (freepublish/submit) submitted from now on end (module publish): `outcome`
   * `'success'` (publish_status 0), `'original-check-failed'` (2), `'failed'` (3) or
   * `'review-failed'` (4), with `failIdx` (1-based, default `[1]`); `permission: false` makes every
   * freepublish call answer 48001, as for accounts that lost it in 2025; `durationMs` (emulator
   * clock) from submit to PUBLISHJOBFINISH. Returns the behaviour now in force.
   */
  setPublishBehaviour(behaviour: PublishBehaviour, options: AppOption = {}): Promise<Required<PublishBehaviour>> {
    return this.request('POST', '/publish/behaviour', { ...behaviour, ...options })
  }

  /** Every publish job of the app, oldest first, as freepublish/get answers it now (module publish). */
  publishJobs(options: AppOption = {}): Promise<PublishJobInfo[]> {
    return this.request('GET', options.appId === undefined ? '/publish/jobs' : `/publish/jobs?appId=${encodeURIComponent(options.appId)}`)
  }

  /** Puts a one-article draft (with its own permanent cover) in the app's draft box; returns its media_id. */
  async seedDraft(options: AppOption & { readonly title?: string } = {}): Promise<string> {
    return (await this.request<{ mediaId: string }>('POST', '/publish/drafts', options)).mediaId
  }

  /**
   * The follower taps a button of the menu they see (module menu: the newest conditional menu whose
   * tag is their latest tag, else the default menu). `button` is a key, or a path `[top]` /
   * `[top, sub]`. The emulator pushes the event WeChat would for that button type (CLICK, VIEW with
   * MenuId, view_miniprogram, scancode_* with ScanCodeInfo, pic_* with SendPicsInfo, location_select
   * with SendLocationInfo), opens the 1-minute customer-service window for click and scan buttons,
   * and resolves with the push record like {@link userEvent}; `null` for media_id and article
   * buttons, which push nothing. A button that does not exist throws {@link EmulatorControlError}
   * (404) listing the buttons there are.
   */
  tapMenu(openid: string, button: MenuButtonRef, options: TapMenuOptions = {}): Promise<PushRecord | null> {
    return this.request('POST', '/menu/tap', { ...options, openid, button })
  }

  /**
   * An operator publishes a menu in the admin console: `get_current_selfmenu_info` answers
   * `selfmenuInfo` (WeChat's wire form, `{ button: [...] }` with text/img/voice/video/news buttons)
   * until the API sets a menu again; `null` takes it down.
   */
  async setConsoleMenu(selfmenuInfo: { readonly button: readonly unknown[] } | null, options: AppOption = {}): Promise<void> {
    await this.request('POST', '/menu/console', { ...options, selfmenuInfo })
  }

  // Subscription notifications (module subscribe).

  /**
   * A follower answers the subscription popup (in an article, scene 2, or on a web page, scene 1):
   * each template accepted allows one send (one-time templates) or any number (long-term), each
   * rejected refuses sends with 43101; `subscribe_msg_popup_event` is pushed. Resolves with the push.
   */
  subscribePopup(openid: string, choices: readonly SubscribeChoice[], options: SubscribePopupOptions = {}): Promise<PushRecord> {
    return this.request('POST', '/subscribe/popup', { ...options, openid, choices })
  }

  /** A follower switches templates off in the notification settings: `subscribe_msg_change_event` is pushed. */
  subscribeReject(openid: string, templateIds: readonly string[], options: AppOption = {}): Promise<PushRecord> {
    return this.request('POST', '/subscribe/reject', { ...options, openid, templateIds })
  }

  // kf sessions (module kfsession).

  /**
   * A kf worker transfers the follower's session to another kf account (bound and online) in
   * WeChat's kf client, which no API does: the session moves and `kf_switch_session` is pushed.
   */
  switchKfSession(openid: string, toKfAccount: string, options: AppOption = {}): Promise<PushRecord> {
    return this.request('POST', '/kfsession/switch', { ...options, openid, toKfAccount })
  }

  // Account migration (module migration).

  /**
   * The migration of `fromAppId`'s followers to the app (`options.appId`, default the first) is
   * approved now: for 15 days (emulator clock) the app's `changeopenid` converts the old account's
   * followers' openids.
   */
  async approveMigration(fromAppId: string, options: AppOption = {}): Promise<{ from: string; originalId: string; to: string }> {
    return this.request('POST', '/migration', { ...options, fromAppId })
  }
}

/** See {@link EmulatorControl.setPublishBehaviour}. */
export interface PublishBehaviour {
  readonly outcome?: 'success' | 'original-check-failed' | 'failed' | 'review-failed'
  readonly failIdx?: readonly number[] | null
  readonly permission?: boolean
  readonly durationMs?: number
}

/** A publish job as {@link EmulatorControl.publishJobs} lists it: freepublish/get's wire answer and the draft. */
export interface PublishJobInfo {
  readonly draftId: string
  readonly outcome: NonNullable<PublishBehaviour['outcome']>
  readonly doneAt: number
  readonly publish_id: number
  readonly publish_status: number
  readonly article_id?: string
  readonly article_detail?: { readonly count: number; readonly item: readonly { readonly idx: number; readonly article_url: string }[] }
  readonly fail_idx: readonly number[]
}

/** A follower's answer for one template in {@link EmulatorControl.subscribePopup}. */
export interface SubscribeChoice {
  readonly templateId: string
  readonly status: 'accept' | 'reject'
}

/** Options of {@link EmulatorControl.subscribePopup}. */
export interface SubscribePopupOptions extends AppOption {
  /** Where the popup was: 1 a web page, 2 an article. @default 2 */
  readonly scene?: 1 | 2
}

/** What a page passed to `wx.config`, and where it was (see {@link EmulatorControl.checkJsApiConfig}). */
export interface JsApiConfigCheck {
  /** @default the first app */
  readonly appId?: string
  /** The page's `location.href`, `#fragment` included. */
  readonly url: string
  readonly timestamp: number | string
  readonly nonceStr: string
  readonly signature: string
}
