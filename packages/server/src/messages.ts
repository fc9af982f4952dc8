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

// Each kind's fields as `name:WireName`, one table rather than a function per kind: `#` a number,
// `?` optional (left out when absent or empty), `A|B` the first of two spellings WeChat has used,
// `Outer.Inner` a nested element.
const VIDEO = 'mediaId:MediaId thumbMediaId:ThumbMediaId'
const SCANCODE = 'eventKey:EventKey scanType:ScanCodeInfo.ScanType scanResult:ScanCodeInfo.ScanResult'
const PIC = 'eventKey:EventKey #count:SendPicsInfo.Count'
const KF = 'kfAccount:KfAccount'
const VIEW = 'eventKey:EventKey ?menuId:MenuId|MenuID'
const MESSAGES: Readonly<Record<string, string>> = {
  text: 'content:Content',
  image: 'picUrl:PicUrl mediaId:MediaId',
  // The doc's prose spells it `Recongnition` once; its sample XML says `Recognition`.
  voice: 'mediaId:MediaId format:Format ?recognition:Recognition|Recongnition ?mediaId16K:MediaId16K',
  video: VIDEO,
  shortvideo: VIDEO,
  location: '#locationX:Location_X #locationY:Location_Y #scale:Scale label:Label',
  link: 'title:Title description:Description url:Url',
}
const EVENTS: Readonly<Record<string, string>> = {
  subscribe: '?eventKey:EventKey ?ticket:Ticket',
  unsubscribe: '',
  SCAN: 'eventKey:EventKey ticket:Ticket',
  LOCATION: '#latitude:Latitude #longitude:Longitude #precision:Precision',
  CLICK: 'eventKey:EventKey',
  VIEW,
  scancode_push: SCANCODE,
  scancode_waitmsg: SCANCODE,
  pic_sysphoto: PIC,
  pic_photo_or_album: PIC,
  pic_weixin: PIC,
  location_select:
    'eventKey:EventKey #locationX:SendLocationInfo.Location_X #locationY:SendLocationInfo.Location_Y #scale:SendLocationInfo.Scale label:SendLocationInfo.Label ?poiname:SendLocationInfo.Poiname',
  view_miniprogram: VIEW,
  TEMPLATESENDJOBFINISH: 'msgId:MsgID|MsgId status:Status',
  MASSSENDJOBFINISH: 'msgId:MsgID|MsgId status:Status #totalCount:TotalCount #filterCount:FilterCount #sentCount:SentCount #errorCount:ErrorCount',
  kf_create_session: KF,
  kf_close_session: KF,
  kf_switch_session: 'fromKfAccount:FromKfAccount toKfAccount:ToKfAccount',
}
// WeChat's event names in their own case; a push matches them case-insensitively.
const EVENT_NAMES = new Map(Object.keys(EVENTS).map((name) => [name.toLowerCase(), name]))

/** A wire value as a string: numbers and bigints (lossless JSON) written out, objects and absence as ''. */
function text(f: Fields | undefined, path: string): string {
  if (!path.includes('|') && !path.includes('.')) {
    const v = f?.[path]
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : ''
  }
  for (const name of path.split('|')) {
    let v: unknown = f
    for (const part of name.split('.')) v = typeof v === 'object' && v !== null ? (v as Fields)[part] : undefined
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return String(v)
  }
  return ''
}

