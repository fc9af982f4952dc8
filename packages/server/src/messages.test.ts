// toPush on WeChat's documented samples (XML as the doc prints it), one per kind.
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
// https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html (事件推送)
// https://developers.weixin.qq.com/doc/service/guide/product/message/Batch_Sends.html (事件推送群发结果)
// https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html (会话状态通知事件)
import { describe, expect, it } from 'vitest'
import { parseBody } from './internal/wire'
import { dedupKeyOf, isJobFinishOf, isQrScan, qrSceneOf, toPush, type Push } from './index'

const HEAD =
  '<ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>1348831860</CreateTime>'
function parse(inner: string): Push {
  const body = parseBody(`<xml>${HEAD}${inner}</xml>`)
  if (!body.ok) throw new Error(body.reason)
  return toPush(body.fields)
}

describe('messages', () => {
  it('maps a text message, its 64-bit MsgId kept exact', () => {
    expect(
      parse('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content><MsgId>9223372036854775807</MsgId>'),
    ).toMatchObject({
      msgType: 'text',
      content: 'this is a test',
      msgId: '9223372036854775807',
      toUserName: 'toUser',
      fromUserName: 'fromUser',
      createTime: 1348831860,
    })
  })

  it('maps a text message from an article with its MsgDataId and Idx', () => {
    expect(parse('<MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId><MsgDataId>xxxx</MsgDataId><Idx>2</Idx>')).toMatchObject({
      msgDataId: 'xxxx',
      idx: 2,
    })
  })

  it('maps an image message', () => {
    expect(
      parse(
        '<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[this is a url]]></PicUrl><MediaId><![CDATA[media_id]]></MediaId><MsgId>1234567890123456</MsgId>',
      ),
    ).toMatchObject({
      msgType: 'image',
      picUrl: 'this is a url',
      mediaId: 'media_id',
    })
  })

  it('maps a voice message with its speech recognition result', () => {
    const push = parse(
      '<MsgType>voice</MsgType><MediaId>media_id</MediaId><Format>Format</Format><Recognition><![CDATA[腾讯微信团队]]></Recognition><MsgId>1234567890123456</MsgId>',
    )
    expect(push).toMatchObject({ msgType: 'voice', mediaId: 'media_id', format: 'Format', recognition: '腾讯微信团队' })
  })

  it('maps video and shortvideo messages', () => {
    for (const kind of ['video', 'shortvideo'] as const) {
      expect(parse(`<MsgType>${kind}</MsgType><MediaId>m</MediaId><ThumbMediaId>t</ThumbMediaId><MsgId>1</MsgId>`)).toMatchObject({
        msgType: kind,
        mediaId: 'm',
        thumbMediaId: 't',
      })
    }
  })

  it('maps a location message to numbers', () => {
    expect(
      parse(
        '<MsgType>location</MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>1</MsgId>',
      ),
    ).toMatchObject({
      msgType: 'location',
      locationX: 23.134521,
      locationY: 113.358803,
      scale: 20,
      label: '位置信息',
    })
  })

  it('maps a link message', () => {
    expect(
      parse(
        '<MsgType>link</MsgType><Title>公众平台官网链接</Title><Description>公众平台官网链接</Description><Url>url</Url><MsgId>1</MsgId>',
      ),
    ).toMatchObject({
      msgType: 'link',
      title: '公众平台官网链接',
      url: 'url',
    })
  })

  it('passes an unknown message type through with its raw fields', () => {
    expect(parse('<MsgType>miniprogrampage</MsgType><Title>t</Title><MsgId>77</MsgId>')).toMatchObject({
      msgType: 'unknown',
      wireMsgType: 'miniprogrampage',
      msgId: '77',
      raw: { Title: 't' },
    })
  })
})

