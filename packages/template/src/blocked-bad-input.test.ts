// queryblocktmplmsg refuses bad arguments before any request (limit ≤ 100).
// https://developers.weixin.qq.com/doc/service/api/notify/template/api_queryblocktmplmsg
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })

const rows: readonly BadInputRow[] = [
  ['limit 101', 'limit must be at most 100, got 101', h.call('listBlockedMessages', 'TPL_1', { limit: 101 })],
  ['limit 0', 'limit must be at least 1, got 0', h.call('listBlockedMessages', 'TPL_1', { limit: 0 })],
  ['a negative largestId', 'largestId must be at least 0, got -1', h.call('listBlockedMessages', 'TPL_1', { largestId: -1 })],
  ['a template id with a slash', 'templateId must be a template id', h.call('listBlockedMessages', '../x')],
  [
    'the wire name largest_id',
    'listBlockedMessages options has no option "largest_id"',
    h.call('listBlockedMessages', 'TPL_1', { largest_id: 0 }),
  ],
  [
    'a category template without keyword names',
    'keywordNames must name the keywords of category template 43216',
    h.call('addTemplate', '43216'),
  ],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
