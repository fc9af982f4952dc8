// Public types of the emulator: options, the running handle and what the control API returns.

/** One Official Account the emulator serves. */
export interface EmulatorApp {
  readonly appId: string
  readonly appSecret: string
  /** Synthetic followers generated lazily (deterministic openids). @default 100 */
  readonly followers?: number
  /** Domain allowed for OAuth `redirect_uri` (any host when omitted). */
  readonly oauthDomain?: string
  /**
   * The account's JS interface safe domains (JS接口安全域名, at most 5): a page elsewhere fails
   * `wx.config` with `invalid url domain`. Any host when omitted.
   */
  readonly jsApiDomains?: readonly string[]
  /**
   * How long a classic token replaced by a newer `/cgi-bin/token` fetch keeps working, in ms.
   * @default 300000 (WeChat's 5 minutes)
   */
  readonly classicTokenGraceMs?: number
  /** The account's original id (`gh_` + 12 hex digits), ToUserName of every push. @default derived from appId */
  readonly originalId?: string
  /** Where the emulator pushes followers' messages and events (the account's server URL). */
  readonly push?: PushConfig
}

/**
 * The account's server configuration (服务器配置): URL, Token, EncodingAESKey, message encryption
 * mode and data format. https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
 */
export interface PushConfig {
  /** The account's server URL; pushes are POSTed to it with signature, timestamp, nonce and openid. */
  readonly url: string
  /** Token (3-32 letters and digits) that signs every push. */
  readonly token: string
  /** EncodingAESKey: 43 characters of base64 (32 bytes). Required for `compatible` and `safe`. */
  readonly encodingAESKey?: string
  /** 明文 / 兼容 / 安全模式. @default 'safe' with an encodingAESKey, else 'plaintext' */
  readonly mode?: 'plaintext' | 'compatible' | 'safe'
  /** 数据格式. @default 'xml' */
  readonly format?: 'xml' | 'json'
  /** How long to wait for each answer, real ms (WeChat: 5 s). Lower it in tests. @default 5000 */
  readonly timeoutMs?: number
}

export interface EmulatorOptions {
  /** Port to listen on; `0` picks a free one. @default 0 */
  readonly port?: number
  /** @default '127.0.0.1' */
  readonly hostname?: string
  /** Apps served. @default [DEFAULT_APP] */
  readonly apps?: readonly EmulatorApp[]
  /** Start of the emulator clock, epoch ms. @default Date.now() */
  readonly now?: number
  /** Print one line per request to stderr. @default false */
  readonly log?: boolean
  /** Push target of the first app (an app's own `push` wins). */
  readonly push?: PushConfig
  /**
   * The token every control request must carry (README "Security"). `startEmulator()` hands it
   * to `emu.control`. @default random, new at every start
   */
  readonly controlToken?: string
  /**
   * Serve the web console at `/__emulator/console` (README "Console"): chat with your bot as a
   * follower. Its code is loaded only when this is on. The CLI turns it on.
   * @default false
   */
  readonly console?: boolean
  /**
   * Host names (no port) the control API answers besides localhost, 127.x.x.x and [::1] (and
   * `hostname` when it names one): for an emulator reached by another name, e.g. in Docker.
   */
  readonly allowedHosts?: readonly string[]
}

/** A message the emulator delivered (custom, mass, template, preview ...), in delivery order. */
export interface OutboxEntry {
  readonly seq: number
  readonly appId: string
  /** Which API delivered it. */
  readonly channel: 'custom' | 'mass' | 'preview' | 'template' | 'reply' | (string & {})
  readonly touser: string
  readonly msgtype: string
  /** The message body as WeChat received it (snake_case wire form, for the msgtype). */
  readonly payload: Record<string, unknown>
  /** Emulator clock, epoch ms. */
  readonly at: number
  /** Extra ids the channel assigns (mass `msg_id`, template `msgid`). */
  readonly ref?: string
}

/** A fault to inject, matched by path prefix, for the next `times` matching requests. */
export interface FaultSpec {
  /** Path the fault applies to (exact path, or a prefix ending in `*`). */
  readonly path: string
  /**
   * - `latency`: wait `ms` then answer normally
   * - `errcode`: answer `{ errcode, errmsg }` (default -1 "system error") without running the handler
   * - `http`: answer HTTP `status` (default 500) with a plain body, without running the handler
   * - `reset`: destroy the connection without answering
   * - `malformed`: answer HTTP 200 with a body that is not JSON
   * - `relabel`: run the handler, then answer its body byte for byte under another `Content-Type`
   *   (`contentType`; `null` removes the header), as WeChat has labelled images `text/plain` and
   *   errcode JSON `application/octet-stream` or not at all
   */
  readonly kind: 'latency' | 'errcode' | 'http' | 'reset' | 'malformed' | 'relabel'
  /** `after`: run the real handler first (the request takes effect), then apply the fault to the answer. @default 'before' */
  readonly phase?: 'before' | 'after'
  /** How many matching requests it applies to. @default 1 */
  readonly times?: number
  readonly ms?: number
  readonly errcode?: number
  readonly status?: number
  /** For `relabel`: the Content-Type to answer with, or `null` to send none. */
  readonly contentType?: string | null
}

