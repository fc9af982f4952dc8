// The events other packages rely on (@wxmp/publish, @wxmp/subscribe, @wxmp/menu), on WeChat's
// documented samples in XML and in the JSON form, through the same parse + map as the server.
import { describe, expect, expectTypeOf, it } from 'vitest'
import { parseBody } from './internal/wire'
import { isPublishJobFinishOf, toPush, type Push } from './index'
import { wireProblem } from './messages'

function push(body: string): Push {
  const parsed = parseBody(body)
  if (!parsed.ok) throw new Error(parsed.reason)
  const problem = wireProblem(parsed.fields)
  if (problem) throw new Error(problem)
  return toPush(parsed.fields)
}

// https://developers.weixin.qq.com/doc/offiaccount/Publish/Callback_on_finish.html — the sample as
// WeChat really sends it (Event PUBLISHJOBFINISH; the doc's own sample says FREEPUBLISHJOBFINISH),
// quoted in https://developers.weixin.qq.com/community/minihome/doc/00000c2a54c2a83059ecb9ba056c00
const PUBLISH_XML = (event: string, publishId = '2247483760') =>
  `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName><CreateTime>1481013459</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event><PublishEventInfo><publish_id>${publishId}</publish_id><publish_status>0</publish_status><article_id><![CDATA[b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy2xUIWA]]></article_id><article_detail><count>1</count><item><idx>1</idx><article_url><![CDATA[https://mp.weixin.qq.com/s/ArticleURL]]></article_url></item></article_detail></PublishEventInfo></xml>`

