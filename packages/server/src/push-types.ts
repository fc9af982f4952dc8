// What WeChat pushes, as one discriminated union in camelCase: `msgType` tells messages apart,
// `event` tells events apart. Types only; the wire mapping is messages.ts. Received messages are
// `XxxPush` (TextPush, ...), so they never collide with @wxmp/core's outgoing `TextMessage` & co.;
// events keep WeChat's names (`SubscribeEvent`). README "Pushes: one typed union".

/** Fields every push carries. */
export interface PushBase {
  /** The account's original id (`gh_…`), WeChat's `ToUserName`. */
  readonly toUserName: string
  /** The follower's openid, WeChat's `FromUserName`. */
  readonly fromUserName: string
  /** When WeChat created the push, in Unix seconds. */
  readonly createTime: number
  /** Every field as WeChat sent it (XML element or JSON key names), for anything not mapped here. */
  readonly raw: Readonly<Record<string, unknown>>
}

/** Fields of a follower's message (普通消息). */
export interface MessagePushBase extends PushBase {
  /** 64-bit message id, as an exact decimal string: the dedup key of a message. */
  readonly msgId: string
  /** The article's data id when the message comes from an article (消息来自文章才有). */
  readonly msgDataId?: string
  /** The article's index (1-based) in a multi-article post, with `msgDataId`. */
  readonly idx?: number
}

export interface TextPush extends MessagePushBase {
  readonly msgType: 'text'
  readonly content: string
}
export interface ImagePush extends MessagePushBase {
  readonly msgType: 'image'
  readonly picUrl: string
  readonly mediaId: string
}
export interface VoicePush extends MessagePushBase {
  readonly msgType: 'voice'
  readonly mediaId: string
  /** `amr`, `speex`, … */
  readonly format: string
  /** Speech recognition result (UTF-8), when recognition is switched on for the account. */
  readonly recognition?: string
  /** The 16 kHz copy of the voice, when WeChat provides it. */
  readonly mediaId16K?: string
}
export interface VideoPush extends MessagePushBase {
  readonly msgType: 'video' | 'shortvideo'
  readonly mediaId: string
  readonly thumbMediaId: string
}
export interface LocationPush extends MessagePushBase {
  readonly msgType: 'location'
  /** Latitude (`Location_X`). */
  readonly locationX: number
  /** Longitude (`Location_Y`). */
  readonly locationY: number
  /** Map zoom level. */
  readonly scale: number
  readonly label: string
}
export interface LinkPush extends MessagePushBase {
  readonly msgType: 'link'
  readonly title: string
  readonly description: string
  readonly url: string
}

export type MessagePush = TextPush | ImagePush | VoicePush | VideoPush | LocationPush | LinkPush

interface EventBase extends PushBase {
  readonly msgType: 'event'
}

/**
 * A follow. From a QR code with a scene, `eventKey` is `qrscene_<scene>` and `scene` the scene
 * itself; a plain follow has neither.
 */
export interface SubscribeEvent extends EventBase {
  readonly event: 'subscribe'
  readonly eventKey?: string
  /** The QR code's scene (`scene_id` or `scene_str`, as a string), without the `qrscene_` prefix. */
  readonly scene?: string
  /** The QR code's ticket. */
  readonly ticket?: string
}
export interface UnsubscribeEvent extends EventBase {
  readonly event: 'unsubscribe'
}
/** A follower scanned a QR code with a scene while already following. */
export interface ScanEvent extends EventBase {
  readonly event: 'SCAN'
  readonly eventKey: string
  readonly scene: string
  readonly ticket: string
}
/** Location reported on entering the chat (when the follower allowed it). */
export interface LocationEvent extends EventBase {
  readonly event: 'LOCATION'
  readonly latitude: number
  readonly longitude: number
  /** Accuracy, in metres. */
  readonly precision: number
}
export interface ClickEvent extends EventBase {
  readonly event: 'CLICK'
  /** The menu button's `key`. */
  readonly eventKey: string
}
export interface ViewEvent extends EventBase {
  readonly event: 'VIEW'
  /** The URL opened. */
  readonly eventKey: string
  readonly menuId?: string
}
export interface ScanCodeEvent extends EventBase {
  readonly event: 'scancode_push' | 'scancode_waitmsg'
  readonly eventKey: string
  /** `qrcode`, `barcode`, … */
  readonly scanType: string
  readonly scanResult: string
}
export interface PicEvent extends EventBase {
  readonly event: 'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin'
  readonly eventKey: string
  readonly count: number
  /** MD5 of each picture sent. */
  readonly picMd5Sums: readonly string[]
}
export interface LocationSelectEvent extends EventBase {
  readonly event: 'location_select'
  readonly eventKey: string
  readonly locationX: number
  readonly locationY: number
  readonly scale: number
  readonly label: string
  /** Name of the point of interest, when one was picked. */
  readonly poiname?: string
}
export interface ViewMiniProgramEvent extends EventBase {
  readonly event: 'view_miniprogram'
  /** The mini-program page path. */
  readonly eventKey: string
  readonly menuId?: string
}
/** The result of a template message send (`MsgID` = the `msgid` the send returned). */
export interface TemplateSendJobFinishEvent extends EventBase {
  readonly event: 'TEMPLATESENDJOBFINISH'
  /** 64-bit, as an exact string: compare with `sendTemplateMessage`'s `msgId` (see `isJobFinishOf`). */
  readonly msgId: string
  /** `success`, `failed:user block`, `failed: system failed`, … as WeChat wrote it. */
  readonly status: string
}
/** The result of a mass send (`MsgID` = the `msg_id` the send returned). */
export interface MassSendJobFinishEvent extends EventBase {
  readonly event: 'MASSSENDJOBFINISH'
  readonly msgId: string
  /** `send success`, `send fail`, `err(<code>)`, … as WeChat wrote it. */
  readonly status: string
  /** Followers targeted. */
  readonly totalCount: number
  /** Followers left after filtering (the ones WeChat tried). */
  readonly filterCount: number
  readonly sentCount: number
  readonly errorCount: number
  /** The originality check's result, as WeChat sent it (`CopyrightCheckResult`). */
  readonly copyrightCheckResult?: unknown
}
/**
 * The result of a publish (发布能力, `freepublish/submit`). WeChat sends `PUBLISHJOBFINISH` (its doc's
 * sample says `FREEPUBLISHJOBFINISH`: both are accepted and arrive as `PUBLISHJOBFINISH`).
 * @see https://developers.weixin.qq.com/doc/offiaccount/Publish/Callback_on_finish.html
 */
