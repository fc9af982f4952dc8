// Every bad argument is refused before any request, with a message naming it (issue 15).
// sendall / send / preview / delete / get / speed and uploadvideo:
//   https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
// (send takes 2-10000 openids; clientmsgid at most 64 bytes; article_idx 1-based, 0 = all; speed 0-4;
// msg_id a 64-bit integer: https://developers.weixin.qq.com/doc/service/api/notify/message/api_massmsgget).
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const { call } = h
const text = { type: 'text', content: 'Doors open at 9' }
const two = ['oUser_1', 'oUser_2']
const send = (audience: unknown, message: unknown = text, options?: unknown) => call('sendMassMessage', audience, message, options)

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  ['audience null', 'audience must be { all: true }, { tagId } or { openIds }, got null', send(null)],
  ['audience an array', 'audience must be { all: true }, { tagId } or { openIds }, got an array of 2 items', send(two)],
  ['audience with two kinds', 'audience must have exactly one of all, tagId, openIds, got all, tagId', send({ all: true, tagId: 2 })],
  ['audience misspelt (tagID)', 'audience has no option "tagID" (did you mean "tagId"?)', send({ tagID: 101 })],
  ['audience WeChat spelling is_to_all', 'audience has no option "is_to_all"', send({ is_to_all: true })],
  ['audience.all false', 'audience.all must be true', send({ all: false })],
  ['audience.tagId 2^60 as a number', 'audience.tagId must be at most 9007199254740991, got 1152921504606847000', send({ tagId: 2 ** 60 })],
  ['audience.tagId 1e21', 'audience.tagId must be at most 9007199254740991, got 1e+21', send({ tagId: 1e21 })],
  ['audience.tagId "0123"', 'audience.tagId must be an integer, got a string of 4 characters', send({ tagId: '0123' })],
  ['audience.tagId negative', 'audience.tagId must be at least 0, got -1', send({ tagId: -1 })],
  ['audience.openIds of one', 'audience.openIds must have at least 2 items, got 1', send({ openIds: ['oUser_1'] })],
  [
    'audience.openIds of 10001',
    'audience.openIds must have at most 10000 items, got 10001',
    send({ openIds: Array.from({ length: 10_001 }, (_, i) => `o${i}`) }),
  ],
  ['audience.openIds with a bad openid', 'audience.openIds[1] must be an openid', send({ openIds: ['oUser_1', 'o User'] })],
  ['a message null', 'message must be a message object', send({ all: true }, null)],
  [
    'a message kind mass cannot send',
    'message.type must be one of text, image, voice, images, mpnews, mpvideo, wxcard, got "news"',
    send({ all: true }, { type: 'news', articles: [] }),
  ],
  [
    'a misspelt message field',
    'message has no option "mediaIDs" (did you mean "mediaIds"?)',
    send({ all: true }, { type: 'images', mediaIDs: ['M'] }),
  ],
  ['a text with a lone surrogate', 'message.content must be well-formed Unicode', send({ all: true }, { type: 'text', content: '\ud800' })],
  [
    'images needOpenComment as 1',
    'message.needOpenComment must be a boolean, got number 1',
    send({ all: true }, { type: 'images', mediaIds: ['M'], needOpenComment: 1 }),
  ],
  [
    'sendIgnoreReprint as 1',
    'sendIgnoreReprint must be a boolean, got number 1',
    send({ all: true }, { type: 'mpnews', mediaId: 'M' }, { sendIgnoreReprint: 1 }),
  ],
  [
    'sendIgnoreReprint on text',
    'sendIgnoreReprint applies to mpnews messages only, got a text message',
    send({ all: true }, text, { sendIgnoreReprint: true }),
  ],
  [
    'clientMsgId over 64 bytes',
    'clientMsgId must be at most 64 bytes of UTF-8, got 65',
    send({ all: true }, text, { clientMsgId: 'c'.repeat(65) }),
  ],
  ['clientMsgId with CR/LF', 'clientMsgId must not contain control characters', send({ all: true }, text, { clientMsgId: 'job-1\r\n' })],
  ['clientMsgId empty', 'clientMsgId must not be empty', send({ all: true }, text, { clientMsgId: '' })],
  [
    'a misspelt option (clientmsgid)',
    'sendMassMessage options has no option "clientmsgid" (did you mean "clientMsgId"?)',
    send({ all: true }, text, { clientmsgid: 'job-1' }),
  ],
  ['null options', 'sendMassMessage options must be an object, got null', send({ all: true }, text, null)],
  [
    'chunked: a clientMsgId that leaves no room for the suffix',
    'clientMsgId (with room for the "-1" chunk suffix) must be at most 62 bytes of UTF-8, got 64',
    call('sendMassMessageChunked', two, text, { clientMsgId: 'c'.repeat(64) }),
  ],
  ['chunked: openIds of one', 'openIds must have at least 2 items, got 1', call('sendMassMessageChunked', ['oUser_1'], text)],
  ['chunked: openIds a string', 'openIds must be an array, got a string of 7 characters', call('sendMassMessageChunked', 'oUser_1', text)],
  [
    'chunked: a misspelt option',
    'sendMassMessageChunked options has no option "sendIgnoreReprints" (did you mean "sendIgnoreReprint"?)',
    call('sendMassMessageChunked', two, text, { sendIgnoreReprints: true }),
  ],
  ['chunked: a bad message', 'message.content must not be empty', call('sendMassMessageChunked', two, { type: 'text', content: '' })],
  ['preview: to null', 'to must be { openId } or { wxName }, got null', call('previewMassMessage', null, text)],
  [
    'preview: to with both',
    'to must have exactly one of openId, wxName',
    call('previewMassMessage', { openId: 'oUser_1', wxName: 'anna' }, text),
  ],
  ['preview: to WeChat spelling touser', 'to has no option "touser"', call('previewMassMessage', { touser: 'oUser_1' }, text)],
  ['preview: wxName with LF', 'to.wxName must not contain control characters', call('previewMassMessage', { wxName: 'anna\n' }, text)],
  [
    'preview: images of two',
    'message.mediaIds must hold exactly 1 id for a preview',
    call('previewMassMessage', { openId: 'oUser_1' }, { type: 'images', mediaIds: ['A', 'B'] }),
  ],
  [
    'preview: null options',
    'previewMassMessage options must be an object, got null',
    call('previewMassMessage', { openId: 'oUser_1' }, text, null),
  ],
  ['status: msgId "0123"', 'msgId must be a decimal id without sign or leading zeros, got "0123"', call('getMassMessageStatus', '0123')],
  [
    'status: msgId above 2^64-1',
    'msgId must be at most 2^64-1, got 18446744073709551616',
    call('getMassMessageStatus', '18446744073709551616'),
  ],
  ['status: msgId 1e21', 'msgId must be a safe integer (at most 2^53-1) when given as a number', call('getMassMessageStatus', 1e21)],
  [
    'status: msgId 2^60 as a number',
    'msgId must be a safe integer (at most 2^53-1) when given as a number; pass larger ids as a string or bigint',
    call('getMassMessageStatus', 2 ** 60),
  ],
  ['status: msgId negative', 'msgId must be a decimal id without sign or leading zeros, got "-1"', call('getMassMessageStatus', '-1')],
  ['status: msgId fractional', 'msgId must be a whole-number id, got number 1.5', call('getMassMessageStatus', 1.5)],
  ['status: msgId null', 'msgId must be an id (number, decimal string or bigint), got null', call('getMassMessageStatus', null)],
  ['status: null options', 'getMassMessageStatus options must be an object, got null', call('getMassMessageStatus', '1000001', null)],
  ['delete: msgId with a space', 'msgId must be a decimal id without sign or leading zeros', call('deleteMassMessage', '1000 001')],
  ['delete: articleIdx 9', 'articleIdx must be at most 8, got 9', call('deleteMassMessage', '1000001', { articleIdx: 9 })],
  [
    'delete: WeChat spelling article_idx',
    'deleteMassMessage options has no option "article_idx" (did you mean "articleIdx"?)',
    call('deleteMassMessage', '1000001', { article_idx: 1 }),
  ],
  ['speed: 5', 'speed must be at most 4, got 5', call('setMassSpeed', 5)],
  ['speed: "1"', 'speed must be an integer, got a string of 1 characters', call('setMassSpeed', '1')],
  ['speed: null options', 'setMassSpeed options must be an object, got null', call('setMassSpeed', 1, null)],
  [
    'getMassSpeed: a misspelt option',
    'getMassSpeed options has no option "signa" (did you mean "signal"?)',
    call('getMassSpeed', { signa: undefined }),
  ],
  ['uploadMassVideo: video null', 'video must be an object, got null', call('uploadMassVideo', null)],
  [
    'uploadMassVideo: title of 65',
    'video.title must be at most 64 characters, got 65',
    call('uploadMassVideo', { mediaId: 'M', title: 't'.repeat(65) }),
  ],
  [
    'uploadMassVideo: WeChat spelling media_id',
    'video has no option "media_id" (did you mean "mediaId"?)',
    call('uploadMassVideo', { media_id: 'M' }),
  ],
  ['uploadMassVideo: mediaId with LF', 'video.mediaId must not contain control characters', call('uploadMassVideo', { mediaId: 'M\n' })],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
