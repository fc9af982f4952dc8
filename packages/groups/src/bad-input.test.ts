// Every bad argument is refused before any request, with a message naming it (issue 15).
// Tags: https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
// (45158: a tag name over 30 bytes of UTF-8; batch tagging takes at most 50 openids; tags 0/1/2 are WeChat's).
// Groups (the older API): https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Grouping_Interfaces.html
// (group name at most 30 characters, batch move at most 50 openids).
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const { call } = h
const ids51 = Array.from({ length: 51 }, (_, i) => `oUser_${i}`)

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  ['a tag name over 30 bytes', 'name must be at most 30 bytes of UTF-8, got 33', call('createTag', '星'.repeat(11))],
  ['a tag name empty', 'name must not be empty', call('createTag', '')],
  ['a tag name blank', 'name must not be blank', call('createTag', '   ')],
  ['a tag name with LF', 'name must not contain control characters (including line breaks), got U+000A', call('createTag', 'VIP\n')],
  ['a tag name with a lone surrogate', 'name must be well-formed Unicode', call('createTag', 'VIP\ud800')],
  ['a tag name a number', 'name must be a string, got number 5', call('createTag', 5)],
  ['createTag null options', 'createTag options must be an object, got null', call('createTag', 'VIP', null)],
  [
    'createTag a misspelt option',
    'createTag options has no option "signl" (did you mean "signal"?)',
    call('createTag', 'VIP', { signl: undefined }),
  ],
  ['listTags null options', 'listTags options must be an object, got null', call('listTags', null)],
  ['renameTag system id 2', "id 2 is WeChat's system tag", call('renameTag', 2, 'x')],
  ['renameTag id 2^60 as a number', 'id must be at most 9007199254740991, got 1152921504606847000', call('renameTag', 2 ** 60, 'x')],
  ['renameTag id 1e21', 'id must be at most 9007199254740991, got 1e+21', call('renameTag', 1e21, 'x')],
  ['renameTag id "0123"', 'id must be an integer, got a string of 4 characters', call('renameTag', '0123', 'x')],
  ['renameTag id negative', 'id must be at least 0, got -1', call('renameTag', -1, 'x')],
  ['renameTag id fractional', 'id must be an integer, got number 100.5', call('renameTag', 100.5, 'x')],
  ['renameTag name with CR', 'name must not contain control characters', call('renameTag', 100, 'a\rb')],
  ['renameTag unknown option', 'renameTag options has no option "name"', call('renameTag', 100, 'x', { name: 'y' })],
  ['deleteTag system id 0', "id 0 is WeChat's system tag", call('deleteTag', 0)],
  ['deleteTag id NaN', 'id must be an integer, got number NaN', call('deleteTag', NaN)],
  ['deleteTag id a bigint', 'id must be an integer, got bigint 100', call('deleteTag', 100n)],
  ['tagUsers 51 openids', 'openids must have at most 50 items, got 51', call('tagUsers', ids51, 100)],
  ['tagUsers no openids', 'openids must not be empty', call('tagUsers', [], 100)],
  ['tagUsers openids a string', 'openids must be an array, got a string of 6 characters', call('tagUsers', 'oUser1', 100)],
  ['tagUsers an openid with a space', 'openids[1] must be an openid', call('tagUsers', ['oUser1', 'o User'], 100)],
  ['tagUsers tag id 2^60', 'tagId must be at most 9007199254740991', call('tagUsers', ['oUser1'], 2 ** 60)],
  ['tagUsers tag id as a string', 'tagId must be an integer, got a string of 3 characters', call('tagUsers', ['oUser1'], '100')],
  ['tagUsers null options', 'tagUsers options must be an object, got null', call('tagUsers', ['oUser1'], 100, null)],
  ['untagUsers an openid null', 'openids[0] must be a string, got null', call('untagUsers', [null], 100)],
  ['untagUsers tag id 1e21', 'tagId must be at most 9007199254740991, got 1e+21', call('untagUsers', ['oUser1'], 1e21)],
  [
    'untagUsers a misspelt option',
    'untagUsers options has no option "Signal" (did you mean "signal"?)',
    call('untagUsers', ['oUser1'], 100, { Signal: undefined }),
  ],
  ['getUserTags openid empty', 'openid must not be empty', call('getUserTags', '')],
  [
    'getUserTags openid with LF',
    'openid must be an openid (letters, digits, - and _), got a string of 6 characters',
    call('getUserTags', 'oUser\n'),
  ],
  ['getUserTags openid of 65 characters', 'openid must be at most 64 characters, got 65', call('getUserTags', 'o'.repeat(65))],
  ['listTagUsers tag id negative', 'tagId must be at least 0, got -5', call('listTagUsers', -5)],
  ['listTagUsers nextOpenid with a space', 'nextOpenid must be an openid', call('listTagUsers', 100, { nextOpenid: 'o x' })],
  [
    'listTagUsers WeChat spelling next_openid',
    'listTagUsers options has no option "next_openid" (did you mean "nextOpenid"?)',
    call('listTagUsers', 100, { next_openid: 'oUser' }),
  ],
  ['listTagUsers null options', 'listTagUsers options must be an object, got null', call('listTagUsers', 100, null)],
  ['iterateTagUsers tag id 2^60', 'tagId must be at most 9007199254740991', call('iterateTagUsers', 2 ** 60)],
  [
    'iterateTagUsers a misspelt option',
    'iterateTagUsers options has no option "nextOpenId" (did you mean "nextOpenid"?)',
    call('iterateTagUsers', 100, { nextOpenId: 'oUser' }),
  ],
  ['a group name over 30 characters', 'name must be at most 30 characters, got 31', call('createGroup', 'g'.repeat(31))],
  ['a group name with CR/LF', 'name must not contain control characters', call('createGroup', 'a\r\nb')],
  ['a group name null', 'name must be a string, got null', call('createGroup', null)],
  ['createGroup null options', 'createGroup options must be an object, got null', call('createGroup', 'g', null)],
  ['listGroups a misspelt option', 'listGroups options has no option "sigmal"', call('listGroups', { sigmal: 1 })],
  ['getUserGroup openid a number', 'openid must be a string, got number 1', call('getUserGroup', 1)],
  ['renameGroup system group 1', "id 1 is WeChat's system group", call('renameGroup', 1, 'x')],
  ['renameGroup id 2^60', 'id must be at most 9007199254740991', call('renameGroup', 2 ** 60, 'x')],
  ['moveUserToGroup group id 1e21', 'groupId must be at most 9007199254740991, got 1e+21', call('moveUserToGroup', 'oUser1', 1e21)],
  [
    'moveUserToGroup group id "0123"',
    'groupId must be an integer, got a string of 4 characters',
    call('moveUserToGroup', 'oUser1', '0123'),
  ],
  ['moveUsersToGroup 51 openids', 'openids must have at most 50 items, got 51', call('moveUsersToGroup', ids51, 100)],
  [
    'moveUsersToGroup an openid with a lone surrogate',
    'openids[0] must be well-formed Unicode',
    call('moveUsersToGroup', ['o\udfff'], 100),
  ],
  ['deleteGroup id negative', 'id must be at least 0, got -1', call('deleteGroup', -1)],
  ['deleteGroup null options', 'deleteGroup options must be an object, got null', call('deleteGroup', 100, null)],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