describe('PUBLISHJOBFINISH (发布能力 事件推送)', () => {
  it('maps the XML push with its article list, the publish id an exact string', () => {
    expect(push(PUBLISH_XML('PUBLISHJOBFINISH', '9223372036854775807'))).toMatchObject({
      msgType: 'event',
      event: 'PUBLISHJOBFINISH',
      publishId: '9223372036854775807',
      publishStatus: 0,
      articleId: 'b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy2xUIWA',
      articles: [{ idx: 1, articleUrl: 'https://mp.weixin.qq.com/s/ArticleURL' }],
    })
  })

  it("accepts the doc sample's FREEPUBLISHJOBFINISH spelling as PUBLISHJOBFINISH", () => {
    expect(push(PUBLISH_XML('FREEPUBLISHJOBFINISH'))).toMatchObject({ event: 'PUBLISHJOBFINISH', publishId: '2247483760' })
  })

  it('maps the JSON form, a failed publish with its fail_idx, and a bare 64-bit publish_id', () => {
    const json =
      '{"ToUserName":"gh","FromUserName":"o","CreateTime":1481013459,"MsgType":"event","Event":"PUBLISHJOBFINISH","PublishEventInfo":{"publish_id":18446744073709551615,"publish_status":2,"fail_idx":[1,2]}}'
    const p = push(json)
    expect(p).toMatchObject({ event: 'PUBLISHJOBFINISH', publishId: '18446744073709551615', publishStatus: 2, failIdx: [1, 2] })
    expect(p).not.toHaveProperty('articles')
    expect(p).not.toHaveProperty('articleId')
  })

  it('ties the event to the publish that returned its id (isPublishJobFinishOf)', () => {
    const p = push(PUBLISH_XML('PUBLISHJOBFINISH'))
    expect(isPublishJobFinishOf(p, '2247483760')).toBe(true)
    expect(isPublishJobFinishOf(p, { publishId: 2247483760 })).toBe(true)
    expect(isPublishJobFinishOf(p, 2247483761n)).toBe(false)
    if (isPublishJobFinishOf(p, '2247483760')) expectTypeOf(p.publishStatus).toEqualTypeOf<number>()
  })

  // An empty or missing publish_status used to read as 0, "published"; garbage ids, indexes and
  // statuses passed or became NaN. Each is refused (the server answers 400), never guessed.
  const INFO = (info: string) =>
    `<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o]]></FromUserName><CreateTime>1481013459</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo>${info}</PublishEventInfo></xml>`
  it.each([
    ['<publish_id>123</publish_id>', 'field PublishEventInfo publish_status is missing'],
    ['<publish_id>123</publish_id><publish_status></publish_status>', 'field PublishEventInfo publish_status is empty, not a number'],
    ['<publish_id>123</publish_id><publish_status>1.5</publish_status>', 'field PublishEventInfo publish_status is not a whole number'],
    ['<publish_id>123</publish_id><publish_status>-0</publish_status>', 'field PublishEventInfo publish_status is not a whole number'],
    ['<publish_status>0</publish_status>', 'field PublishEventInfo publish_id is missing'],
    ['<publish_id></publish_id><publish_status>0</publish_status>', 'field PublishEventInfo publish_id is not a decimal id'],
    ['<publish_id>-1e99</publish_id><publish_status>0</publish_status>', 'field PublishEventInfo publish_id is not a decimal id'],
    [
      '<publish_id>123</publish_id><publish_status>2</publish_status><fail_idx>x</fail_idx>',
      'field PublishEventInfo fail_idx is not a number',
    ],
    [
      '<publish_id>123</publish_id><publish_status>2</publish_status><fail_idx>1</fail_idx><fail_idx>2.5</fail_idx>',
      'field PublishEventInfo fail_idx is not a whole number',
    ],
    [
      '<publish_id>123</publish_id><publish_status>0</publish_status><article_detail><item><idx></idx><article_url>u</article_url></item></article_detail>',
      'field idx is empty, not a number',
    ],
    [
      '<publish_id>123</publish_id><publish_status>0</publish_status><article_detail><item><idx>1e0</idx><article_url>u</article_url></item></article_detail>',
      'field idx is not a whole number',
    ],
  ])('refuses PublishEventInfo %s', (info, reason) => {
    expect(() => push(INFO(info))).toThrow(reason)
  })

  it('refuses a JSON publish_status given as a string that is not a whole number, or null', () => {
    const json = (status: string) =>
      `{"ToUserName":"gh","FromUserName":"o","CreateTime":1,"MsgType":"event","Event":"PUBLISHJOBFINISH","PublishEventInfo":{"publish_id":1,"publish_status":${status}}}`
    expect(() => push(json('""'))).toThrow('publish_status is empty')
    expect(() => push(json('null'))).toThrow()
    expect(push(json('3'))).toMatchObject({ publishId: '1', publishStatus: 3 })
  })

  it('reads several XML fail_idx elements as whole numbers', () => {
    expect(
      push(INFO('<publish_id>123</publish_id><publish_status>2</publish_status><fail_idx>1</fail_idx><fail_idx>3</fail_idx>')),
    ).toMatchObject({ publishStatus: 2, failIdx: [1, 3] })
  })

  it('refuses any mapped number field given empty, as it refuses garbage (MASSSENDJOBFINISH SentCount)', () => {
    const mass = (sent: string) =>
      `<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>MASSSENDJOBFINISH</Event><MsgID>1</MsgID><Status>send success</Status><TotalCount>2</TotalCount><FilterCount>2</FilterCount><SentCount>${sent}</SentCount><ErrorCount>0</ErrorCount></xml>`
    expect(() => push(mass(''))).toThrow('field SentCount is empty, not a number')
    expect(() => push(mass('x'))).toThrow('field SentCount is not a number')
    expect(push(mass('2'))).toMatchObject({ sentCount: 2 })
  })
})

// https://developers.weixin.qq.com/doc/service/guide/product/subscription_messages/push.html
const HEAD =
  '<ToUserName><![CDATA[gh_123456789abc]]></ToUserName><FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName><CreateTime>1610969440</CreateTime><MsgType><![CDATA[event]]></MsgType>'