export interface PublishJobFinishEvent extends EventBase {
  readonly event: 'PUBLISHJOBFINISH'
  /** `publish_id`, as an exact decimal string: compare with `submitPublish`'s (see `isPublishJobFinishOf`). */
  readonly publishId: string
  /** 0 success, 1 publishing, 2 originality check failed, 3 failed, 4 refused by review, 5/6 deleted or banned after success. */
  readonly publishStatus: number
  /** The published article's `article_id`, on success. */
  readonly articleId?: string
  /** Each article's index (1-based) and permanent URL, on success (`article_detail.item`). */
  readonly articles?: readonly { readonly idx: number; readonly articleUrl: string }[]
  /** Indexes of the articles that failed (`fail_idx`). */
  readonly failIdx?: readonly number[]
}
/** One template of a subscription pop-up (订阅通知弹窗) the follower answered. */
export interface SubscribeMsgPopupItem {
  readonly templateId: string
  /** `accept` or `reject`, as WeChat wrote it (`SubscribeStatusString`). */
  readonly subscribeStatus: string
  /** 1 an H5 page, 2 an article (`PopupScene`); WeChat has sent 0 as well. */
  readonly popupScene?: number
}
/** One template whose subscription the follower changed in the notification settings. */
export interface SubscribeMsgChangeItem {
  readonly templateId: string
  /** `reject` (the only change WeChat pushes). */
  readonly subscribeStatus: string
}
/** The delivery result of one subscription notification. */
export interface SubscribeMsgSentItem {
  readonly templateId: string
  /** 64-bit, as an exact string: the `msgid` the send returned. */
  readonly msgId: string
  /** 0 delivered; otherwise why not (`ErrorStatus` says it in words). */
  readonly errorCode: number
  readonly errorStatus: string
}
/**
 * Subscription notification events (订阅通知). Each carries a list: one item per template, even when
 * WeChat sent a single element (XML) or a single object (JSON).
 * @see https://developers.weixin.qq.com/doc/service/guide/product/subscription_messages/push.html
 */
export interface SubscribeMsgPopupEvent extends EventBase {
  readonly event: 'subscribe_msg_popup_event'
  readonly list: readonly SubscribeMsgPopupItem[]
}
export interface SubscribeMsgChangeEvent extends EventBase {
  readonly event: 'subscribe_msg_change_event'
  readonly list: readonly SubscribeMsgChangeItem[]
}
export interface SubscribeMsgSentEvent extends EventBase {
  readonly event: 'subscribe_msg_sent_event'
  readonly list: readonly SubscribeMsgSentItem[]
}
export interface KfSessionEvent extends EventBase {
  readonly event: 'kf_create_session' | 'kf_close_session'
  readonly kfAccount: string
}
export interface KfSwitchSessionEvent extends EventBase {
  readonly event: 'kf_switch_session'
  readonly fromKfAccount: string
  readonly toKfAccount: string
}

export type EventPush =
  | SubscribeEvent
  | UnsubscribeEvent
  | ScanEvent
  | LocationEvent
  | ClickEvent
  | ViewEvent
  | ScanCodeEvent
  | PicEvent
  | LocationSelectEvent
  | ViewMiniProgramEvent
  | TemplateSendJobFinishEvent
  | MassSendJobFinishEvent
  | PublishJobFinishEvent
  | SubscribeMsgPopupEvent
  | SubscribeMsgChangeEvent
  | SubscribeMsgSentEvent
  | KfSessionEvent
  | KfSwitchSessionEvent

/** A message or event kind this package does not map (yet): passed through, never refused. */
export interface UnknownPush extends PushBase {
  readonly msgType: 'unknown'
  /** WeChat's `MsgType`. */
  readonly wireMsgType: string
  /** WeChat's `Event`, for an event. */
  readonly wireEvent?: string
  readonly msgId?: string
}

/** Everything `handle` can receive. Narrow on `msgType`, then on `event`. */
export type Push = MessagePush | EventPush | UnknownPush