/**
 * A passive reply the account's server answered a push with: `type` and the field names of
 * @wxmp/server's replies (what its `handle` returns) and @wxmp/custom's messages.
 * https://developers.weixin.qq.com/doc/service/guide/product/message/Passive_user_reply_message.html
 */
export type PushReply =
  | { readonly type: 'text'; readonly content: string }
  | { readonly type: 'image'; readonly mediaId: string }
  | { readonly type: 'voice'; readonly mediaId: string }
  | { readonly type: 'video'; readonly mediaId: string; readonly title?: string; readonly description?: string }
  | {
      readonly type: 'music'
      readonly title?: string
      readonly description?: string
      readonly musicUrl?: string
      readonly hqMusicUrl?: string
      readonly thumbMediaId: string
    }
  | {
      readonly type: 'news'
      readonly articles: readonly {
        readonly title?: string
        readonly description?: string
        readonly picUrl?: string
        readonly url?: string
      }[]
    }
  | { readonly type: 'transfer_customer_service'; readonly kfAccount?: string }

/** What one push came to. */
export interface PushResult {
  /** HTTP status of the last answer; null when none came (timeout, refused connection, no URL). */
  readonly status: number | null
  /** Tries made (WeChat: 3 in all when no answer comes in time). */
  readonly attempts: number
  /** The decoded passive reply; null for `success`, an empty answer, or a failure. */
  readonly reply: PushReply | null
  /** Why the answer was not a valid reply (`timeout`, `invalid reply: ...`), with what the follower sees. */
  readonly error?: string
  /** The start of the receiver's answer (200 characters) when it was not a valid reply. */
  readonly response?: string
  /** The message's 64-bit MsgId (messages only), decimal. */
  readonly msgId?: string
  /**
   * What went over the wire (absent when no URL was configured): the URL with its query
   * (signature, timestamp, nonce, and in safe mode msg_signature) and the body as posted (in safe
   * mode the ciphertext envelope). The console shows it.
   */
  readonly request?: { readonly url: string; readonly body: string }
  /** Real ms from the first try to the last answer (or give-up). */
  readonly durationMs?: number
}

/** A push the emulator made, as `control.pushes()` lists it. */
export interface PushRecord extends PushResult {
  readonly seq: number
  readonly appId: string
  /** `message`, or `event`. */
  readonly kind: 'message' | 'event'
  /** MsgType for messages, Event for events (`subscribe`, `SCAN`, `MASSSENDJOBFINISH` ...). */
  readonly type: string
  /** FromUserName: the follower (or `mphelper` for mass job results). */
  readonly from: string
  /** The fields pushed (before encryption), WeChat's names; 64-bit ids (MsgId, MsgID) as decimal strings. */
  readonly fields: Readonly<Record<string, unknown>>
  /** Emulator clock when the push was made, epoch ms. */
  readonly at: number
}

/**
 * A follower's message (接收普通消息), camelCase.
 * https://developers.weixin.qq.com/doc/service/guide/product/message/Receiving_standard_messages.html
 */
export type UserMessage =
  | { readonly msgType: 'text'; readonly content: string }
  | { readonly msgType: 'image'; readonly picUrl?: string; readonly mediaId?: string }
  | { readonly msgType: 'voice'; readonly mediaId?: string; readonly format?: string; readonly recognition?: string }
  | { readonly msgType: 'video' | 'shortvideo'; readonly mediaId?: string; readonly thumbMediaId?: string }
  | { readonly msgType: 'location'; readonly locationX: number; readonly locationY: number; readonly scale: number; readonly label: string }
  | { readonly msgType: 'link'; readonly title: string; readonly description: string; readonly url: string }

/**
 * A follower's action pushed as an event (接收事件推送).
 * https://developers.weixin.qq.com/doc/service/guide/product/message/Receiving_event_pushes.html
 */
export type UserEvent =
  | { readonly event: 'subscribe'; readonly scene?: string | number }
  | { readonly event: 'unsubscribe' }
  | { readonly event: 'scan'; readonly ticket: string }
  | { readonly event: 'CLICK'; readonly key: string }
  | { readonly event: 'VIEW'; readonly url: string; readonly menuId?: string }
  | { readonly event: 'LOCATION'; readonly latitude: number; readonly longitude: number; readonly precision: number }
