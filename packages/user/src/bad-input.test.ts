// Every bad argument is refused before any request, with a message naming it (issue 15).
// batchget: at most 100 openids, lang zh_CN | zh_TW | en:
//   https://developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html
// blacklist: at most 20 openids a call: https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
// remark: "under 30 bytes": https://developers.weixin.qq.com/doc/subscription/api/usermanage/userinfo/api_updateremark.html
// followers: next_openid cursor: https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const { call } = h
const ids = (n: number) => Array.from({ length: n }, (_, i) => `oUser_${i}`)

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  ['getUserInfo openid empty', 'openid must not be empty', call('getUserInfo', '')],
  ['getUserInfo openid null', 'openid must be a string, got null', call('getUserInfo', null)],
  [
    'getUserInfo openid with a slash',
    'openid must be an openid (letters, digits, - and _), got a string of 7 characters',
    call('getUserInfo', 'o/../x1'),
  ],
  ['getUserInfo openid with CR/LF', 'openid must be an openid', call('getUserInfo', 'oUser\r\n')],
  ['getUserInfo openid with a lone surrogate', 'openid must be well-formed Unicode', call('getUserInfo', 'o\ud800')],
  ['getUserInfo openid of 65 characters', 'openid must be at most 64 characters, got 65', call('getUserInfo', 'o'.repeat(65))],
  [
    'getUserInfo lang misspelt',
    `lang must be one of 'zh_CN', 'zh_TW', 'en', got "zh_cn" (did you mean "zh_CN"?)`,
    call('getUserInfo', 'oUser1', { lang: 'zh_cn' }),
  ],
  ['getUserInfo lang a number', `lang must be one of 'zh_CN', 'zh_TW', 'en', got number 1`, call('getUserInfo', 'oUser1', { lang: 1 })],
  [
    'getUserInfo a misspelt option',
    'getUserInfo options has no option "language"; it takes lang, signal',
    call('getUserInfo', 'oUser1', { language: 'en' }),
  ],
  ['getUserInfo null options', 'getUserInfo options must be an object, got null', call('getUserInfo', 'oUser1', null)],
  [
    'getUserInfo a signal that is not one',
    'getUserInfo options.signal must be an AbortSignal, got boolean true',
    call('getUserInfo', 'oUser1', { signal: true }),
  ],
  ['batchGetUserInfo 101 openids', 'openids must have at most 100 items, got 101', call('batchGetUserInfo', ids(101))],
  ['batchGetUserInfo no openids', 'openids must not be empty', call('batchGetUserInfo', [])],
  ['batchGetUserInfo openids a Set', 'openids must be an array, got an object', call('batchGetUserInfo', new Set(['oUser1']))],
  ['batchGetUserInfo an openid a number', 'openids[1] must be a string, got number 7', call('batchGetUserInfo', ['oUser1', 7])],
  [
    'batchGetUserInfo lang "EN"',
    `lang must be one of 'zh_CN', 'zh_TW', 'en', got "EN" (did you mean "en"?)`,
    call('batchGetUserInfo', ['oUser1'], { lang: 'EN' }),
  ],
  ['batchGetUserInfo null options', 'batchGetUserInfo options must be an object, got null', call('batchGetUserInfo', ['oUser1'], null)],
  ['getUserInfoChunked an openid empty', 'openids[2] must not be empty', call('getUserInfoChunked', ['oUser1', 'oUser2', ''])],
  ['getUserInfoChunked concurrency 0', 'concurrency must be at least 1, got 0', call('getUserInfoChunked', ['oUser1'], { concurrency: 0 })],
  [
    'getUserInfoChunked concurrency Infinity',
    'concurrency must be an integer, got number Infinity',
    call('getUserInfoChunked', ['oUser1'], { concurrency: Infinity }),
  ],
  [
    'getUserInfoChunked a misspelt option',
    'getUserInfoChunked options has no option "concurency" (did you mean "concurrency"?)',
    call('getUserInfoChunked', ['oUser1'], { concurency: 2 }),
  ],
  ['getUserInfoChunked openids null', 'openids must be an array, got null', call('getUserInfoChunked', null)],
  ['listFollowers nextOpenid with a space', 'nextOpenid must be an openid', call('listFollowers', { nextOpenid: 'o User' })],
  ['listFollowers nextOpenid a number', 'nextOpenid must be a string, got number 1', call('listFollowers', { nextOpenid: 1 })],
  [
    'listFollowers WeChat spelling next_openid',
    'listFollowers options has no option "next_openid" (did you mean "nextOpenid"?)',
    call('listFollowers', { next_openid: 'oUser1' }),
  ],
  ['listFollowers null options', 'listFollowers options must be an object, got null', call('listFollowers', null)],
  [
    'listFollowers options a string',
    'listFollowers options must be an object, got a string of 6 characters',
    call('listFollowers', 'oUser1'),
  ],
  ['iterateFollowers nextOpenid with LF', 'nextOpenid must be an openid', call('iterateFollowers', { nextOpenid: 'oUser\n' })],
  [
    'iterateFollowers a misspelt option',
    'iterateFollowers options has no option "nextOpenId" (did you mean "nextOpenid"?)',
    call('iterateFollowers', { nextOpenId: 'oUser1' }),
  ],
  ['listBlacklist beginOpenid with a space', 'beginOpenid must be an openid', call('listBlacklist', { beginOpenid: 'a b' })],
  [
    'listBlacklist WeChat spelling begin_openid',
    'listBlacklist options has no option "begin_openid" (did you mean "beginOpenid"?)',
    call('listBlacklist', { begin_openid: 'oUser1' }),
  ],
  ['iterateBlacklist null options', 'iterateBlacklist options must be an object, got null', call('iterateBlacklist', null)],
  ['blacklistUsers 21 openids', 'openids must have at most 20 items, got 21', call('blacklistUsers', ids(21))],
  ['blacklistUsers no openids', 'openids must not be empty', call('blacklistUsers', [])],
  [
    'blacklistUsers an openid with NUL',
    'openids[0] must not contain control characters, got U+0000 at index 1',
    call('blacklistUsers', ['o\u0000']),
  ],
  ['blacklistUsers null options', 'blacklistUsers options must be an object, got null', call('blacklistUsers', ['oUser1'], null)],
  ['unblacklistUsers 21 openids', 'openids must have at most 20 items, got 21', call('unblacklistUsers', ids(21))],
  ['unblacklistUsers openids a string', 'openids must be an array, got a string of 6 characters', call('unblacklistUsers', 'oUser1')],
  [
    'updateUserRemark over 30 bytes',
    'remark must be at most 30 bytes of UTF-8, got 33',
    call('updateUserRemark', 'oUser1', '北京朝阳区老客户十一个'),
  ],
  [
    'updateUserRemark with LF',
    'remark must not contain control characters (including line breaks)',
    call('updateUserRemark', 'oUser1', 'VIP\nclient'),
  ],
  ['updateUserRemark with a lone surrogate', 'remark must be well-formed Unicode', call('updateUserRemark', 'oUser1', 'VIP\udc00')],
  ['updateUserRemark remark null', 'remark must be a string, got null', call('updateUserRemark', 'oUser1', null)],
  ['updateUserRemark openid empty', 'openid must not be empty', call('updateUserRemark', '', 'VIP')],
  [
    'updateUserRemark unknown option',
    'updateUserRemark options has no option "remark"',
    call('updateUserRemark', 'oUser1', 'VIP', { remark: 'x' }),
  ],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
