// WeChat's fields to the typed push (push-types.ts), declared as data: one plain object per kind,
// our camelCase name beside WeChat's wire name (wechatpy's messages.py / events.py, in TypeScript).
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
import type { Push, UnknownPush } from './push-types'

type Fields = Readonly<Record<string, unknown>>

/**
 * One mapped field: WeChat's name for it (`Outer.Inner` for a nested element; a second name is
 * another spelling WeChat has used), read as a string or a number. An optional field is left out
 * when absent or empty; a required one reads as '' or 0 when absent. A number field that is present
 * but empty or not a number, a `shape` it does not match, or an absent `present` field is a
 * wireProblem (400): never a silent 0 or NaN.
 */
interface Field {
  /** Each name split at its dots (once, not per push). */
  readonly wire: readonly (readonly string[])[]
  readonly number?: boolean
  readonly optional?: boolean
  /** Must be given (wireProblem), for fields whose default (0) would mean something, e.g. "published". */
  readonly present?: boolean
  /** What the value's text must match, and what to call it when it does not. */
  readonly shape?: readonly [RegExp, string]
}
type Kind = Readonly<Record<string, Field>>
const field = (wire: readonly string[], rest?: Partial<Field>): Field => ({ wire: wire.map((path) => path.split('.')), ...rest })
const str = (...wire: string[]): Field => field(wire)
const num = (...wire: string[]): Field => field(wire, { number: true })
const opt = (field: Field): Field => ({ ...field, optional: true })
const must = (field: Field): Field => ({ ...field, present: true })
const WHOLE: readonly [RegExp, string] = [/^\d{1,15}$/, 'a whole number']
/** A non-negative integer (a status, an index): digits only, no sign, fraction or exponent. */
const whole = (...wire: string[]): Field => field(wire, { number: true, shape: WHOLE })
/** A decimal id kept as an exact string (64-bit ids do not fit a double). */
const id = (...wire: string[]): Field => field(wire, { shape: [/^\d{1,20}$/, 'a decimal id'] })

const BASE: Kind = { toUserName: str('ToUserName'), fromUserName: str('FromUserName'), createTime: num('CreateTime') }
const MESSAGE: Kind = { msgId: str('MsgId', 'MsgID'), msgDataId: opt(str('MsgDataId')), idx: opt(num('Idx')) }
const VIDEO: Kind = { mediaId: str('MediaId'), thumbMediaId: str('ThumbMediaId') }
const MESSAGES: Readonly<Record<string, Kind>> = {
  text: { content: str('Content') },
  image: { picUrl: str('PicUrl'), mediaId: str('MediaId') },
  // The doc's prose spells it `Recongnition` once; its sample XML says `Recognition`.
  voice: {
    mediaId: str('MediaId'),
    format: str('Format'),
    recognition: opt(str('Recognition', 'Recongnition')),
    mediaId16K: opt(str('MediaId16K')),
  },
  video: VIDEO,
  shortvideo: VIDEO,
  location: { locationX: num('Location_X'), locationY: num('Location_Y'), scale: num('Scale'), label: str('Label') },
  link: { title: str('Title'), description: str('Description'), url: str('Url') },
}

// Menu events: https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
const VIEW: Kind = { eventKey: str('EventKey'), menuId: opt(str('MenuId', 'MenuID')) }
const SCANCODE: Kind = { eventKey: str('EventKey'), scanType: str('ScanCodeInfo.ScanType'), scanResult: str('ScanCodeInfo.ScanResult') }
const PIC: Kind = { eventKey: str('EventKey'), count: num('SendPicsInfo.Count') }
const KF: Kind = { kfAccount: str('KfAccount') }
const JOB: Kind = { msgId: str('MsgID', 'MsgId'), status: str('Status') }
const PUBLISH = 'PublishEventInfo.'
const EVENTS: Readonly<Record<string, Kind>> = {
  subscribe: { eventKey: opt(str('EventKey')), ticket: opt(str('Ticket')) },
  unsubscribe: {},
  SCAN: { eventKey: str('EventKey'), ticket: str('Ticket') },
  LOCATION: { latitude: num('Latitude'), longitude: num('Longitude'), precision: num('Precision') },
  CLICK: { eventKey: str('EventKey') },
  VIEW,
  scancode_push: SCANCODE,
  scancode_waitmsg: SCANCODE,
  pic_sysphoto: PIC,
  pic_photo_or_album: PIC,
  pic_weixin: PIC,
  location_select: {
    eventKey: str('EventKey'),
    locationX: num('SendLocationInfo.Location_X'),
    locationY: num('SendLocationInfo.Location_Y'),
    scale: num('SendLocationInfo.Scale'),
    label: str('SendLocationInfo.Label'),
    poiname: opt(str('SendLocationInfo.Poiname')),
  },
  view_miniprogram: VIEW,
  TEMPLATESENDJOBFINISH: JOB,
  MASSSENDJOBFINISH: {
    ...JOB,
    totalCount: num('TotalCount'),
    filterCount: num('FilterCount'),
    sentCount: num('SentCount'),
    errorCount: num('ErrorCount'),
  },
  PUBLISHJOBFINISH: {
    publishId: must(id(PUBLISH + 'publish_id')),
    publishStatus: must(whole(PUBLISH + 'publish_status')),
    articleId: opt(str(PUBLISH + 'article_id')),
  },
  subscribe_msg_popup_event: {},
  subscribe_msg_change_event: {},
  subscribe_msg_sent_event: {},
  kf_create_session: KF,
  kf_close_session: KF,
  kf_switch_session: { fromKfAccount: str('FromKfAccount'), toKfAccount: str('ToKfAccount') },
}
// Lists inside a push: where they sit (XML wrapper, or the JSON form's top-level `List`) and each item's fields.
// https://developers.weixin.qq.com/doc/service/guide/product/subscription_messages/push.html
const SUBSCRIBE_LISTS: Readonly<Record<string, readonly [wrapper: string, item: Kind]>> = {
  subscribe_msg_popup_event: [
    'SubscribeMsgPopupEvent',
    { templateId: str('TemplateId'), subscribeStatus: str('SubscribeStatusString'), popupScene: opt(num('PopupScene')) },
  ],
  // The doc's change sample reuses the popup's wrapper name: either is read.
  subscribe_msg_change_event: ['SubscribeMsgChangeEvent', { templateId: str('TemplateId'), subscribeStatus: str('SubscribeStatusString') }],
  subscribe_msg_sent_event: [
    'SubscribeMsgSentEvent',
    { templateId: str('TemplateId'), msgId: str('MsgID', 'MsgId'), errorCode: num('ErrorCode'), errorStatus: str('ErrorStatus') },
  ],
}
const ARTICLE: Kind = { idx: whole('idx'), articleUrl: str('article_url') }

