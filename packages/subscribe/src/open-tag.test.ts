// The open tag's success detail, as pages receive it (a JSON string of JSON strings).
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_Open_Tag.html
import { describe, expect, it } from 'vitest'
import { parseSubscribeDetails } from './open-tag'

const detail = {
  errMsg: 'subscribe:ok',
  subscribeDetails:
    '{"TenvU22BA1jCp4YHfYEpRuESXYReQyDuhs4vbdWA99I":"{\\"status\\":\\"accept\\"}","9nLIlbOQ":"{\\"status\\":\\"reject\\"}"}',
}

describe('parseSubscribeDetails', () => {
  it("reads each template's status from the event detail", () => {
    expect(parseSubscribeDetails(detail)).toEqual([
      { templateId: 'TenvU22BA1jCp4YHfYEpRuESXYReQyDuhs4vbdWA99I', status: 'accept', accepted: true },
      { templateId: '9nLIlbOQ', status: 'reject', accepted: false },
    ])
  })

  it('counts acceptWithAlert as accepted', () => {
    expect(parseSubscribeDetails('{"a":"{\\"status\\":\\"acceptWithAlert\\"}"}')[0]?.accepted).toBe(true)
  })

  it('throws a TypeError for a detail that is not JSON', () => {
    expect(() => parseSubscribeDetails({ subscribeDetails: 'not json' })).toThrow(
      new TypeError('subscribeDetails must be JSON, got a string of 8 characters'),
    )
  })

  it('throws a TypeError for a template without a status', () => {
    expect(() => parseSubscribeDetails('{"a":"{}"}')).toThrow('subscribeDetails.a.status must be a string')
  })
})
