// The draft box and publishing: the SDK calls behind data/publish.json and the typed results of the
// documented answers.
import {
  addDraft,
  countDrafts,
  deleteDraft,
  deletePublished,
  getDraft,
  getPublishedArticle,
  getPublishStatus,
  listDrafts,
  listPublished,
  publishDraft,
  updateDraft,
} from '@wxmp/publish'
import type { Cases } from './types'

const ARTICLE = {
  title: 'TITLE',
  author: 'AUTHOR',
  digest: 'DIGEST',
  content: 'CONTENT',
  contentSourceUrl: 'https://example.com/CONTENT_SOURCE_URL',
  thumbMediaId: 'THUMB_MEDIA_ID',
  needOpenComment: false,
  onlyFansCanComment: false,
}

const STORED = {
  type: 'news',
  title: 'TITLE',
  author: 'AUTHOR',
  digest: 'DIGEST',
  content: 'CONTENT',
  contentSourceUrl: 'CONTENT_SOURCE_URL',
  thumbMediaId: 'THUMB_MEDIA_ID',
  needOpenComment: false,
  onlyFansCanComment: false,
  url: 'URL',
}

export const publishCases: Cases = {
  'draft.add': {
    call: ({ wx }) =>
      addDraft(wx, [
        { ...ARTICLE, coverCrop: { wide: { x1: 0.1945, y1: 0, x2: 1, y2: 0.5236 }, square: { x1: 0.166454, y1: 0, x2: 0.833545, y2: 1 } } },
      ]),
    expect: { success: { mediaId: 'MEDIA_ID' } },
  },
  'draft.add.newspic': {
    call: ({ wx }) => addDraft(wx, [{ type: 'newspic', title: 'TITLE', content: 'CONTENT', imageMediaIds: ['IMAGE_MEDIA_ID'] }]),
    expect: { success: { mediaId: 'MEDIA_ID' } },
  },
  'draft.get': { call: ({ wx }) => getDraft(wx, 'MEDIA_ID'), expect: { success: { mediaId: 'MEDIA_ID', articles: [STORED] } } },
  'draft.update': { call: ({ wx }) => updateDraft(wx, 'MEDIA_ID', 0, ARTICLE), expect: { success: undefined } },
  'draft.delete': { call: ({ wx }) => deleteDraft(wx, 'MEDIA_ID'), expect: { success: undefined } },
  'draft.count': { call: ({ wx }) => countDrafts(wx), expect: { success: 15 } },
  'draft.batchget': {
    call: ({ wx }) => listDrafts(wx, { offset: 0, count: 10, noContent: false }),
    expect: { success: { totalCount: 1, items: [{ mediaId: 'MEDIA_ID', articles: [STORED], updateTime: 1643094017 }] } },
  },
  'freepublish.submit': {
    call: ({ wx }) => publishDraft(wx, 'MEDIA_ID'),
    expect: {
      success: { publishId: '100000001', msgDataId: undefined },
      'with-msg-data-id': { publishId: '100000001', msgDataId: '2247483673' },
    },
  },
  'freepublish.get': {
    call: ({ wx }) => getPublishStatus(wx, '100000001'),
    expect: {
      success: {
        state: 'published',
        status: 0,
        publishId: '100000001',
        articleId: 'ARTICLE_ID',
        articles: [{ idx: 1, url: 'ARTICLE_URL' }],
      },
      publishing: { state: 'publishing', status: 1, publishId: '100000001' },
      'original-check-failed': { state: 'original-check-failed', status: 2, publishId: '100000001', failIdx: [1, 2] },
      'general-failure-number-id': { state: 'failed', status: 3, publishId: '2247483655', failIdx: [1] },
    },
  },
  'freepublish.delete': { call: ({ wx }) => deletePublished(wx, 'ARTICLE_ID', { index: 1 }), expect: { success: undefined } },
  'freepublish.getarticle': {
    call: ({ wx }) => getPublishedArticle(wx, 'ARTICLE_ID'),
    expect: { success: { articleId: 'ARTICLE_ID', articles: [{ ...STORED, deleted: false }] } },
  },
  'freepublish.batchget': {
    call: ({ wx }) => listPublished(wx, { offset: 0, count: 10, noContent: false }),
    expect: {
      success: { totalCount: 1, items: [{ articleId: 'ARTICLE_ID', articles: [{ ...STORED, deleted: false }], updateTime: 1643094017 }] },
    },
  },
}