describe('subscription notification events (订阅通知)', () => {
  it('maps the popup event with two List elements', () => {
    const xml = `<xml>${HEAD}<Event><![CDATA[subscribe_msg_popup_event]]></Event><SubscribeMsgPopupEvent><List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>2</PopupScene></List><List><TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent></xml>`
    expect(push(xml)).toMatchObject({
      event: 'subscribe_msg_popup_event',
      list: [
        { templateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', subscribeStatus: 'accept', popupScene: 2 },
        { templateId: '9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI', subscribeStatus: 'reject', popupScene: 2 },
      ],
    })
  })

  it("maps the change event's single List element to a list of one (under the doc sample's popup wrapper too)", () => {
    const item =
      '<List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString></List>'
    for (const wrapper of ['SubscribeMsgChangeEvent', 'SubscribeMsgPopupEvent']) {
      expect(push(`<xml>${HEAD}<Event><![CDATA[subscribe_msg_change_event]]></Event><${wrapper}>${item}</${wrapper}></xml>`)).toMatchObject(
        {
          event: 'subscribe_msg_change_event',
          list: [{ templateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', subscribeStatus: 'reject' }],
        },
      )
    }
  })

  it("maps the sent event's delivery result, its 64-bit MsgID exact", () => {
    const xml = `<xml>${HEAD}<Event><![CDATA[subscribe_msg_sent_event]]></Event><SubscribeMsgSentEvent><List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId><MsgID>1700827132819554304</MsgID><ErrorCode>0</ErrorCode><ErrorStatus><![CDATA[success]]></ErrorStatus></List></SubscribeMsgSentEvent></xml>`
    expect(push(xml)).toMatchObject({
      event: 'subscribe_msg_sent_event',
      list: [
        { templateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', msgId: '1700827132819554304', errorCode: 0, errorStatus: 'success' },
      ],
    })
  })

  it('reads the JSON form, where List sits at the top, as an object (one item) or an array', () => {
    const base = '"ToUserName":"gh_123456789abc","FromUserName":"o7esq5OI1Uej6Xixw1lA2H7XDVbc","CreateTime":"1620973045","MsgType":"event"'
    const one = push(
      `{${base},"Event":"subscribe_msg_popup_event","List":{"TemplateId":"hD-ixGOhYmUfjOnI8MCzQMPshzGVeux_2vzyvQu7O68","SubscribeStatusString":"accept","PopupScene":"0"}}`,
    )
    expect(one).toMatchObject({
      list: [{ templateId: 'hD-ixGOhYmUfjOnI8MCzQMPshzGVeux_2vzyvQu7O68', subscribeStatus: 'accept', popupScene: 0 }],
    })
    const many = push(
      `{${base},"Event":"subscribe_msg_sent_event","List":[{"TemplateId":"a","MsgID":1700827132819554304,"ErrorCode":43101,"ErrorStatus":"failed:user block"},{"TemplateId":"b","MsgID":"2","ErrorCode":0,"ErrorStatus":"success"}]}`,
    )
    expect(many).toMatchObject({
      list: [
        { templateId: 'a', msgId: '1700827132819554304', errorCode: 43101, errorStatus: 'failed:user block' },
        { templateId: 'b', msgId: '2' },
      ],
    })
  })

  it('refuses a list item whose field is not a single value', () => {
    const parsed = parseBody(
      `<xml>${HEAD}<Event>subscribe_msg_sent_event</Event><SubscribeMsgSentEvent><List><TemplateId>a</TemplateId><TemplateId>b</TemplateId><MsgID>1</MsgID></List></SubscribeMsgSentEvent></xml>`,
    )
    expect(parsed.ok && wireProblem(parsed.fields)).toBe('field TemplateId is given more than once or as an array, not a value')
  })
})

// https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
describe('menu events keep the doc fields', () => {
  it('maps view_miniprogram: the page path in EventKey and the MenuId', () => {
    expect(
      push(
        `<xml>${HEAD}<Event><![CDATA[view_miniprogram]]></Event><EventKey><![CDATA[pages/index/index]]></EventKey><MenuId>MENUID</MenuId></xml>`,
      ),
    ).toMatchObject({
      event: 'view_miniprogram',
      eventKey: 'pages/index/index',
      menuId: 'MENUID',
    })
  })
})
