// @wxmp/core/openapi refuses bad arguments before any request, naming them.
// https://developers.weixin.qq.com/doc/service/api/apimanage/api_getapiquota.html (cgi_path starts with /)
// https://developers.weixin.qq.com/doc/service/api/base/api_callbackcheck.html (action, check_operator enums)
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './openapi'

const h = badInputHarness({ api })

const rows: readonly BadInputRow[] = [
  ['clearQuota an unknown option', 'clearQuota options has no option "appId"', h.call('clearQuota', { appId: 'wx' })],
  ['clearQuotaByAppSecret without the secret', 'appSecret must be a string, got undefined', h.call('clearQuotaByAppSecret')],
  ['an AppSecret with a line break', 'appSecret must be an AppSecret (letters and digits)', h.call('clearQuotaByAppSecret', 'abc\n')],
  ['an AppSecret of 65 characters', 'appSecret must be at most 64 characters, got 65', h.call('clearQuotaByAppSecret', 'a'.repeat(65))],
  [
    'a cgi path with the host',
    'cgiPath must be an API path starting with /',
    h.call('getApiQuota', 'https://api.weixin.qq.com/cgi-bin/token'),
  ],
  ['a cgi path with a query', 'cgiPath must be an API path starting with /', h.call('getApiQuota', '/cgi-bin/user/get?next_openid=')],
  ['an empty rid', 'rid must not be empty', h.call('getRidInfo', '')],
  [
    'a whole errmsg as the rid',
    'rid must be a rid like 61725984-6126f6f9-040f19c4',
    h.call('getRidInfo', 'invalid openid rid: 61725984-6126f6f9-040f19c4'),
  ],
  ['a check action "trace"', 'action must be one of', h.call('checkCallback', { action: 'trace' })],
  ['a check operator in lower case', 'operator must be one of', h.call('checkCallback', { operator: 'unicom' })],
  [
    'the wire name check_operator',
    'checkCallback options has no option "check_operator"',
    h.call('checkCallback', { check_operator: 'CAP' }),
  ],
  ['getCallbackIps null options', 'getCallbackIps options must be an object, got null', h.call('getCallbackIps', null)],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
