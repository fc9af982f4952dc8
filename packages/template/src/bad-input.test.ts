// Every bad argument is refused before any request, with a message naming it (issue 15).
// Send: https://developers.weixin.qq.com/doc/service/api/notify/template/api_sendtemplatemessage.html
// (touser an openid, template_id, url a jump link, miniprogram { appid, pagepath }, data { key: { value } }).
// Industry codes 1-41 and one change a month: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow, type Loose } from '../../../test-support/bad-input'
import { addTemplate, defineTemplate, deleteTemplate, getIndustry, listTemplates, sendTemplateMessage, setIndustry } from './index'

const h = badInputHarness()

const send = sendTemplateMessage as Loose
const ok = { openid: 'oUser_0001', templateId: 'TPL_1', data: { thing1: 'Headphones' } }
const msg = (extra: Record<string, unknown>) => send(h.wx, { ...ok, ...extra })
const withKey = (key: string) => msg({ data: JSON.parse(`{${JSON.stringify(key)}: "x"}`) as unknown })

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  ['null message', 'message must be an object, got null', () => send(h.wx, null)],
  ['a message as a string', 'message must be an object, got a string', () => send(h.wx, 'hi')],
  [
    'a misspelt message field (templateID)',
    'message has no option "templateID" (did you mean "templateId"?)',
    () => msg({ templateID: 'x' }),
  ],
  ['WeChat spelling touser', 'message has no option "touser"', () => msg({ touser: 'oUser' })],
  ['a misspelt clientMsgId', '(did you mean "clientMsgId"?)', () => msg({ clientMsgID: 'a' })],
  ['null options', 'sendTemplateMessage options must be an object, got null', () => send(h.wx, ok, null)],
  ['an unknown option', 'sendTemplateMessage options has no option "retry"', () => send(h.wx, ok, { retry: 2 })],
  ['openid missing', 'openid must be a string, got undefined', () => msg({ openid: undefined })],
  ['openid with a space', 'openid must be an openid', () => msg({ openid: 'o User' })],
  ['openid of 65 characters', 'openid must be at most 64 characters, got 65', () => msg({ openid: 'o'.repeat(65) })],
  ['templateId empty', 'templateId must not be empty', () => msg({ templateId: '' })],
  [
    'templateId with CR/LF',
    'templateId must be a template id (letters, digits, - and _), got a string of 5 characters',
    () => msg({ templateId: 'TPL\r\n' }),
  ],
  ['templateId with a slash', 'templateId must be a template id', () => msg({ templateId: '../x' })],
  ['data null', 'data must be an object of key → value, got null', () => msg({ data: null })],
  ['data an array', 'data must be an object of key → value, got an array of 1 items', () => msg({ data: ['x'] })],
  ['data empty', 'data must have at least 1 key', () => msg({ data: {} })],
  ['a data key that is empty', 'data keys must be template keywords like thing1 or time2', () => withKey('')],
  ['a data key with CR/LF', 'got a key of 8 characters', () => withKey('thing1\r\n')],
  ['a data key __proto__', 'data keys must be template keywords', () => withKey('__proto__')],
  ['a data key with a space', 'data keys must be template keywords', () => withKey('thing 1')],
  ['a data key of 33 characters', 'data keys must be template keywords', () => withKey('k'.repeat(33))],
  ['a data value null', 'data.thing1 must be a string, a finite number or a Date, got null', () => msg({ data: { thing1: null } })],
  ['a data value NaN', 'data.thing1 must be a string, a finite number or a Date, got number NaN', () => msg({ data: { thing1: NaN } })],
  [
    'a data value as WeChat object',
    'data.thing1 must be a string, a finite number or a Date, got an object',
    () => msg({ data: { thing1: { value: 'x' } } }),
  ],
  [
    'a thing value over 20 characters',
    'data.thing1 must be at most 20 characters, got 21',
    () => msg({ data: { thing1: 'x'.repeat(21) } }),
  ],
  ['a thing value with a lone surrogate', 'data.thing1 must be well-formed Unicode', () => msg({ data: { thing1: 'a\udc00' } })],
  ['a legacy value with NUL', 'data.keyword1 must not contain control characters', () => msg({ data: { keyword1: 'a\u0000' } })],
  ['a number value with letters', 'data.number2 must be a number', () => msg({ data: { number2: '12a' } })],
  [
    'url javascript:',
    'url must be an absolute http(s) URL, got a string of 19 characters (scheme javascript:)',
    () => msg({ url: 'javascript:alert(1)' }),
  ],
  ['url relative', 'url must be an absolute http(s) URL, got a string of 10 characters (a relative URL)', () => msg({ url: '/orders/42' })],
  ['url with CR/LF', 'url must not contain control characters', () => msg({ url: 'https://a.example/\r\n' })],
  ['url a number', 'url must be a string, got number 42', () => msg({ url: 42 })],
  ['miniProgram null', 'miniProgram must be an object, got null', () => msg({ miniProgram: null })],
  [
    'miniProgram with WeChat spelling',
    'miniProgram has no option "appid" (did you mean "appId"?)',
    () => msg({ miniProgram: { appid: 'wx0123456789abcdef' } }),
  ],
  ['miniProgram appId not wx + 16 hex', 'miniProgram.appId must be a mini program AppID', () => msg({ miniProgram: { appId: 'wx123' } })],
  [
    'miniProgram pagePath with LF',
    'miniProgram.pagePath must not contain control characters',
    () => msg({ miniProgram: { appId: 'wx0123456789abcdef', pagePath: 'pages/a\n' } }),
  ],
  ['clientMsgId empty', 'clientMsgId must not be empty', () => msg({ clientMsgId: '' })],
  ['clientMsgId with CR', 'clientMsgId must not contain control characters', () => msg({ clientMsgId: 'a\rb' })],
  ['clientMsgId a number', 'clientMsgId must be a string, got number 7', () => msg({ clientMsgId: 7 })],
  ['setIndustry null', 'industry must be an object, got null', () => (setIndustry as Loose)(h.wx, null)],
  ['setIndustry primary 0', 'industry.primary must be at least 1, got 0', () => (setIndustry as Loose)(h.wx, { primary: 0, secondary: 2 })],
  [
    'setIndustry secondary 42',
    'industry.secondary must be at most 41, got 42',
    () => (setIndustry as Loose)(h.wx, { primary: 1, secondary: 42 }),
  ],
  [
    'setIndustry primary "1"',
    'industry.primary must be an integer, got a string of 1 characters',
    () => (setIndustry as Loose)(h.wx, { primary: '1', secondary: 2 }),
  ],
  [
    'setIndustry WeChat spelling',
    'industry has no option "industry_id1"',
    () => (setIndustry as Loose)(h.wx, { industry_id1: 1, secondary: 2 }),
  ],
  [
    'setIndustry null options',
    'setIndustry options must be an object, got null',
    () => (setIndustry as Loose)(h.wx, { primary: 1, secondary: 2 }, null),
  ],
  [
    'getIndustry a misspelt signal',
    'getIndustry options has no option "sigal" (did you mean "signal"?)',
    () => (getIndustry as Loose)(h.wx, { sigal: undefined }),
  ],
  ['addTemplate shortId empty', 'shortId must not be empty', () => (addTemplate as Loose)(h.wx, '')],
  ['addTemplate shortId with LF', 'shortId must be a library template number', () => (addTemplate as Loose)(h.wx, 'TM0001\n')],
  ['addTemplate keywordNames empty', 'keywordNames must not be empty', () => (addTemplate as Loose)(h.wx, 'TM0001', { keywordNames: [] })],
  [
    'addTemplate a keyword name with CR',
    'keywordNames[0] must not contain control characters',
    () => (addTemplate as Loose)(h.wx, 'TM0001', { keywordNames: ['a\r'] }),
  ],
  [
    'addTemplate a misspelt option',
    'addTemplate options has no option "keywordName" (did you mean "keywordNames"?)',
    () => (addTemplate as Loose)(h.wx, 'TM0001', { keywordName: ['a'] }),
  ],
  ['listTemplates null options', 'listTemplates options must be an object, got null', () => (listTemplates as Loose)(h.wx, null)],
  ['deleteTemplate id a number', 'templateId must be a string, got number 5', () => (deleteTemplate as Loose)(h.wx, 5)],
  [
    'deleteTemplate unknown option',
    'deleteTemplate options has no option "force"',
    () => (deleteTemplate as Loose)(h.wx, 'TPL_1', { force: true }),
  ],
  ['defineTemplate id with a space', 'templateId must be a template id', () => (defineTemplate as Loose)('TPL 1', ['thing1'])],
  ['defineTemplate a key __proto__', 'keys[0] must be a template key like thing1', () => (defineTemplate as Loose)('TPL_1', ['__proto__'])],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