describe('events', () => {
  const event = (name: string, rest = '') => parse(`<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${name}]]></Event>${rest}`)

  it('gives the QR scene of a follow from a QR code', () => {
    const push = event('subscribe', '<EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>')
    expect(push).toMatchObject({ msgType: 'event', event: 'subscribe', eventKey: 'qrscene_123123', scene: '123123', ticket: 'TICKET' })
    expect(qrSceneOf(push)).toBe('123123')
    expect(isQrScan(push)).toBe(true)
  })

  it('gives no scene for a plain follow (an empty EventKey)', () => {
    const push = event('subscribe', '<EventKey><![CDATA[]]></EventKey>')
    expect(push).not.toHaveProperty('scene')
    expect(qrSceneOf(push)).toBeUndefined()
  })

  it('gives the scene of a scan by a follower', () => {
    expect(qrSceneOf(event('SCAN', '<EventKey><![CDATA[SCENE_VALUE]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>'))).toBe('SCENE_VALUE')
  })

  it('maps unsubscribe, LOCATION, CLICK and VIEW', () => {
    expect(event('unsubscribe')).toMatchObject({ event: 'unsubscribe' })
    expect(
      event('LOCATION', '<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>'),
    ).toMatchObject({
      event: 'LOCATION',
      latitude: 23.137466,
      longitude: 113.352425,
      precision: 119.38504,
    })
    expect(event('CLICK', '<EventKey><![CDATA[EVENTKEY]]></EventKey>')).toMatchObject({ event: 'CLICK', eventKey: 'EVENTKEY' })
    expect(event('VIEW', '<EventKey><![CDATA[www.qq.com]]></EventKey><MenuId>MENUID</MenuId>')).toMatchObject({
      event: 'VIEW',
      eventKey: 'www.qq.com',
      menuId: 'MENUID',
    })
  })

  it('maps scancode_waitmsg with its scan result', () => {
    const push = event(
      'scancode_waitmsg',
      '<EventKey>6</EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[2]]></ScanResult></ScanCodeInfo>',
    )
    expect(push).toMatchObject({ event: 'scancode_waitmsg', eventKey: '6', scanType: 'qrcode', scanResult: '2' })
  })

  it('maps pic_photo_or_album with every picture MD5', () => {
    const push = event(
      'pic_photo_or_album',
      '<EventKey>6</EventKey><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]></PicMd5Sum></item><item><PicMd5Sum>aa</PicMd5Sum></item></PicList></SendPicsInfo>',
    )
    expect(push).toMatchObject({ event: 'pic_photo_or_album', count: 2, picMd5Sums: ['5a75aaca956d97be686719218f275c6b', 'aa'] })
  })

  it('maps location_select with its POI name', () => {
    const push = event(
      'location_select',
      '<EventKey>6</EventKey><SendLocationInfo><Location_X>23</Location_X><Location_Y>113</Location_Y><Scale>15</Scale><Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label><Poiname><![CDATA[]]></Poiname></SendLocationInfo>',
    )
    expect(push).toMatchObject({
      event: 'location_select',
      locationX: 23,
      locationY: 113,
      scale: 15,
      label: ' 广州市海珠区客村艺苑路 106号',
    })
    expect(push).not.toHaveProperty('poiname')
  })

  it('maps view_miniprogram to its page path and menu id', () => {
    expect(event('view_miniprogram', '<EventKey><![CDATA[pages/index/index]]></EventKey><MenuId>MENUID</MenuId>')).toMatchObject({
      event: 'view_miniprogram',
      eventKey: 'pages/index/index',
      menuId: 'MENUID',
    })
  })

  it('maps a template job-finish event and matches it to the send by msgId', () => {
    const push = event('TEMPLATESENDJOBFINISH', '<MsgID>3487542469355618313</MsgID><Status><![CDATA[failed:user block]]></Status>')
    expect(push).toMatchObject({ event: 'TEMPLATESENDJOBFINISH', msgId: '3487542469355618313', status: 'failed:user block' })
    expect(isJobFinishOf(push, { msgId: '3487542469355618313' })).toBe(true)
    expect(isJobFinishOf(push, { msgId: '3487542469355618314' })).toBe(false)
  })

  it('maps a mass job-finish event with its counts', () => {
    const push = event(
      'MASSSENDJOBFINISH',
      '<MsgID>1000000003</MsgID><Status><![CDATA[send success]]></Status><TotalCount>4</TotalCount><FilterCount>4</FilterCount><SentCount>4</SentCount><ErrorCount>0</ErrorCount><CopyrightCheckResult><Count>0</Count><ResultList></ResultList><CheckState>0</CheckState></CopyrightCheckResult>',
    )
    expect(push).toMatchObject({
      event: 'MASSSENDJOBFINISH',
      msgId: '1000000003',
      status: 'send success',
      totalCount: 4,
      filterCount: 4,
      sentCount: 4,
      errorCount: 0,
    })
    expect(isJobFinishOf(push, { msgId: 1000000003 })).toBe(true)
  })

  it('refuses to compare a job-finish id with a number that lost digits', () => {
    const push = event('MASSSENDJOBFINISH', '<MsgID>3487542469355618313</MsgID>')
    expect(() => isJobFinishOf(push, { msgId: 3487542469355618313 })).toThrow(RangeError)
  })

  it('maps customer-service session events', () => {
    expect(event('kf_create_session', '<KfAccount><![CDATA[test1@test]]></KfAccount>')).toMatchObject({
      event: 'kf_create_session',
      kfAccount: 'test1@test',
    })
    expect(event('kf_switch_session', '<FromKfAccount>a@test</FromKfAccount><ToKfAccount>b@test</ToKfAccount>')).toMatchObject({
      fromKfAccount: 'a@test',
      toKfAccount: 'b@test',
    })
  })

  it('matches event names case-insensitively (WeChat has sent both spellings)', () => {
    expect(event('scan', '<EventKey>1</EventKey><Ticket>t</Ticket>')).toMatchObject({ event: 'SCAN', scene: '1' })
  })

  it('passes an unknown event through without throwing', () => {
    expect(event('user_authorization_revoke', '<OpenID>o1</OpenID><AppID>wx1</AppID>')).toMatchObject({
      msgType: 'unknown',
      wireMsgType: 'event',
      wireEvent: 'user_authorization_revoke',
      raw: { OpenID: 'o1', AppID: 'wx1' },
    })
  })
})

