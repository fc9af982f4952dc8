// Every bad argument is refused before any request, with a message naming it and the limit.
// Value rules (订阅通知参数值内容限制): https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
// limit ≤ 30: https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getpubnewtemplatetitles.html
// kidList 2-5, sceneDesc ≤ 15: https://developers.weixin.qq.com/doc/service/api/notify/notify/api_addwxanewtemplate.html
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow, type Loose } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const send = api.sendSubscribeMessage as Loose
const ok = { openid: 'oUser_0001', templateId: 'TPL_1', data: { thing1: 'Headphones' } }
const msg = (extra: Record<string, unknown>) => send(h.wx, { ...ok, ...extra })
const value = (key: string, v: unknown) => () => msg({ data: { [key]: v } })

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  ['null message', 'message must be an object, got null', () => send(h.wx, null)],
  ['a misspelt message field', 'message has no option "templateID" (did you mean "templateId"?)', () => msg({ templateID: 'x' })],
  ['WeChat spelling touser', 'message has no option "touser"', () => msg({ touser: 'oUser' })],
  ['an unknown option', 'sendSubscribeMessage options has no option "retry"', () => send(h.wx, ok, { retry: 2 })],
  ['openid with a space', 'openid must be an openid', () => msg({ openid: 'o User' })],
  ['templateId empty', 'templateId must not be empty', () => msg({ templateId: '' })],
  ['templateId with a slash', 'templateId must be a template id', () => msg({ templateId: '../x' })],
  ['data null', 'data must be an object of key → value, got null', () => msg({ data: null })],
  ['data empty', 'data must have at least 1 key', () => msg({ data: {} })],
  [
    'a data key __proto__',
    'data keys must be template keywords like thing1 or time2',
    () => msg({ data: JSON.parse('{"__proto__": "x"}') as unknown }),
  ],
  [
    'a data value as WeChat object',
    'data.thing1 must be a string, a finite number or a Date, got an object',
    value('thing1', { value: 'x' }),
  ],
  ['a thing of 21 characters', 'data.thing1 must be at most 20 characters, got 21', value('thing1', 'x'.repeat(21))],
  ['an empty thing', 'data.thing1 must not be empty', value('thing1', '')],
  ['a number of 33 digits', 'data.number2 must be at most 32 characters, got 33', value('number2', '1'.repeat(33))],
  ['a number with letters', 'data.number2 must be a number', value('number2', '12a')],
  ['a letter of 33', 'data.letter3 must be at most 32 characters, got 33', value('letter3', 'a'.repeat(33))],
  ['a letter with a digit', 'data.letter3 must be letters only', value('letter3', 'ab1')],
  ['a symbol of 6', 'data.symbol4 must be at most 5 characters, got 6', value('symbol4', '!!!!!!')],
  ['a symbol with a letter', 'data.symbol4 must be symbols only', value('symbol4', '!a')],
  ['a character_string of 33', 'data.character_string5 must be at most 32 characters, got 33', value('character_string5', 'A'.repeat(33))],
  ['a character_string with Chinese', 'data.character_string5 must be digits, letters and symbols', value('character_string5', 'SF中文')],
  ['a time without a clock', 'data.time6 must be a 24-hour time', value('time6', '2019年10月1日')],
  ['a time of 25:00', 'data.time6 must be a 24-hour time', value('time6', '25:00')],
  ['a date that is text', 'data.date7 must be a real calendar date', value('date7', 'tomorrow')],
  [
    'an amount of 11 digits',
    'data.amount8 must be an amount (an optional currency symbol such as ¥, at most 10 digits, at most 2 decimals',
    value('amount8', '¥12345678901'),
  ],
  ['an amount in 万', 'data.amount8 must be an amount', value('amount8', '¥3万')],
  ['a phone_number of 18', 'data.phone_number9 must be at most 17 characters, got 18', value('phone_number9', '1'.repeat(18))],
  [
    'a phone_number with letters',
    'data.phone_number9 must be a phone number (digits, an optional leading +, - and spaces)',
    value('phone_number9', '+86-abc'),
  ],
  ['a car_number of 9', 'data.car_number10 must be at most 8 characters, got 9', value('car_number10', '粤A8Z8888挂')],
  ['a car_number with Chinese inside', 'data.car_number10 must be a plate', value('car_number10', 'A粤8Z88')],
  ['a Chinese name of 11', 'data.name11 must be at most 10 characters, got 11', value('name11', '张'.repeat(11))],
  ['a Latin name of 21', 'data.name11 must be at most 20 characters, got 21', value('name11', 'a'.repeat(21))],
  ['a phrase of 6', 'data.phrase12 must be at most 5 characters, got 6', value('phrase12', '配送中配送中')],
  ['a phrase with Latin letters', 'data.phrase12 must be Chinese characters only', value('phrase12', 'OK')],
  // Each kind's rule as the doc's table gives it (订阅通知参数值内容限制): values the review sent through.
  [
    'a time on an impossible date',
    'data.time6 must be a 24-hour time, optionally after a real calendar date',
    value('time6', '2019-13-45 15:01'),
  ],
  [
    'a time on 30 February',
    'data.time6 must be a 24-hour time, optionally after a real calendar date',
    value('time6', '2019年2月30日 15:01'),
  ],
  [
    'a time range over line breaks',
    'data.time6 must not contain control characters (including line breaks), got U+000A at index 5',
    value('time6', '15:01\n~\n16:00'),
  ],
  ['a time range of three points', 'data.time6 must be a 24-hour time', value('time6', '15:01~16:00~17:00')],
  ['a time range with an empty end', 'data.time6 must be a 24-hour time', value('time6', '15:01~')],
  ['a date 0000-00-00', 'data.date7 must be a real calendar date', value('date7', '0000-00-00')],
  ['a date 29 February in a common year', 'data.date7 must be a real calendar date', value('date7', '2019-02-29')],
  ['a date with mixed separators', 'data.date7 must be a real calendar date', value('date7', '2019-10/01')],
  [
    'an amount with a letter for a currency',
    'data.amount8 must be an amount (an optional currency symbol such as ¥',
    value('amount8', 'a100'),
  ],
  [
    'an amount with 1000 decimals',
    'data.amount8 must be an amount (an optional currency symbol such as ¥, at most 10 digits, at most 2 decimals',
    value('amount8', `1.${'5'.repeat(1000)}`),
  ],
  ['an amount with 3 decimals', 'data.amount8 must be an amount', value('amount8', '¥1.005')],
  ['an amount with two currency symbols', 'data.amount8 must be an amount', value('amount8', '¥$100')],
  [
    'a phone_number of emoji',
    'data.phone_number9 must be a phone number (digits, an optional leading +, - and spaces)',
    value('phone_number9', '😀😀'),
  ],
  ['a phone_number of symbols only', 'data.phone_number9 must be a phone number', value('phone_number9', '+-')],
  ['a phone_number with a slash', 'data.phone_number9 must be a phone number', value('phone_number9', '0766/6688')],
  [
    'a zero-width symbol',
    'data.symbol4 must not contain invisible format characters (zero-width or bidi), got U+200B at index 0',
    value('symbol4', '\u200b'),
  ],
  ['a symbol of a combining mark', 'data.symbol4 must be symbols only', value('symbol4', '\u0301')],
  [
    'a thing with a line break',
    'data.thing1 must not contain control characters (including line breaks), got U+000A at index 3',
    value('thing1', 'two\nlines'),
  ],
  ['a thing with a tab', 'data.thing1 must not contain control characters', value('thing1', 'a\tb')],
  ['a thing with a zero-width joiner', 'data.thing1 must not contain invisible format characters', value('thing1', 'a\u200db')],
  ['a thing with a bidi override', 'data.thing1 must not contain invisible format characters', value('thing1', '\u202eabc')],
  ['a name with a line break', 'data.name11 must not contain control characters (including line breaks)', value('name11', '张\n三')],
  ['a name with a zero-width space', 'data.name11 must not contain invisible format characters', value('name11', 'Li\u200bLei')],
  ['a name with digits', 'data.name11 must be a name (Chinese, or letters and symbols; no digits)', value('name11', 'Agent 007')],
  ['a letter with a line break', 'data.letter3 must not contain control characters', value('letter3', 'ab\n')],
  ['a number with a line break', 'data.number2 must not contain control characters', value('number2', '1\n2')],
  ['a key of no known kind with a line break', 'data.keyword1 must not contain control characters', value('keyword1', 'a\nb')],
  ['page javascript:', 'page must be an absolute http(s) URL', () => msg({ page: 'javascript:alert(1)' })],
  [
    'miniProgram with WeChat spelling',
    'miniProgram has no option "appid" (did you mean "appId"?)',
    () => msg({ miniProgram: { appid: 'wx0123456789abcdef' } }),
  ],
  ['miniProgram appId not wx + 16 hex', 'miniProgram.appId must be a mini program AppID', () => msg({ miniProgram: { appId: 'wx123' } })],
  ['categoryIds empty', 'categoryIds must not be empty', h.call('listPublicTemplateTitles', [])],
  ['a category id of 0', 'categoryIds[0] must be at least 1, got 0', h.call('listPublicTemplateTitles', [0])],
  ['limit 31', 'limit must be at most 30, got 31', h.call('listPublicTemplateTitles', [616], { limit: 31 })],
  ['start -1', 'start must be at least 0, got -1', h.call('listPublicTemplateTitles', [616], { start: -1 })],
  [
    'iterate with a misspelt option',
    'iteratePublicTemplateTitles options has no option "limit"',
    () => (api.iteratePublicTemplateTitles as unknown as (...a: unknown[]) => AsyncGenerator)(h.wx, [616], { limit: 5 }).next(),
  ],
  ['tid 0', 'tid must be at least 1, got 0', h.call('getPublicTemplateKeywords', 0)],
  ['tid a string', 'tid must be an integer', h.call('getPublicTemplateKeywords', '99')],
  ['one keyword only', 'keywordIds must have at least 2 items, got 1', h.call('addSubscribeTemplate', 99, [1])],
  ['six keywords', 'keywordIds must have at most 5 items, got 6', h.call('addSubscribeTemplate', 99, [1, 2, 3, 4, 5, 6])],
  ['a keyword id 1.5', 'keywordIds[1] must be an integer', h.call('addSubscribeTemplate', 99, [1, 1.5])],
  [
    'sceneDesc of 16',
    'sceneDesc must be at most 15 characters, got 16',
    h.call('addSubscribeTemplate', 99, [1, 2], { sceneDesc: '场'.repeat(16) }),
  ],
  ['deleteSubscribeTemplate id a number', 'templateId must be a string, got number 5', h.call('deleteSubscribeTemplate', 5)],
  ['getCategories null options', 'getCategories options must be an object, got null', h.call('getCategories', null)],
  [
    'listSubscribeTemplates unknown option',
    'listSubscribeTemplates options has no option "all"',
    h.call('listSubscribeTemplates', { all: true }),
  ],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
