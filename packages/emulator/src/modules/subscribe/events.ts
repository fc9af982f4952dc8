// The three subscription events, in the doc's XML (repeated <List> under a wrapper element) and
// JSON (a top-level `List` array) forms.
// https://developers.weixin.qq.com/doc/service/guide/product/subscription_messages/push.html
import { BY_FORMAT, Repeated } from '../../push/by-format'

type Item = Record<string, string | number | bigint>

/** XML keeps numbers bare (`<PopupScene>2</PopupScene>`); JSON lists every value as a string (64-bit MsgID). */
function eventFields(event: string, wrapper: string, items: readonly Item[]): Record<string | symbol, unknown> {
  const json = items.map((item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, String(v)])))
  return { MsgType: 'event', Event: event, [BY_FORMAT]: { xml: { [wrapper]: { List: new Repeated(items) } }, json: { List: json } } }
}

export const popupEvent = (choices: readonly { templateId: string; status: 'accept' | 'reject' }[], scene: 1 | 2) =>
  eventFields(
    'subscribe_msg_popup_event',
    'SubscribeMsgPopupEvent',
    choices.map((c) => ({ TemplateId: c.templateId, SubscribeStatusString: c.status, PopupScene: scene })),
  )

export const changeEvent = (templateIds: readonly string[]) =>
  eventFields(
    'subscribe_msg_change_event',
    'SubscribeMsgChangeEvent',
    templateIds.map((id) => ({ TemplateId: id, SubscribeStatusString: 'reject' })),
  )

export const sentEvent = (templateId: string, msgId: bigint, errorCode: number, errorStatus: string) =>
  eventFields('subscribe_msg_sent_event', 'SubscribeMsgSentEvent', [
    { TemplateId: templateId, MsgID: msgId, ErrorCode: errorCode, ErrorStatus: errorStatus },
  ])
