// What WeChat pushes, as one discriminated union in camelCase: `msgType` tells messages apart,
// `event` tells events apart. 64-bit ids stay exact strings. An unknown kind never throws: it
// arrives as `msgType: 'unknown'` with WeChat's names kept (`wireMsgType`, `wireEvent`) and `raw`.

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
export interface MessageBase extends PushBase {
  /** 64-bit message id, as an exact decimal string: the dedup key of a message. */
  readonly msgId: string
  /** The article's data id when the message comes from an article (消息来自文章才有). */
  readonly msgDataId?: string
  /** The article's index (1-based) in a multi-article post, with `msgDataId`. */
  readonly idx?: number
}

export interface TextMessage extends MessageBase {
  readonly msgType: 'text'
  readonly content: string
}
export interface ImageMessage extends MessageBase {
  readonly msgType: 'image'
  readonly picUrl: string
  readonly mediaId: string
}
export interface VoiceMessage extends MessageBase {
  readonly msgType: 'voice'
  readonly mediaId: string
  /** `amr`, `speex`, … */
  readonly format: string
  /** Speech recognition result (UTF-8), when recognition is switched on for the account. */
  readonly recognition?: string
  /** The 16 kHz copy of the voice, when WeChat provides it. */
  readonly mediaId16K?: string
}
export interface VideoMessage extends MessageBase {
  readonly msgType: 'video' | 'shortvideo'
  readonly mediaId: string
  readonly thumbMediaId: string
}
export interface LocationMessage extends MessageBase {
  readonly msgType: 'location'
  /** Latitude (`Location_X`). */
  readonly locationX: number
  /** Longitude (`Location_Y`). */
  readonly locationY: number
  /** Map zoom level. */
  readonly scale: number
  readonly label: string
}
export interface LinkMessage extends MessageBase {
  readonly msgType: 'link'
  readonly title: string
  readonly description: string
  readonly url: string
}

export type PushMessage = TextMessage | ImageMessage | VoiceMessage | VideoMessage | LocationMessage | LinkMessage

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
export interface KfSessionEvent extends EventBase {
  readonly event: 'kf_create_session' | 'kf_close_session'
  readonly kfAccount: string
}
export interface KfSwitchSessionEvent extends EventBase {
  readonly event: 'kf_switch_session'
  readonly fromKfAccount: string
  readonly toKfAccount: string
}

export type PushEvent =
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
export type Push = PushMessage | PushEvent | UnknownPush

// ---- wire to typed ----

type Fields = Readonly<Record<string, unknown>>

const str = (f: Fields, name: string): string => {
  const v = f[name]
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : ''
}
const opt = (f: Fields, name: string): string | undefined => (f[name] === undefined || f[name] === null ? undefined : str(f, name))
const num = (f: Fields, name: string): number => {
  const v = Number(str(f, name))
  return Number.isFinite(v) ? v : 0
}
const obj = (f: Fields, name: string): Fields => {
  const v = f[name]
  return typeof v === 'object' && v !== null ? (v as Fields) : {}
}
/** `value` without the keys whose value is undefined (exactOptionalPropertyTypes). */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> }
const defined = <T extends object>(value: T): Defined<T> => {
  for (const key of Object.keys(value)) if ((value as Record<string, unknown>)[key] === undefined) delete (value as Record<string, unknown>)[key]
  return value as Defined<T>
}

const EVENTS = new Map(
  [
    'subscribe', 'unsubscribe', 'SCAN', 'LOCATION', 'CLICK', 'VIEW', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto',
    'pic_photo_or_album', 'pic_weixin', 'location_select', 'view_miniprogram', 'TEMPLATESENDJOBFINISH', 'MASSSENDJOBFINISH',
    'kf_create_session', 'kf_close_session', 'kf_switch_session',
  ].map((name) => [name.toLowerCase(), name] as const),
)

/**
 * The typed push for WeChat's fields (a parsed XML `<xml>` element or JSON object). Pure; never
 * throws: a kind it does not know comes back as `msgType: 'unknown'`.
 *
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 */
export function toPush(fields: Fields): Push {
  const base: PushBase = { toUserName: str(fields, 'ToUserName'), fromUserName: str(fields, 'FromUserName'), createTime: num(fields, 'CreateTime'), raw: fields }
  const msgType = str(fields, 'MsgType')
  if (msgType === 'event') return toEvent(fields, base)
  const message = {
    ...base,
    msgId: str(fields, 'MsgId') || str(fields, 'MsgID'),
    ...(opt(fields, 'MsgDataId') ? { msgDataId: str(fields, 'MsgDataId') } : {}),
    ...(opt(fields, 'Idx') ? { idx: num(fields, 'Idx') } : {}),
  }
  switch (msgType) {
    case 'text':
      return { ...message, msgType, content: str(fields, 'Content') }
    case 'image':
      return { ...message, msgType, picUrl: str(fields, 'PicUrl'), mediaId: str(fields, 'MediaId') }
    case 'voice':
      return defined({
        ...message,
        msgType,
        mediaId: str(fields, 'MediaId'),
        format: str(fields, 'Format'),
        // The doc's prose spells it `Recongnition` once; the sample XML says `Recognition`.
        recognition: opt(fields, 'Recognition') ?? opt(fields, 'Recongnition'),
        mediaId16K: opt(fields, 'MediaId16K'),
      })
    case 'video':
    case 'shortvideo':
      return { ...message, msgType, mediaId: str(fields, 'MediaId'), thumbMediaId: str(fields, 'ThumbMediaId') }
    case 'location':
      return { ...message, msgType, locationX: num(fields, 'Location_X'), locationY: num(fields, 'Location_Y'), scale: num(fields, 'Scale'), label: str(fields, 'Label') }
    case 'link':
      return { ...message, msgType, title: str(fields, 'Title'), description: str(fields, 'Description'), url: str(fields, 'Url') }
    default:
      return { ...base, msgType: 'unknown', wireMsgType: msgType, ...(message.msgId ? { msgId: message.msgId } : {}) }
  }
}