type Rule = readonly [flag: string, name: string, path: string]
const rules = new Map<string, readonly Rule[]>()
/** A spec's rules, parsed once per spec string. */
function rulesOf(spec: string): readonly Rule[] {
  let parsed = rules.get(spec)
  if (!parsed) {
    parsed = spec
      .split(' ')
      .filter(Boolean)
      .map((item) => /^([#?]*)(\w+):(.+)$/.exec(item)!.slice(1) as unknown as Rule)
    rules.set(spec, parsed)
  }
  return parsed
}

function mapFields(f: Fields, spec: string, out: Record<string, unknown>): Record<string, unknown> {
  for (const [flag, name, path] of rulesOf(spec)) {
    const value = text(f, path)
    if (flag === '#') out[name] = Number.isFinite(Number(value)) && value !== '' ? Number(value) : 0
    else if (flag !== '?' || value !== '') out[name] = value
  }
  return out
}

/**
 * The typed push for WeChat's fields (a parsed XML `<xml>` element or JSON object). Pure; never
 * throws: a kind it does not know comes back as `msgType: 'unknown'`.
 *
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 */
export function toPush(fields: Fields): Push {
  const base: Record<string, unknown> = { toUserName: text(fields, 'ToUserName'), fromUserName: text(fields, 'FromUserName'), createTime: Number(text(fields, 'CreateTime')) || 0, raw: fields }
  const msgType = text(fields, 'MsgType')
  const msgId = text(fields, 'MsgId|MsgID')
  if (msgType !== 'event') {
    const spec = MESSAGES[msgType]
    if (spec === undefined) return { ...base, msgType: 'unknown', wireMsgType: msgType, ...(msgId ? { msgId } : {}) } as UnknownPush
    return mapFields(fields, spec + ' ?msgDataId:MsgDataId', { ...base, msgType, msgId, ...(text(fields, 'Idx') ? { idx: Number(text(fields, 'Idx')) } : {}) }) as unknown as Push
  }
  const wireEvent = text(fields, 'Event')
  const event = EVENT_NAMES.get(wireEvent.toLowerCase())
  if (event === undefined) return { ...base, msgType: 'unknown', wireMsgType: msgType, wireEvent, ...(msgId ? { msgId } : {}) } as UnknownPush
  const push = mapFields(fields, EVENTS[event] as string, { ...base, msgType, event })
  const key = push.eventKey as string | undefined
  // A QR code's scene: `qrscene_<scene>` on a follow, the bare scene on a follower's scan.
  if (event === 'subscribe' && key?.startsWith('qrscene_') && key.length > 8) push.scene = key.slice(8)
  if (event === 'SCAN') push.scene = key?.startsWith('qrscene_') ? key.slice(8) : key
  if (event.startsWith('pic_')) {
    const list = (fields.SendPicsInfo as Fields | undefined)?.PicList as Fields | undefined
    const items = Array.isArray(list?.item) ? (list.item as Fields[]) : []
    push.picMd5Sums = items.map((item) => text(item, 'PicMd5Sum'))
  }
  if (event === 'MASSSENDJOBFINISH' && fields.CopyrightCheckResult !== undefined) push.copyrightCheckResult = fields.CopyrightCheckResult
  return push as unknown as Push
}

/**
 * The key WeChat's doc recommends for recognising a retried push: `MsgId` for a message; for an
 * event `FromUserName` + `CreateTime` + `Event`, plus `EventKey` (two menu clicks by one follower
 * in one second are two pushes) and `MsgID` (job-finish events). Undefined for a message without a
 * usable `MsgId`: such a push is not deduplicated rather than merged with every other one.
 *
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 */
export function dedupKeyOf(push: Push): string | undefined {
  if (push.msgType !== 'event' && push.msgType !== 'unknown') return push.msgId ? `msg:${push.msgId}` : undefined
  if (push.msgType === 'unknown' && push.msgId) return `msg:${push.msgId}`
  // Events carry no id of their own: a retry repeats every field, two distinct pushes (two cards
  // received, two scans, two locations in one second) differ in at least one, so the key is the
  // sender, CreateTime and every field of the push, in canonical JSON (keys sorted at every level).
  return `event:${JSON.stringify([push.fromUserName, push.createTime])}${canonicalJson(push.raw)}`
}

/** JSON with object keys sorted at every level (bigints as strings): equal fields, equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'bigint' ? String(v) : typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  )
}

const BASE_SPEC = 'toUserName:ToUserName fromUserName:FromUserName #createTime:CreateTime msgType:MsgType ?event:Event ?msgId:MsgId|MsgID #?idx:Idx'

/**
 * Why `fields` is not a push WeChat would send, or undefined: a field this package maps (by kind)
 * that is an object, an array (an XML element given twice) or a non-finite number, or a
 * `CreateTime` that is not whole seconds. The server answers such a push 400; fields it does not
 * map are passed through in `raw` unchecked.
 */
export function wireProblem(fields: Fields): string | undefined {
  const msgType = text(fields, 'MsgType')
  const spec = msgType === 'event' ? EVENTS[EVENT_NAMES.get(text(fields, 'Event').toLowerCase()) ?? ''] : MESSAGES[msgType]
  for (const source of [BASE_SPEC, spec ?? '', msgType === 'event' ? '' : '?msgDataId:MsgDataId']) {
    for (const [flag, , path] of rulesOf(source)) {
      for (const name of path.split('|')) {
        let v: unknown = fields
        for (const part of name.split('.')) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields)[part] : undefined
        if (v === undefined) continue
        const shown = name.replace('.', ' ')
        if (typeof v === 'number' && !Number.isFinite(v)) return `field ${shown} is not a finite number`
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint') return `field ${shown} is ${Array.isArray(v) ? 'given more than once or as an array' : `a${typeof v === 'object' ? 'n object' : ` ${typeof v}`}`}, not a value`
        if (flag.includes('#') && String(v) !== '' && !Number.isFinite(Number(v))) return `field ${shown} is not a number`
      }
    }
  }
  const createTime = fields.CreateTime
  if (createTime !== undefined && !/^\d{1,12}$/.test(String(createTime))) return 'field CreateTime is not whole Unix seconds'
  return undefined
}
