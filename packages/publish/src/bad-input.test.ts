// Every bad argument is refused before any request, with a message naming it. Limits from the doc:
// https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add (title at
// most 32 characters, author 16, digest 128, content under 20,000 characters (so under 1 MB), source link
// at most 1 KB, newspic 1-20 images), https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_batchget
// and freepublish/batchget (count 1-20), freepublish/delete (index 1-based, 0 for all).
import { describe, expect, it } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import * as api from './index'

const h = badInputHarness({ api })
const { call } = h
const ok = { title: 'T', content: '<p>c</p>', thumbMediaId: 'COVER' }
const pic = { type: 'newspic', title: 'P', content: 'c', imageMediaIds: ['I1'] }

const rows: readonly BadInputRow[] = [
  ['no articles', 'articles must not be empty', call('addDraft', [])],
  ['articles not an array', 'articles must be an array, got an object', call('addDraft', ok)],
  [
    'nine articles',
    'articles must have at most 8 items, got 9',
    call(
      'addDraft',
      Array.from({ length: 9 }, () => ok),
    ),
  ],
  ['a hole in the articles', 'articles[0] is missing', call('addDraft', [, ok])],
  ['a hole after the articles', 'articles[1] is missing', call('addDraft', Object.assign([ok], { length: 2 }))],
  ['a hole in the images', 'articles[0].imageMediaIds[0] is missing', call('addDraft', [{ ...pic, imageMediaIds: [, 'I1'] }])],
  ['an article null', 'articles[0] must be an object, got null', call('addDraft', [null])],
  [
    'a title of 33 characters',
    'articles[1].title must be at most 32 characters, got 33',
    call('addDraft', [ok, { ...ok, title: '标'.repeat(33) }]),
  ],
  ['an empty title', 'articles[0].title must not be empty', call('addDraft', [{ ...ok, title: '' }])],
  [
    'a title with a line break',
    'articles[0].title must not contain control characters (including line breaks), got U+000A at index 1',
    call('addDraft', [{ ...ok, title: 'a\nb' }]),
  ],
  [
    'a title with a tab',
    'articles[0].title must not contain control characters (including line breaks), got U+0009 at index 1',
    call('addDraft', [{ ...ok, title: 'a\tb' }]),
  ],
  [
    'a title with a right-to-left override',
    'articles[0].title must not contain control or bidi characters, got U+202E at index 5',
    call('addDraft', [{ ...ok, title: 'photo\u202Egpj.exe' }]),
  ],
  [
    'an author with an isolate',
    'articles[0].author must not contain control or bidi characters, got U+2066 at index 0',
    call('addDraft', [{ ...ok, author: '\u2066x' }]),
  ],
  [
    'a digest with a C1 control',
    'articles[0].digest must not contain control or bidi characters, got U+0085 at index 1',
    call('addDraft', [{ ...ok, digest: 'a\u0085b' }]),
  ],
  [
    'a digest with a line break',
    'articles[0].digest must not contain control characters (including line breaks), got U+000A at index 1',
    call('addDraft', [{ ...ok, digest: 'a\nb' }]),
  ],
  [
    'updateDraft a title with U+202E',
    'article.title must not contain control or bidi characters, got U+202E',
    call('updateDraft', 'M', 0, { ...ok, title: '\u202Ex' }),
  ],
  [
    'an author of 17 characters',
    'articles[0].author must be at most 16 characters, got 17',
    call('addDraft', [{ ...ok, author: 'a'.repeat(17) }]),
  ],
  [
    'a digest of 129 characters',
    'articles[0].digest must be at most 128 characters, got 129',
    call('addDraft', [{ ...ok, digest: 'd'.repeat(129) }]),
  ],
  [
    'content of 20,000 characters',
    'articles[0].content must be at most 19999 characters, got 20000',
    call('addDraft', [{ ...ok, content: 'x'.repeat(20_000) }]),
  ],
  [
    'content of 20,000 emoji (80 KB)',
    'articles[0].content must be at most 19999 characters, got 20000',
    call('addDraft', [{ ...ok, content: '😀'.repeat(20_000) }]),
  ],
  ['empty content', 'articles[0].content must not be empty', call('addDraft', [{ ...ok, content: '' }])],
  [
    'a relative source link',
    'articles[0].contentSourceUrl must be an absolute http(s) URL',
    call('addDraft', [{ ...ok, contentSourceUrl: '/menu' }]),
  ],
  [
    'a source link over 1 KB',
    'articles[0].contentSourceUrl must be at most 1024 characters, got 1045',
    call('addDraft', [{ ...ok, contentSourceUrl: `https://example.com/${'a'.repeat(1025)}` }]),
  ],
  [
    'needOpenComment as 1',
    'articles[0].needOpenComment must be a boolean, got number 1',
    call('addDraft', [{ ...ok, needOpenComment: 1 }]),
  ],
  [
    'a news article without a cover',
    'articles[0].thumbMediaId must be a string, got undefined',
    call('addDraft', [{ title: 'T', content: 'c' }]),
  ],
  [
    'WeChat spelling of a field',
    'articles[0] has no option "thumb_media_id" (did you mean "thumbMediaId"?)',
    call('addDraft', [{ title: 'T', content: 'c', thumb_media_id: 'X' }]),
  ],
  [
    'an unknown article type',
    "articles[0].type must be one of 'news', 'newspic', got \"video\"",
    call('addDraft', [{ ...ok, type: 'video' }]),
  ],
  ['a cover on a newspic article', 'articles[0] has no option "thumbMediaId"', call('addDraft', [{ ...pic, thumbMediaId: 'X' }])],
  ['a newspic without images', 'articles[0].imageMediaIds must not be empty', call('addDraft', [{ ...pic, imageMediaIds: [] }])],
  [
    'a newspic with 21 images',
    'articles[0].imageMediaIds must have at most 20 items, got 21',
    call('addDraft', [{ ...pic, imageMediaIds: Array.from({ length: 21 }, (_, i) => `I${i}`) }]),
  ],
  ['an empty image id', 'articles[0].imageMediaIds[1] must not be empty', call('addDraft', [{ ...pic, imageMediaIds: ['I1', ''] }])],
  [
    'a crop outside 0..1',
    'articles[0].coverCrop.wide.x2 must be from 0 to 1, got 1.5',
    call('addDraft', [{ ...ok, coverCrop: { wide: { x1: 0, y1: 0, x2: 1.5, y2: 1 } } }]),
  ],
  [
    'a crop upside down',
    'articles[0].coverCrop.square must have x1 < x2 and y1 < y2',
    call('addDraft', [{ ...ok, coverCrop: { square: { x1: 0.5, y1: 0, x2: 0.2, y2: 1 } } }]),
  ],
  [
    'a crop slot misspelt',
    'articles[0].coverCrop has no option "wides" (did you mean "wide"?)',
    call('addDraft', [{ ...ok, coverCrop: { wides: {} } }]),
  ],
  ['addDraft null options', 'addDraft options must be an object, got null', call('addDraft', [ok], null)],
  ['getDraft empty media id', 'mediaId must not be empty', call('getDraft', '')],
  ['getDraft media id with a line break', 'mediaId must not contain control characters', call('getDraft', 'a\nb')],
  ['updateDraft index 8', 'index must be at most 7, got 8', call('updateDraft', 'M', 8, ok)],
  ['updateDraft index -1', 'index must be at least 0, got -1', call('updateDraft', 'M', -1, ok)],
  [
    'updateDraft a title of 33',
    'article.title must be at most 32 characters, got 33',
    call('updateDraft', 'M', 0, { ...ok, title: 'x'.repeat(33) }),
  ],
  ['deleteDraft a number', 'mediaId must be a string, got number 5', call('deleteDraft', 5)],
  [
    'countDrafts a misspelt option',
    'countDrafts options has no option "signl" (did you mean "signal"?)',
    call('countDrafts', { signl: 1 }),
  ],
  ['listDrafts count 21', 'options.count must be at most 20, got 21', call('listDrafts', { count: 21 })],
  ['listDrafts offset -1', 'options.offset must be at least 0, got -1', call('listDrafts', { offset: -1 })],
  [
    'listDrafts no_content in WeChat spelling',
    'listDrafts options has no option "no_content" (did you mean "noContent"?)',
    call('listDrafts', { no_content: 1 }),
  ],
  [
    'iterateDrafts pageSize 0',
    'options.pageSize must be at least 1, got 0',
    () => (h.f.iterateDrafts!(h.wx, { pageSize: 0 }) as AsyncGenerator).next(),
  ],
  ['publishDraft empty media id', 'mediaId must not be empty', call('publishDraft', '')],
  ['getPublishStatus an unsafe number', 'publishId must be a safe integer', call('getPublishStatus', 2 ** 60)],
  [
    'getPublishStatus not decimal',
    'publishId must be a decimal id without sign or leading zeros, got "abc"',
    call('getPublishStatus', 'abc'),
  ],
  ['deletePublished index 9', 'options.index must be at most 8, got 9', call('deletePublished', 'A', { index: 9 })],
  ['deletePublished empty article id', 'articleId must not be empty', call('deletePublished', '')],
  ['getPublishedArticle a number', 'articleId must be a string, got number 1', call('getPublishedArticle', 1)],
  ['listPublished count 0', 'options.count must be at least 1, got 0', call('listPublished', { count: 0 })],
  [
    'iteratePublished a misspelt option',
    'iteratePublished options has no option "pagesize" (did you mean "pageSize"?)',
    () => (h.f.iteratePublished!(h.wx, { pagesize: 5 }) as AsyncGenerator).next(),
  ],
  ['waitForPublish intervalMs 0', 'options.intervalMs must be at least 1, got 0', call('waitForPublish', '1', { intervalMs: 0 })],
  [
    'waitForPublish max below the first',
    'options.maxIntervalMs must be at least 5000, got 100',
    call('waitForPublish', '1', { intervalMs: 5000, maxIntervalMs: 100 }),
  ],
  [
    'waitForPublish intervalMs past setTimeout',
    'options.intervalMs must be at most 2147483647, got 2147483648',
    call('waitForPublish', '1', { intervalMs: 2 ** 31, maxIntervalMs: 2 ** 31 }),
  ],
  [
    'waitForPublish maxIntervalMs past setTimeout',
    'options.maxIntervalMs must be at most 2147483647, got 4294967296',
    call('waitForPublish', '1', { maxIntervalMs: 2 ** 32 }),
  ],
  [
    'waitForPublish outcomes not from createPublishOutcomes',
    'options.outcomes must be what createPublishOutcomes() returns, got an object without its get method',
    call('waitForPublish', '1', { outcomes: {} }),
  ],
  [
    'waitForPublish outcomes without on',
    'options.outcomes must be what createPublishOutcomes() returns, got an object without its on method',
    call('waitForPublish', '1', { outcomes: { get: () => undefined } }),
  ],
  ['waitForPublish a bad publish id', 'publishId must be a decimal id', call('waitForPublish', '-1')],
]

describe('publish refuses bad input before any request', () => {
  h.refuses(rows)

  it('still makes a draft from good input', async () => {
    const before = await api.countDrafts(h.wx)
    await h.emu.control.seedDraft()
    expect(await api.countDrafts(h.wx)).toBe(before + 1)
  })
})
