// The control client's option and answer types. Every method takes the app as `{ appId }` in its
// options object, last; the first app when omitted.
import type { FaultSpec, OutboxEntry, PushRecord } from '../types'
import type { UserRecord } from '../model/followers'

/** Which app a control call is for. */
export interface AppOption {
  /** @default the first app */
  readonly appId?: string
}

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
}

export interface OutboxFilter extends AppOption {
  readonly touser?: string
  readonly channel?: OutboxEntry['channel']
}

/** Options of `revokeTokens`. */
export interface RevokeOptions extends AppOption {
  /** Which tokens. @default 'all' */
  readonly kind?: 'classic' | 'stable' | 'all'
  /** `invalidate`: later calls answer 40001 (replaced); `expire`: 42001 (expired). @default 'invalidate' */
  readonly mode?: 'invalidate' | 'expire'
}

/** The push target as the emulator reports it (never the token or EncodingAESKey). */
export interface PushTargetInfo {
  readonly url: string
  readonly mode: 'plaintext' | 'compatible' | 'safe'
  readonly format: 'xml' | 'json'
  readonly timeoutMs: number
  readonly encrypted: boolean
}

/** Options of `userMessage` and `userEvent`. */
export interface UserActionOptions extends AppOption {
  /**
   * Throw {@link EmulatorControlError} unless the receiver answered 200 with a valid reply (or
   * none), naming its status and the start of its body: a one-line "my server handled it".
   * @default false (resolve with the push record either way)
   */
  readonly expectOk?: boolean
}

/** Options of `verifyUrl`. */
export interface VerifyUrlOptions extends AppOption {
  /** The `echostr` to send. @default random */
  readonly echostr?: string
}

/** How the receiver answered WeChat's URL verification. */
export interface VerifyUrlResult {
  /** 200 with `echostr` exactly: WeChat's console would save the URL. */
  readonly ok: boolean
  /** HTTP status; null when no answer came. */
  readonly status: number | null
  readonly echostr: string
  /** The start of the answer (500 characters). */
  readonly body: string
  /** Why not, when not ok. */
  readonly error?: string
}

/** Which pushes `pushes` lists (all given filters apply). */
export interface PushFilter extends AppOption {
  /** MsgType for messages, Event for events (`text`, `subscribe`, `MASSSENDJOBFINISH` ...). */
  readonly type?: string
  /**
   * Only the push about this id: a job result's `MsgID` or a follower message's `MsgId`. A decimal
   * string (or bigint): 64-bit ids lose digits as JS numbers, so a number must be a safe integer.
   */
  readonly msgId?: string | number | bigint
  /** Only pushes recorded (finished) after this one: its `seq`, or the record itself. */
  readonly after?: number | Pick<PushRecord, 'seq'>
}

/** Options of `waitForPush`. */
export interface WaitForPushOptions extends AppOption {
  /** Real ms to wait before throwing. @default 10000 */
  readonly timeoutMs?: number
  /** Only the push about this id (see {@link PushFilter.msgId}): how to wait for one job's result. */
  readonly msgId?: NonNullable<PushFilter['msgId']>
  /** Only pushes recorded after this `seq` (see {@link PushFilter.after}). */
  readonly after?: NonNullable<PushFilter['after']>
}

/** What a page passed to `wx.config`, and where it was (see `checkJsApiConfig`). */
export interface JsApiConfigCheck {
  /** The page's `location.href`, `#fragment` included. */
  readonly url: string
  readonly timestamp: number | string
  readonly nonceStr: string
  readonly signature: string
}

/** A follower record as the emulator holds it. */
export type FollowerRecord = UserRecord & { readonly groupId: number }

/** A template registered with `addTemplate`. */
export interface TemplateOptions extends AppOption {
  /** Keys of the template's `{{key.DATA}}` fields; or give `content`. */
  readonly keys?: readonly string[]
  /** The template's content, `{{key.DATA}}` per field. @default one line per key */
  readonly content?: string
  /** @default 'Test template' */
  readonly title?: string
  /** @default a new random id */
  readonly templateId?: string
}

export interface TemplateQuota {
  readonly appId: string
  readonly daily: number
  readonly used: number
}

/** A mass send job as the emulator tracks it. */
export interface MassJob {
  readonly msgId: string
  readonly msgDataId: string | null
  readonly clientmsgid: string | null
  readonly audience: unknown
  readonly msgtype: string
  readonly payload: Record<string, unknown>
  readonly sendIgnoreReprint: number | null
  readonly totalCount: number
  readonly delivered: number
  readonly status: string
  readonly createdAt: number
  readonly doneAt: number
  readonly deletedArticles: number[]
  readonly ageMs: number
}

/** A stored media item (no bytes). */
export interface MediaItem {
  readonly mediaId: string
  readonly type: string
  readonly scope: string
  readonly size?: number
  readonly articles?: number
  readonly createdAt: number
  readonly updatedAt?: number
}

/** A file download the emulator served, and how it ended. */
export interface MediaDownload {
  readonly seq: number
  readonly mediaId: string
  readonly path: string
  readonly size: number
  readonly sent: number
  readonly finished: boolean
  readonly cancelled: boolean
  /** The connection that carried it is still open (keep-alive keeps it after a full read). */
  readonly socketOpen: boolean
}

/** What a QR ticket stands for. */
export interface QrTicketInfo {
  readonly appId: string
  readonly ticket: string
  readonly kind: string
  readonly actionName: string
  readonly scene: number | string
  readonly url: string
  readonly createdAt: number
  readonly expiresAt: number | null
  readonly expired: boolean
}

/** An OAuth code issued as if the user had approved on the consent page. */
export interface IssuedCode {
  readonly code: string
  readonly openid: string
  readonly scope: 'snsapi_base' | 'snsapi_userinfo' | 'snsapi_login'
  readonly expiresAt: number
  readonly snapshotUser: boolean
}