function toEvent(f: Fields, base: PushBase): Push {
  const wireEvent = str(f, 'Event')
  const event = EVENTS.get(wireEvent.toLowerCase())
  const e = { ...base, msgType: 'event' as const }
  switch (event) {
    case 'subscribe': {
      const eventKey = opt(f, 'EventKey')
      const scene = eventKey?.startsWith('qrscene_') ? eventKey.slice('qrscene_'.length) : undefined
      return defined({ ...e, event, eventKey: eventKey || undefined, scene: scene || undefined, ticket: opt(f, 'Ticket') || undefined })
    }
    case 'unsubscribe':
      return { ...e, event }
    case 'SCAN': {
      const eventKey = str(f, 'EventKey')
      return { ...e, event, eventKey, scene: eventKey.startsWith('qrscene_') ? eventKey.slice(8) : eventKey, ticket: str(f, 'Ticket') }
    }
    case 'LOCATION':
      return { ...e, event, latitude: num(f, 'Latitude'), longitude: num(f, 'Longitude'), precision: num(f, 'Precision') }
    case 'CLICK':
      return { ...e, event, eventKey: str(f, 'EventKey') }
    case 'VIEW':
      return defined({ ...e, event, eventKey: str(f, 'EventKey'), menuId: opt(f, 'MenuId') ?? opt(f, 'MenuID') })
    case 'view_miniprogram':
      return defined({ ...e, event, eventKey: str(f, 'EventKey'), menuId: opt(f, 'MenuId') ?? opt(f, 'MenuID') })
    case 'scancode_push':
    case 'scancode_waitmsg': {
      const info = obj(f, 'ScanCodeInfo')
      return { ...e, event, eventKey: str(f, 'EventKey'), scanType: str(info, 'ScanType'), scanResult: str(info, 'ScanResult') }
    }
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin': {
      const info = obj(f, 'SendPicsInfo')
      const list = obj(info, 'PicList').item ?? info.PicList
      const items = Array.isArray(list) ? (list as Fields[]) : []
      return { ...e, event, eventKey: str(f, 'EventKey'), count: num(info, 'Count'), picMd5Sums: items.map((item) => str(item, 'PicMd5Sum')) }
    }
    case 'location_select': {
      const info = obj(f, 'SendLocationInfo')
      return defined({
        ...e,
        event,
        eventKey: str(f, 'EventKey'),
        locationX: num(info, 'Location_X'),
        locationY: num(info, 'Location_Y'),
        scale: num(info, 'Scale'),
        label: str(info, 'Label'),
        poiname: opt(info, 'Poiname') || undefined,
      })
    }
    case 'TEMPLATESENDJOBFINISH':
      return { ...e, event, msgId: str(f, 'MsgID') || str(f, 'MsgId'), status: str(f, 'Status') }
    case 'MASSSENDJOBFINISH':
      return defined({
        ...e,
        event,
        msgId: str(f, 'MsgID') || str(f, 'MsgId'),
        status: str(f, 'Status'),
        totalCount: num(f, 'TotalCount'),
        filterCount: num(f, 'FilterCount'),
        sentCount: num(f, 'SentCount'),
        errorCount: num(f, 'ErrorCount'),
        copyrightCheckResult: f.CopyrightCheckResult,
      })
    case 'kf_create_session':
    case 'kf_close_session':
      return { ...e, event, kfAccount: str(f, 'KfAccount') }
    case 'kf_switch_session':
      return { ...e, event, fromKfAccount: str(f, 'FromKfAccount'), toKfAccount: str(f, 'ToKfAccount') }
    default:
      return defined({ ...base, msgType: 'unknown' as const, wireMsgType: 'event', wireEvent, msgId: opt(f, 'MsgID') ?? opt(f, 'MsgId') })
  }
}

/**
 * The key WeChat's doc recommends for recognising a retried push: `MsgId` for a message,
 * `FromUserName` + `CreateTime` (+ `Event`) for an event.
 */
export function dedupKeyOf(push: Push): string {
  if (push.msgType !== 'event' && push.msgType !== 'unknown') return `msg:${push.msgId}`
  if (push.msgType === 'unknown' && push.msgId) return `msg:${push.msgId}`
  const event = push.msgType === 'event' ? push.event : (push.wireEvent ?? push.wireMsgType)
  // Two job-finish events for one follower can share a second: their MsgID tells them apart.
  const id = 'msgId' in push && push.msgId ? `:${push.msgId}` : ''
  return `event:${push.fromUserName}:${push.createTime}:${event}${id}`
}