describe('dedup keys', () => {
  it('keys a message by MsgId and an event by sender, CreateTime and all its fields, sorted', () => {
    expect(dedupKeyOf(parse('<MsgType>text</MsgType><Content>x</Content><MsgId>42</MsgId>'))).toBe('msg:["toUser","fromUser"]"42"')
    const key = dedupKeyOf(parse('<MsgType>event</MsgType><Event>subscribe</Event>'))
    expect(key).toMatch(/^event:\["toUser","fromUser"\]1348831860\{/)
    expect(key).toContain('"Event":"subscribe"')
    expect(dedupKeyOf(parse('<Event>subscribe</Event><MsgType>event</MsgType>'))).toBe(key)
  })

  it('leaves a message without a MsgId undeduplicated, and keys an unknown message by its MsgId', () => {
    expect(dedupKeyOf(parse('<MsgType>text</MsgType><Content>x</Content>'))).toBeUndefined()
    expect(dedupKeyOf(parse('<MsgType>newkind</MsgType><MsgId>43</MsgId>'))).toBe('msg:["toUser","fromUser"]"43"')
  })

  it("keys an event's 64-bit numbers and nulls (a JSON push's) as text", () => {
    const body = parseBody(
      '{"ToUserName":"gh","FromUserName":"o","CreateTime":"1758783896","MsgType":"event","Event":"x_unknown","Big":3487542469355618313,"None":null}',
    )
    if (!body.ok) throw new Error(body.reason)
    const key = dedupKeyOf(toPush(body.fields))
    expect(key).toContain('"Big":"3487542469355618313"')
    expect(key).toContain('"None":null')
  })

  it('keeps two job-finish events of one second apart by their MsgID', () => {
    const a = parse('<MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>1</MsgID>')
    const b = parse('<MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>2</MsgID>')
    expect(dedupKeyOf(a)).not.toBe(dedupKeyOf(b))
  })
})

describe('JSON pushes', () => {
  it('keeps a bare 64-bit MsgID exact', () => {
    const body = parseBody(
      '{"ToUserName":"gh","FromUserName":"o","CreateTime":"1758783896","MsgType":"event","Event":"MASSSENDJOBFINISH","MsgID":3487542469355618313,"TotalCount":"296"}',
    )
    if (!body.ok) throw new Error(body.reason)
    expect(toPush(body.fields)).toMatchObject({ msgId: '3487542469355618313', createTime: 1758783896, totalCount: 296 })
  })
})
