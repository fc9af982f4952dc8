// Every bad argument is refused before any request, with a message naming it (issue 15).
// uploadnews (1-8 articles; content_source_url is the "read the original" link):
//   https://developers.weixin.qq.com/doc/service/api/notify/message/api_uploadnewsmsg
// temporary media: https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia
// materials (video title/introduction; batchget count 1-20; update_news index):
//   https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
//   https://developers.weixin.qq.com/doc/service/api/material/permanent/api_batchgetmaterial
//   https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Editing_Permanent_Rich_Media_Assets.html
import { describe } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'
import { fileFromPath } from './node'

const h = badInputHarness({ api })
const { f, call } = h
const article = { title: 'Launch', thumbMediaId: 'THUMB', content: '<p>Hello</p>' }
const news = (extra: Record<string, unknown>) => call('uploadNews', [{ ...article, ...extra }])
const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' })
const stream = () => new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(1024)) })

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  [
    'uploadNews contentSourceUrl javascript:',
    'articles[0].contentSourceUrl must be an absolute http(s) URL, got a string of 19 characters (scheme javascript:)',
    news({ contentSourceUrl: 'javascript:alert(1)' }),
  ],
  [
    'uploadNews contentSourceUrl relative',
    'articles[0].contentSourceUrl must be an absolute http(s) URL, got a string of 9 characters (a relative URL)',
    news({ contentSourceUrl: '/original' }),
  ],
  [
    'uploadNews contentSourceUrl with CR/LF',
    'articles[0].contentSourceUrl must not contain control characters',
    news({ contentSourceUrl: 'https://e.com/\r\n' }),
  ],
  ['uploadNews contentSourceUrl a number', 'articles[0].contentSourceUrl must be a string, got number 1', news({ contentSourceUrl: 1 })],
  [
    'uploadNews WeChat spelling content_source_url',
    'articles[0] has no option "content_source_url" (did you mean "contentSourceUrl"?)',
    news({ content_source_url: 'https://e.com' }),
  ],
  ['uploadNews a misspelt field', 'articles[0] has no option "thumbMediaID" (did you mean "thumbMediaId"?)', news({ thumbMediaID: 'T' })],
  ['uploadNews showCoverPic as 1', 'articles[0].showCoverPic must be a boolean, got number 1', news({ showCoverPic: 1 })],
  ['uploadNews title with a lone surrogate', 'articles[0].title must be well-formed Unicode', news({ title: 'Launch \ud83d' })],
  [
    'uploadNews content with NUL',
    'articles[0].content must not contain control characters, got U+0000',
    news({ content: '<p>\u0000</p>' }),
  ],
  [
    'uploadNews content of 20000 characters',
    'articles[0].content must be at most 19999 characters, got 20000',
    news({ content: 'x'.repeat(20_000) }),
  ],
  ['uploadNews no articles', 'articles must not be empty', call('uploadNews', [])],
  [
    'uploadNews 9 articles',
    'articles must have at most 8 items, got 9',
    call(
      'uploadNews',
      Array.from({ length: 9 }, () => article),
    ),
  ],
  ['uploadNews an article null', 'articles[0] must be an object, got null', call('uploadNews', [null])],
  ['uploadNews articles an object', 'articles must be an array, got an object', call('uploadNews', article)],
  ['uploadNews null options', 'uploadNews options must be an object, got null', call('uploadNews', [article], null)],
  [
    'addNewsMaterial contentSourceUrl data:',
    'articles[0].contentSourceUrl must be an absolute http(s) URL',
    call('addNewsMaterial', [{ ...article, contentSourceUrl: 'data:text/html,hi' }]),
  ],
  [
    'addNewsMaterial a misspelt option',
    'addNewsMaterial options has no option "signl" (did you mean "signal"?)',
    call('addNewsMaterial', [article], { signl: undefined }),
  ],
  ['updateNewsMaterial index 8', 'index must be at most 7, got 8', call('updateNewsMaterial', 'MEDIA', 8, article)],
  [
    'updateNewsMaterial contentSourceUrl relative',
    'article.contentSourceUrl must be an absolute http(s) URL',
    call('updateNewsMaterial', 'MEDIA', 0, { ...article, contentSourceUrl: 'a/b' }),
  ],
  ['updateNewsMaterial mediaId with a space', 'mediaId must be a media id', call('updateNewsMaterial', 'MEDIA ID', 0, article)],
  [
    'uploadTemporaryMedia a misspelt option',
    'uploadTemporaryMedia options has no option "fileName" (did you mean "filename"?)',
    call('uploadTemporaryMedia', 'image', png, { fileName: 'a.png' }),
  ],
  [
    'uploadTemporaryMedia null options',
    'uploadTemporaryMedia options must be an object, got null',
    call('uploadTemporaryMedia', 'image', png, null),
  ],
  [
    'uploadTemporaryMedia contentType with CR/LF',
    'options.contentType must not contain control characters (including line breaks), got U+000D at index 10',
    call('uploadTemporaryMedia', 'image', png, { contentType: 'image/jpeg\r\nX-Injected: yes' }),
  ],
  [
    'uploadTemporaryMedia contentType not a MIME type',
    'options.contentType must be a MIME type such as image/png, got a string of 4 characters',
    call('uploadTemporaryMedia', 'image', png, { contentType: 'jpeg' }),
  ],
  [
    'uploadTemporaryMedia contentType with parameters',
    'options.contentType must be a MIME type such as image/png',
    call('uploadTemporaryMedia', 'image', png, { contentType: 'image/png; boundary=x' }),
  ],
  [
    'uploadTemporaryMedia timeout 0',
    'request timeout must be a positive finite number, got 0',
    call('uploadTemporaryMedia', 'image', png, { timeout: 0 }),
  ],
  [
    'uploadTemporaryMedia size 0',
    'options.size must be at least 1, got 0',
    call('uploadTemporaryMedia', 'video', stream(), { filename: 'a.mp4', size: 0 }),
  ],
  [
    'uploadTemporaryMedia size 1.5',
    'options.size must be an integer, got number 1.5',
    call('uploadTemporaryMedia', 'video', stream(), { filename: 'a.mp4', size: 1.5 }),
  ],
  [
    'uploadTemporaryMedia size as a string',
    'options.size must be an integer, got a string of 3 characters',
    call('uploadTemporaryMedia', 'video', stream(), { filename: 'a.mp4', size: '100' }),
  ],
  [
    'uploadTemporaryMedia size over the video limit',
    'video media file must be at most 10485760 bytes (10 MB), got 10485761 (options.size)',
    call('uploadTemporaryMedia', 'video', stream(), { filename: 'a.mp4', size: 10_485_761 }),
  ],
  [
    'uploadTemporaryMedia size unlike the Blob',
    'options.size is 5, but the file has 4 bytes',
    call('uploadTemporaryMedia', 'image', png, { size: 5 }),
  ],
  [
    'uploadTemporaryMedia WeChat spelling content_type',
    'uploadTemporaryMedia options has no option "content_type"',
    call('uploadTemporaryMedia', 'image', png, { content_type: 'image/png' }),
  ],
  ['uploadArticleImage null options', 'uploadArticleImage options must be an object, got null', call('uploadArticleImage', png, null)],
  [
    'addMaterial video without a title',
    'options.title must be a string, got undefined',
    call('addMaterial', 'video', png, { introduction: 'x' }),
  ],
  [
    'addMaterial image with a title',
    'addMaterial options has no option "title"; it takes filename, contentType, size, timeout, signal',
    call('addMaterial', 'image', png, { title: 'x' }),
  ],
  [
    'addMaterial video misspelt description',
    'addMaterial options has no option "introdution" (did you mean "introduction"?)',
    call('addMaterial', 'video', png, { title: 't', introdution: 'x' }),
  ],
  ['downloadTemporaryMedia mediaId "../x"', 'mediaId must be a media id', call('downloadTemporaryMedia', 'a b')],
  [
    'downloadTemporaryMedia maxBytes 0',
    'options.maxBytes must be at least 1, got 0',
    call('downloadTemporaryMedia', 'MEDIA', { maxBytes: 0 }),
  ],
  [
    'downloadTemporaryMedia a misspelt option',
    'downloadTemporaryMedia options has no option "maxbytes" (did you mean "maxBytes"?)',
    call('downloadTemporaryMedia', 'MEDIA', { maxbytes: 10 }),
  ],
  ['downloadHdVoice null options', 'downloadHdVoice options must be an object, got null', call('downloadHdVoice', 'MEDIA', null)],
  ['getMaterial mediaId empty', 'mediaId must not be empty', call('getMaterial', '')],
  ['getMaterial unknown option', 'getMaterial options has no option "type"', call('getMaterial', 'MEDIA', { type: 'news' })],
  ['deleteMaterial mediaId with LF', 'mediaId must be a media id', call('deleteMaterial', 'MEDIA\n')],
  ['deleteMaterial null options', 'deleteMaterial options must be an object, got null', call('deleteMaterial', 'MEDIA', null)],
  ['getMaterialCount null options', 'getMaterialCount options must be an object, got null', call('getMaterialCount', null)],
  ['listMaterials count 21', 'options.count must be at most 20, got 21', call('listMaterials', 'image', { count: 21 })],
  ['listMaterials offset negative', 'options.offset must be at least 0, got -1', call('listMaterials', 'image', { offset: -1 })],
  [
    'listMaterials a misspelt option',
    'listMaterials options has no option "pageSize"; it takes offset, count, signal',
    call('listMaterials', 'image', { pageSize: 5 }),
  ],
  [
    'iterateMaterials a misspelt option',
    'iterateMaterials options has no option "pagesize" (did you mean "pageSize"?)',
    () => (f.iterateMaterials!(h.wx, 'image', { pagesize: 5 }) as AsyncGenerator).next(),
  ],
  [
    'downloadMediaUrl javascript:',
    'url must be an absolute http(s) URL, got a string of 19 characters (scheme javascript:)',
    call('downloadMediaUrl', 'javascript:alert(1)'),
  ],
  [
    'downloadMediaUrl relative',
    'url must be an absolute http(s) URL, got a string of 10 characters (a relative URL)',
    call('downloadMediaUrl', '/video.mp4'),
  ],
  ['downloadMediaUrl with CR/LF', 'url must not contain control characters', call('downloadMediaUrl', 'http://vweixinf.tc.qq.com/a\r\nb')],
  [
    'downloadMediaUrl null options',
    'downloadMediaUrl options must be an object, got null',
    call('downloadMediaUrl', 'https://e.com/v.mp4', null),
  ],
  [
    'fileFromPath a misspelt option',
    'fileFromPath options has no option "mimeType"',
    () => fileFromPath('/etc/hostname', { mimeType: 'text/plain' } as never),
  ],
]

describe('refuses bad input before any request', () => {
  h.refuses(rows)
})
