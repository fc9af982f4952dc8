export { addDraft, getDraft, updateDraft, deleteDraft, countDrafts, listDrafts, iterateDrafts, LIST_MAX_COUNT } from './drafts'
export type { ListOptions, IterateOptions } from './drafts'
export { publishDraft, getPublishStatus, deletePublished, getPublishedArticle, listPublished, iteratePublished } from './publish'
export type { DeletePublishedOptions } from './publish'
export { waitForPublish, createPublishOutcomes } from './wait'
export type { WaitForPublishOptions, PublishOutcomes } from './wait'
export {
  DRAFT_MAX_ARTICLES,
  TITLE_MAX,
  AUTHOR_MAX,
  DIGEST_MAX,
  CONTENT_MAX_CHARS,
  SOURCE_URL_MAX_BYTES,
  NEWSPIC_MAX_IMAGES,
} from './internal/check'
export type {
  CropBox,
  ArticleFields,
  NewsDraftArticle,
  ImageDraftArticle,
  DraftArticle,
  StoredNewsArticle,
  StoredImageArticle,
  StoredArticle,
  PublishedArticle,
  Draft,
  Published,
  Page,
  PublishedLink,
  PublishStatus,
  FinishedPublishStatus,
  PublishJobFinishPush,
} from './types'