// WeChat's event names in their own case; a push matches them case-insensitively. The publish doc's
// sample says FREEPUBLISHJOBFINISH while WeChat sends PUBLISHJOBFINISH: both arrive as the latter.
const EVENT_NAMES = new Map([
  ...Object.keys(EVENTS).map((name) => [name.toLowerCase(), name] as const),
  ['freepublishjobfinish', 'PUBLISHJOBFINISH'],
])

/** The value at a dotted path (split at its dots), or undefined. */
function at(f: unknown, path: string | readonly string[]): unknown {
  let v = f
  for (const part of typeof path === 'string' ? path.split('.') : path)
    v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields)[part] : undefined
  return v
}

/** A wire value as a string: numbers and bigints (lossless JSON) written out; objects and absence as ''. */
function text(f: unknown, field: Field): string {
  for (const path of field.wire) {
    const v = at(f, path)
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return String(v)
  }
  return ''
}

function mapFields(f: unknown, kind: Kind, out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const name in kind) {
    const field = kind[name] as Field
    const value = text(f, field)
    if (field.optional && value === '') continue
    out[name] = field.number ? (value !== '' && Number.isFinite(Number(value)) ? Number(value) : 0) : value
  }
  return out
}

/** One element or several (XML), one object or an array (JSON): always an array. */
const listOf = (value: unknown): readonly unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value])

/** Where a subscription event's items are: its wrapper element (either spelling), or JSON's top-level `List`. */
function subscribeItems(fields: Fields, wrapper: string): readonly unknown[] {
  const box = fields[wrapper] ?? fields.SubscribeMsgPopupEvent
  return listOf(typeof box === 'object' && box !== null ? (box as Fields).List : fields.List)
}

const MSG_TYPE = str('MsgType')
const EVENT = str('Event')
const kindOf = (fields: Fields): Kind | undefined => {
  const msgType = text(fields, MSG_TYPE)
  // Own keys only: a MsgType named like Object's members (`constructor`, `toString`) is no kind.
  return msgType === 'event'
    ? EVENTS[EVENT_NAMES.get(text(fields, EVENT).toLowerCase()) ?? '']
    : Object.hasOwn(MESSAGES, msgType)
      ? MESSAGES[msgType]
      : undefined
}

// What every push is checked for, besides its kind's fields.
const COMMON: Kind = { ...BASE, msgType: MSG_TYPE, event: EVENT, ...MESSAGE }

