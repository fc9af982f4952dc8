// Every bad argument is refused before any request, with a message naming it (issue 15).
// Sends: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
// (touser, msgtype, one news article, musicurl/hqmusicurl and news url/picurl are links, customservice.kf_account).
// kf accounts "prefix@wechatid" (prefix at most 10 letters, digits or _; the WeChat ID at most 30),
// nickname at most 16 characters: https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_addkfaccount
// avatars as form-data `media` within 5 MB, no format named: https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_uploadkfheadimg
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const { call } = h
const U = 'oUser_0001'
const send = (message: unknown, options?: unknown) => call('sendCustomMessage', U, message, options)
const music = { musicUrl: 'https://m.example/a.mp3', hqMusicUrl: 'https://m.example/a.flac', thumbMediaId: 'THUMB' }
const article = { title: 'Receipt', url: 'https://example.com/r/42' }
const jpeg = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' })

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  ['a message null', 'message must be a message object', send(null)],
  ['a message type unknown', 'message.type must be one of', send({ type: 'link' })],
  [
    'a misspelt message field (mediaID)',
    'message has no option "mediaID" (did you mean "mediaId"?)',
    send({ type: 'image', mediaID: 'M' }),
  ],
  [
    'a text over 2048 bytes',
    'message.content must be at most 2048 bytes of UTF-8, got 2049',
    send({ type: 'text', content: 'a'.repeat(2049) }),
  ],
  ['a text with a lone surrogate', 'message.content must be well-formed Unicode', send({ type: 'text', content: 'hi \ud83d' })],
  ['a text with NUL', 'message.content must not contain control characters, got U+0000', send({ type: 'text', content: 'a\u0000' })],
  [
    'news with a javascript: url',
    'message.articles[0].url must be an absolute http(s) URL, got a string of 19 characters (scheme javascript:)',
    send({ type: 'news', articles: [{ ...article, url: 'javascript:alert(1)' }] }),
  ],
  [
    'news with a relative url',
    'message.articles[0].url must be an absolute http(s) URL, got a string of 5 characters (a relative URL)',
    send({ type: 'news', articles: [{ ...article, url: '/r/42' }] }),
  ],
  [
    'news with a data: picUrl',
    'message.articles[0].picUrl must be an absolute http(s) URL',
    send({ type: 'news', articles: [{ ...article, picUrl: 'data:image/png;base64,AAAA' }] }),
  ],
  ['news with two articles', 'message.articles must have at most 1 items, got 2', send({ type: 'news', articles: [article, article] })],
  [
    'music with a javascript: musicUrl',
    'message.musicUrl must be an absolute http(s) URL',
    send({ type: 'music', ...music, musicUrl: 'javascript:void(0)' }),
  ],
  [
    'music with a relative hqMusicUrl',
    'message.hqMusicUrl must be an absolute http(s) URL',
    send({ type: 'music', ...music, hqMusicUrl: 'a.flac' }),
  ],
  [
    'a menu item without an id',
    'message.items[0].id must be a string, got undefined',
    send({ type: 'msgmenu', items: [{ content: 'Yes' }] }),
  ],
  ['a kfAccount without @', 'kfAccount must be "prefix@wechatid"', send({ type: 'text', content: 'hi' }, { kfAccount: 'anna' })],
  [
    'a kfAccount with CR/LF',
    'kfAccount must not contain control characters',
    send({ type: 'text', content: 'hi' }, { kfAccount: 'anna@acc\r\n' }),
  ],
  [
    'a misspelt option (kfaccount)',
    'sendCustomMessage options has no option "kfaccount" (did you mean "kfAccount"?)',
    send({ type: 'text', content: 'hi' }, { kfaccount: 'anna@acc' }),
  ],
  ['null options', 'sendCustomMessage options must be an object, got null', send({ type: 'text', content: 'hi' }, null)],
  ['openid empty', 'openid must not be empty', call('sendCustomMessage', '', { type: 'text', content: 'hi' })],
  ['sendText content empty', 'content must not be empty', call('sendText', U, '')],
  ['sendText content a number', 'content must be a string, got number 42', call('sendText', U, 42)],
  ['sendText content over 2048 bytes', 'content must be at most 2048 bytes of UTF-8, got 2052', call('sendText', U, '中'.repeat(684))],
  ['sendText a kfAccount with two @', 'kfAccount must be "prefix@wechatid"', call('sendText', U, 'hi', { kfAccount: 'a@b@c' })],
  ['sendText a kfAccount prefix of 11', 'kfAccount must be "prefix@wechatid"', call('sendText', U, 'hi', { kfAccount: 'abcdefghijk@acc' })],
  ['sendText null options', 'sendText options must be an object, got null', call('sendText', U, 'hi', null)],
  [
    'sendText a misspelt option',
    'sendText options has no option "signl" (did you mean "signal"?)',
    call('sendText', U, 'hi', { signl: undefined }),
  ],
  ['sendImage mediaId empty', 'mediaId must not be empty', call('sendImage', U, '')],
  ['sendImage mediaId null', 'mediaId must be a string, got null', call('sendImage', U, null)],
  ['sendVoice mediaId with a lone surrogate', 'mediaId must be well-formed Unicode', call('sendVoice', U, 'M\udfff')],
  ['sendVideo video null', 'video must be an object, got null', call('sendVideo', U, null)],
  ['sendVideo thumbMediaId missing', 'video.thumbMediaId must be a string, got undefined', call('sendVideo', U, { mediaId: 'M' })],
  [
    'sendVideo a misspelt field',
    'video has no option "thumbMediaID" (did you mean "thumbMediaId"?)',
    call('sendVideo', U, { mediaId: 'M', thumbMediaID: 'T' }),
  ],
  ['sendMusic music a string', 'music must be an object, got a string', call('sendMusic', U, 'song')],
  [
    'sendMusic a relative musicUrl',
    'music.musicUrl must be an absolute http(s) URL',
    call('sendMusic', U, { ...music, musicUrl: '/a.mp3' }),
  ],
  [
    'sendMusic WeChat spelling hqmusicurl',
    'music has no option "hqmusicurl" (did you mean "hqMusicUrl"?)',
    call('sendMusic', U, { ...music, hqmusicurl: 'https://x' }),
  ],
  ['sendNews article null', 'article must be an object, got null', call('sendNews', U, null)],
  [
    'sendNews a javascript: url',
    'article.url must be an absolute http(s) URL, got a string of 19 characters (scheme javascript:)',
    call('sendNews', U, { ...article, url: 'javascript:alert(1)' }),
  ],
  ['sendNews a relative url', 'article.url must be an absolute http(s) URL', call('sendNews', U, { ...article, url: 'r/42' })],
  [
    'sendNews a url with CR/LF',
    'article.url must not contain control characters',
    call('sendNews', U, { ...article, url: 'https://e.com/\r\n' }),
  ],
  [
    'sendNews picUrl ftp:',
    'article.picUrl must be an absolute http(s) URL, got a string of 17 characters (scheme ftp:)',
    call('sendNews', U, { ...article, picUrl: 'ftp://e.com/p.jpg' }),
  ],
  [
    'sendNews WeChat spelling picurl',
    'article has no option "picurl" (did you mean "picUrl"?)',
    call('sendNews', U, { ...article, picurl: 'https://e.com/p.jpg' }),
  ],
  ['sendNews title missing', 'article.title must be a string, got undefined', call('sendNews', U, { url: 'https://e.com' })],
  ['sendMpNews mediaId a number', 'mediaId must be a string, got number 1', call('sendMpNews', U, 1)],
  ['sendMpNewsArticle articleId empty', 'articleId must not be empty', call('sendMpNewsArticle', U, '')],
  ['sendMenu menu null', 'menu must be an object, got null', call('sendMenu', U, null)],
  ['sendMenu no items', 'menu.items must not be empty', call('sendMenu', U, { items: [] })],
  ['sendMenu an item null', 'menu.items[0] must be an object, got null', call('sendMenu', U, { items: [null] })],
  [
    'sendMenu a misspelt field',
    'menu has no option "headcontent" (did you mean "headContent"?)',
    call('sendMenu', U, { headcontent: 'Q', items: [{ id: '1', content: 'Y' }] }),
  ],
  ['sendCard cardId empty', 'cardId must not be empty', call('sendCard', U, '')],
  ['sendMiniProgramPage page null', 'page must be an object, got null', call('sendMiniProgramPage', U, null)],
  [
    'sendMiniProgramPage pagePath missing',
    'page.pagePath must be a string, got undefined',
    call('sendMiniProgramPage', U, { title: 't', appId: 'wx1', thumbMediaId: 'T' }),
  ],
  [
    'sendMiniProgramPage WeChat spelling appid',
    'page has no option "appid" (did you mean "appId"?)',
    call('sendMiniProgramPage', U, { title: 't', appid: 'wx1', pagePath: 'p', thumbMediaId: 'T' }),
  ],
  ['setTyping typing a string', 'typing must be a boolean, got a string of 2 characters', call('setTyping', U, 'on')],
  ['setTyping openid with a space', 'openid must be an openid', call('setTyping', U + ' x', true)],
  ['setTyping null options', 'setTyping options must be an object, got null', call('setTyping', U, true, null)],
  ['addKfAccount account without @', 'account must be "prefix@wechatid"', call('addKfAccount', 'anna', 'Anna')],
  [
    'addKfAccount nickname of 17 characters',
    'nickname must be at most 16 characters, got 17',
    call('addKfAccount', 'anna@acc', 'n'.repeat(17)),
  ],
  ['addKfAccount nickname with LF', 'nickname must not contain control characters', call('addKfAccount', 'anna@acc', 'An\nna')],
  ['updateKfAccount account null', 'account must be a string, got null', call('updateKfAccount', null, 'Anna')],
  ['deleteKfAccount account with CR/LF', 'account must not contain control characters', call('deleteKfAccount', 'anna@acc\r\n')],
  ['deleteKfAccount null options', 'deleteKfAccount options must be an object, got null', call('deleteKfAccount', 'anna@acc', null)],
  [
    'listKfAccounts a misspelt option',
    'listKfAccounts options has no option "sigal" (did you mean "signal"?)',
    call('listKfAccounts', { sigal: undefined }),
  ],
  ['listOnlineKfAccounts null options', 'listOnlineKfAccounts options must be an object, got null', call('listOnlineKfAccounts', null)],
  ['uploadKfAvatar image a string', 'image must be a Blob, got a string of 8 characters', call('uploadKfAvatar', 'anna@acc', 'anna.jpg')],
  [
    'uploadKfAvatar filename with CR/LF',
    'filename must not contain control characters',
    call('uploadKfAvatar', 'anna@acc', jpeg, { filename: 'a.jpg\r\nX: y' }),
  ],
  [
    'uploadKfAvatar a misspelt option',
    'uploadKfAvatar options has no option "fileName" (did you mean "filename"?)',
    call('uploadKfAvatar', 'anna@acc', jpeg, { fileName: 'a.jpg' }),
  ],
  ['inviteKfWorker wechatId empty', 'wechatId must not be empty', call('inviteKfWorker', 'anna@acc', '')],
  ['inviteKfWorker wechatId with LF', 'wechatId must not contain control characters', call('inviteKfWorker', 'anna@acc', 'anna\n')],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
