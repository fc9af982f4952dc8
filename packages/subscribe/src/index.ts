export { sendSubscribeMessage } from './send'
export type { SubscribeMessage, SubscribeMiniProgram, SubscribeValue, SubscribeSendResult } from './send'
export {
  getCategories,
  listPublicTemplateTitles,
  iteratePublicTemplateTitles,
  getPublicTemplateKeywords,
  addSubscribeTemplate,
  listSubscribeTemplates,
  deleteSubscribeTemplate,
  TITLES_PAGE_MAX,
  KEYWORDS_MIN,
  KEYWORDS_MAX,
  SCENE_DESC_MAX,
} from './templates'
export type { ListTitlesOptions, TitlesPage, AddSubscribeTemplateOptions } from './templates'
export type { Category, TemplateTitle, KeywordInfo, SubscribeTemplate } from './types'
export { parseSubscribeDetails } from './open-tag'
export type { SubscribeDetail } from './open-tag'