/**
 * The typed push for WeChat's fields (a parsed XML `<xml>` element or JSON object). Pure; never
 * throws: a kind it does not know comes back as `msgType: 'unknown'`.
 *
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 */
export function toPush(fields: Fields): Push {
  const base = mapFields(fields, BASE, { raw: fields })
  const msgType = text(fields, MSG_TYPE)
  const msgId = text(fields, MESSAGE.msgId as Field)
  const wireEvent = text(fields, EVENT)
  const event = msgType === 'event' ? EVENT_NAMES.get(wireEvent.toLowerCase()) : undefined
  const kind = kindOf(fields)
  if (kind === undefined) {
    return {
      ...base,
      msgType: 'unknown',
      wireMsgType: msgType,
      ...(msgType === 'event' ? { wireEvent } : {}),
      ...(msgId ? { msgId } : {}),
    } as UnknownPush
  }
  if (event === undefined) {
    base.msgType = msgType
    return mapFields(fields, MESSAGE, mapFields(fields, kind, base)) as unknown as Push
  }
  base.msgType = msgType
  base.event = event
  const push = mapFields(fields, kind, base)
  const key = push.eventKey as string | undefined
  // A QR code's scene: `qrscene_<scene>` on a follow, the bare scene on a follower's scan.
  if (event === 'subscribe' && key?.startsWith('qrscene_') && key.length > 8) push.scene = key.slice(8)
  if (event === 'SCAN') push.scene = key?.startsWith('qrscene_') ? key.slice(8) : key
  if (event.startsWith('pic_'))
    push.picMd5Sums = listOf(at(fields, 'SendPicsInfo.PicList.item') ?? at(fields, 'SendPicsInfo.PicList')).map((item) =>
      text(item, str('PicMd5Sum')),
    )
  if (event === 'MASSSENDJOBFINISH' && fields.CopyrightCheckResult !== undefined) push.copyrightCheckResult = fields.CopyrightCheckResult
  if (event === 'PUBLISHJOBFINISH') {
    const items = listOf(at(fields, PUBLISH + 'article_detail.item'))
    if (items.length) push.articles = items.map((item) => mapFields(item, ARTICLE))
    const failed = listOf(at(fields, PUBLISH + 'fail_idx'))
    if (failed.length) push.failIdx = failed.map(Number)
  }
  const list = SUBSCRIBE_LISTS[event]
  if (list) push.list = subscribeItems(fields, list[0]).map((item) => mapFields(item, list[1]))
  return push as unknown as Push
}

/** Why one value of a mapped field is not a single value WeChat would send, or undefined. */
function valueProblem(v: unknown, field: Field, path: readonly string[]): string | undefined {
  if (v === undefined) return undefined
  const shown = path.join(' ')
  if (typeof v === 'number' && !Number.isFinite(v)) return `field ${shown} is not a finite number`
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint') {
    return `field ${shown} is ${Array.isArray(v) ? 'given more than once or as an array' : `a${typeof v === 'object' ? 'n object' : ` ${typeof v}`}`}, not a value`
  }
  const s = String(v)
  // An optional field given empty is absent; a required number given empty would read as 0; a
  // field that must be present (publish_id) must not be empty either.
  if (s === '' && field.number && !field.optional) return `field ${shown} is empty, not a number`
  if (s === '' && !field.present) return undefined
  if (field.number && !Number.isFinite(Number(v))) return `field ${shown} is not a number`
  if (field.shape && !field.shape[0].test(s)) return `field ${shown} is not ${field.shape[1]}`
  return undefined
}

function kindProblem(f: unknown, kind: Kind): string | undefined {
  for (const name in kind) {
    const field = kind[name] as Field
    let given = false
    for (const path of field.wire) {
      const v = at(f, path)
      given ||= v !== undefined
      const problem = valueProblem(v, field, path)
      if (problem) return problem
    }
    if (field.present && !given) return `field ${field.wire.map((path) => path.join(' ')).join(' or ')} is missing`
  }
  return undefined
}

const WHOLE_FIELD = whole()

/** Why one of a list's values (PUBLISHJOBFINISH's fail_idx) is not a whole number, or undefined. */
function wholeListProblem(values: readonly unknown[], path: readonly string[]): string | undefined {
  for (const v of values) {
    const problem = valueProblem(v, WHOLE_FIELD, path)
    if (problem) return problem
  }
  return undefined
}

/**
 * Why `fields` is not a push WeChat would send, or undefined: a field this package maps (by kind,
 * list items included) that is an object, an array (an XML element given twice), a number field
 * given empty or not a finite number, a value not of its field's shape (PUBLISHJOBFINISH's
 * `publish_id` a decimal id, `publish_status`, `idx` and `fail_idx` whole numbers), a missing
 * `publish_id` or `publish_status`, or a `CreateTime` that is not whole seconds. The server answers such a push 400; fields
 * it does not map are passed through in `raw` unchecked.
 */
export function wireProblem(fields: Fields): string | undefined {
  const event = EVENT_NAMES.get(text(fields, EVENT).toLowerCase())
  const list = event && SUBSCRIBE_LISTS[event]
  const problem =
    kindProblem(fields, COMMON) ??
    kindProblem(fields, kindOf(fields) ?? {}) ??
    (list
      ? subscribeItems(fields, list[0]).reduce<string | undefined>((found, item) => found ?? kindProblem(item, list[1]), undefined)
      : undefined) ??
    (event === 'PUBLISHJOBFINISH'
      ? (listOf(at(fields, PUBLISH + 'article_detail.item')).reduce<string | undefined>(
          (found, item) => found ?? kindProblem(item, ARTICLE),
          undefined,
        ) ?? wholeListProblem(listOf(at(fields, PUBLISH + 'fail_idx')), ['PublishEventInfo', 'fail_idx']))
      : undefined)
  if (problem) return problem
  const createTime = fields.CreateTime
  if (createTime !== undefined && !/^\d{1,12}$/.test(String(createTime))) return 'field CreateTime is not whole Unix seconds'
  return undefined
}
