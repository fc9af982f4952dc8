// changeopenid refuses bad arguments before any request: at most 100 openids a call, from_appid
// an AppID or an original id.
// https://developers.weixin.qq.com/doc/service/api/usermanage/changeopenid/api_changeopenid.html
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const ids = (n: number) => Array.from({ length: n }, (_, i) => `oUser_${String(i).padStart(4, '0')}`)

const rows: readonly BadInputRow[] = [
  ['101 openids in one call', 'openids must have at most 100 items, got 101', h.call('changeOpenIds', 'wx1111111111111111', ids(101))],
  ['no openids', 'openids must not be empty', h.call('changeOpenIds', 'wx1111111111111111', [])],
  ['an openid with a space', 'openids[1] must be an openid', h.call('changeOpenIds', 'wx1111111111111111', ['oUser_0001', 'o User'])],
  [
    'a from id that is a name',
    "fromAppId must be the old account's AppID (wx + 16 hex digits) or original id",
    h.call('changeOpenIds', 'my-old-account', ids(1)),
  ],
  ['no from id', 'fromAppId must be a string, got undefined', h.call('changeOpenIds', undefined, ids(1))],
  [
    'chunked with a bad openid far down the list',
    'openids[250] must not be empty',
    h.call('changeOpenIdsChunked', 'gh_0123456789ab', [...ids(250), '']),
  ],
  [
    'chunked with a misspelt option',
    'changeOpenIdsChunked options has no option "concurrency"',
    h.call('changeOpenIdsChunked', 'gh_0123456789ab', ids(2), { concurrency: 2 }),
  ],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
