// Control calls for pushes: the push target, URL verification, followers' messages and events,
// and the push log.
import type { PushConfig, PushRecord, UserEvent, UserMessage } from '../types'
import { CoreControl } from './core'
import { EmulatorControlError, appBody } from './transport'
import type {
  AppOption,
  PushFilter,
  PushTargetInfo,
  UserActionOptions,
  VerifyUrlOptions,
  VerifyUrlResult,
  WaitForPushOptions,
} from './types'

/** Event types that arrive later than the call that caused them: waiting for one needs `msgId` or `after`. */
const ASYNC_PUSH_TYPES = new Set(['MASSSENDJOBFINISH', 'TEMPLATESENDJOBFINISH'])

function pushQuery(filter: PushFilter): string {
  const query = new URLSearchParams()
  if (filter.appId !== undefined) query.set('appId', filter.appId)
  if (filter.type !== undefined) query.set('type', filter.type)
  const { msgId, after } = filter
  if (msgId !== undefined) {
    if (typeof msgId === 'number' && !Number.isSafeInteger(msgId)) {
      throw new RangeError(
        `msgId must be a decimal string, a bigint or a safe integer (a 64-bit id loses digits as a number), got ${msgId}`,
      )
    }
    if (!/^\d{1,20}$/.test(String(msgId))) throw new TypeError(`msgId must be a decimal id, got ${JSON.stringify(String(msgId))}`)
    query.set('msgId', String(msgId))
  }
  if (after !== undefined) {
    const seq = typeof after === 'number' ? after : after?.seq
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0)
      throw new TypeError(`after must be a push's seq (a non-negative integer) or a push record, got ${JSON.stringify(after)}`)
    query.set('after', String(seq))
  }
  const qs = query.toString()
  return qs === '' ? '/push/log' : `/push/log?${qs}`
}

/** With `expectOk`, a push the receiver did not handle is the test's failure, said in one line. */
function checked(record: PushRecord, options: UserActionOptions): PushRecord {
  if (!options.expectOk || (record.status === 200 && record.error === undefined)) return record
  const answer = record.response === undefined ? '' : `, body ${JSON.stringify(record.response)}`
  const status = record.status === null ? 'no answer' : `HTTP ${record.status}`
  throw new EmulatorControlError(
    `the receiver did not handle the ${record.type} push (${status}${answer}): ${record.error ?? 'not 200'}`,
    502,
  )
}

export class PushControl extends CoreControl {
  /**
   * Sets (or with `null` removes) the app's push target: the account server URL, Token,
   * EncodingAESKey, mode and format, as in WeChat's 服务器配置. Returns what is now configured.
   * Throws {@link EmulatorControlError} (400) for a bad configuration, naming the field.
   */
  configurePush(config: PushConfig | null, options?: AppOption): Promise<PushTargetInfo | null> {
    return this.request('POST', '/push/config', { ...appBody(options), push: config })
  }

  /**
   * Sends WeChat's URL verification to the push URL, as the console does when the URL is saved:
   * `GET url?signature=&echostr=&timestamp=&nonce=` (the same in every mode) and reports whether
   * the receiver echoed `echostr` exactly. A receiver mounted on POST only fails here.
   * Throws {@link EmulatorControlError} (409) when no push URL is configured.
   *
   * @example
   * ```ts
   * expect(await emu.control.verifyUrl()).toMatchObject({ ok: true })
   * ```
   */
  verifyUrl(options: VerifyUrlOptions = {}): Promise<VerifyUrlResult> {
    return this.request('POST', '/push/verify', {
      ...appBody(options),
      ...(options.echostr === undefined ? {} : { echostr: options.echostr }),
    })
  }

  /**
   * A follower sends the account a message: pushed to the app's URL as WeChat does (signed,
   * encrypted per mode, 3 tries), opening the follower's 48-hour window; the passive reply goes to
   * the outbox (channel `reply`). Resolves with the push (`{ status, attempts, reply, error?,
   * response?, msgId }`), whatever the receiver answered, unless `expectOk`. Throws (409) when no
   * push URL is configured: that is a set-up mistake, not a failed push.
   *
   * @example
   * ```ts
   * const r = await emu.control.userMessage(openid, { msgType: 'text', content: 'hi' }, { expectOk: true })
   * expect(r.reply).toEqual({ type: 'text', content: 'hello' })   // as @wxmp/server's handle returns it
   * ```
   */
  async userMessage(openid: string, message: UserMessage, options: UserActionOptions = {}): Promise<PushRecord> {
    return checked(await this.request('POST', '/push/message', { ...appBody(options), openid, message }), options)
  }

  /**
   * A follower acts (subscribe, unsubscribe, scan a QR ticket, CLICK, VIEW, LOCATION): the follower
   * state changes as WeChat's would and the event is pushed like {@link userMessage}. Scanning a
   * ticket from `/cgi-bin/qrcode/create` pushes `subscribe` with `qrscene_<scene>` to a
   * non-follower, `SCAN` to a follower.
   */
  async userEvent(openid: string, event: UserEvent, options: UserActionOptions = {}): Promise<PushRecord> {
    return checked(await this.request('POST', '/push/event', { ...appBody(options), openid, event }), options)
  }

  /**
   * Pushes made to the app so far, oldest first (`seq` 1, 2, ...; `reset()` starts again at 1),
   * narrowed by `filter`. A push is recorded when its last try is over.
   */
  pushes(filter: PushFilter = {}): Promise<PushRecord[]> {
    return this.request('GET', pushQuery(filter))
  }

  /** The `seq` of the app's latest push, 0 when none: pass it as `after` to wait for a push still to come. */
  async lastPushSeq(options: AppOption = {}): Promise<number> {
    return (await this.pushes(options)).at(-1)?.seq ?? 0
  }

  /**
   * Polls until a push matching `match` (an Event / MsgType name, or a predicate) and `options` is
   * recorded, and returns the OLDEST such push. Job results (`MASSSENDJOBFINISH`,
   * `TEMPLATESENDJOBFINISH`) arrive after the send answered, so waiting for one by name needs
   * `msgId` or `after` (else a TypeError), as does a name that already matches more than one push.
   * Throws {@link EmulatorControlError} (408) after `timeoutMs` real ms.
   *
   * @example
   * ```ts
   * const finish = await emu.control.waitForPush('MASSSENDJOBFINISH', { msgId: sent.msgId })
   * ```
   */
  async waitForPush(match: string | ((push: PushRecord) => boolean), options: WaitForPushOptions = {}): Promise<PushRecord> {
    const { timeoutMs = 10_000, ...filter } = options
    const unfiltered = filter.msgId === undefined && filter.after === undefined
    if (typeof match === 'string' && unfiltered && ASYNC_PUSH_TYPES.has(match)) {
      throw new TypeError(
        `waitForPush('${match}') needs { msgId } (the id the send returned) or { after } (a seq): an earlier send's result may already be recorded`,
      )
    }
    const query = pushQuery(typeof match === 'string' ? { ...filter, type: match } : filter)
    const test = typeof match === 'string' ? () => true : match
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = (await this.request<PushRecord[]>('GET', query)).filter(test)
      if (typeof match === 'string' && unfiltered && found.length > 1) {
        throw new TypeError(
          `waitForPush('${match}') matches ${found.length} pushes (seq ${found.map((p) => p.seq).join(', ')}): pass { msgId } or { after } to say which`,
        )
      }
      if (found[0]) return found[0]
      if (Date.now() > deadline)
        throw new EmulatorControlError(
          `no push matching ${typeof match === 'string' ? match : 'the predicate'} within ${timeoutMs} ms`,
          408,
        )
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}
