// kf sessions and the transcript refuse bad arguments before any request, naming them.
// https://developers.weixin.qq.com/doc/service/Customer_Service/Session_control.html (kf_account is prefix@wechatid)
// https://developers.weixin.qq.com/doc/service/Customer_Service/Obtain_chat_transcript.html (number ≤ 10000, one day at most)
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const day = { start: 1_700_000_000, end: 1_700_003_600 }

const rows: readonly BadInputRow[] = [
  ['a kf account without @', 'kfAccount must be "prefix@wechatid"', h.call('createKfSession', 'anna', 'oUser_0001')],
  ['an openid with a space', 'openid must be an openid', h.call('createKfSession', 'anna@test', 'o User')],
  ['close without the openid', 'openid must be a string, got undefined', h.call('closeKfSession', 'anna@test')],
  [
    'getKfSession with a misspelt option',
    'getKfSession options has no option "signl"',
    h.call('getKfSession', 'oUser_0001', { signl: undefined }),
  ],
  ['listKfSessions with an empty account', 'kfAccount must not be empty', h.call('listKfSessions', '')],
  [
    'a span of a day and a second',
    'range must span at most 24 hours (86400 s), got 86401 s',
    h.call('listMsgRecords', { start: 0, end: 86_401 }),
  ],
  [
    'an end before the start',
    'range.end must be at least 1700000000',
    h.call('listMsgRecords', { start: 1_700_000_000, end: 1_699_999_999 }),
  ],
  ['a start in milliseconds as a float', 'range.start must be an integer', h.call('listMsgRecords', { start: 1.5, end: 2 })],
  ['WeChat names in the range', 'range has no option "starttime"', h.call('listMsgRecords', { starttime: 0, endtime: 1 })],
  ['number 10001', 'number must be at most 10000, got 10001', h.call('listMsgRecords', day, { number: 10_001 })],
  ['msgId 0', 'msgId must be at least 1, got 0', h.call('listMsgRecords', day, { msgId: 0 })],
  [
    'the iterator given a msgId',
    'iterateMsgRecords options has no option "msgId"',
    () => (api.iterateMsgRecords as unknown as (...a: unknown[]) => AsyncGenerator)(h.wx, day, { msgId: 3 }).next(),
  ],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
