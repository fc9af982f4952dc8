// Subscription templates: the account's categories, the public library's titles and keywords, and
// the account's own templates (add, list, delete).
import { assertArray, assertInteger, assertOptions, assertString, type CallOptions, type WeChatClient } from '@wxmp/core'
import type { Category, KeywordInfo, SubscribeTemplate, TemplateTitle } from './types'
import {
  addBody,
  category,
  keyword,
  template,
  title,
  type WireCategory,
  type WireKeyword,
  type WireTemplate,
  type WireTitle,
} from './internal/wire'

/** Titles a page of {@link listPublicTemplateTitles} holds at most (the doc: limit ≤ 30). */
export const TITLES_PAGE_MAX = 30
/** Keywords a template combines: at least 2, at most 5 (the addtemplate doc). */
export const KEYWORDS_MIN = 2
export const KEYWORDS_MAX = 5
/** Characters a scene description may have (the addtemplate doc: 15 以内). */
export const SCENE_DESC_MAX = 15

const TEMPLATE_ID = { pattern: /^[\w-]+$/, patternText: 'a template id (letters, digits, - and _)' }

/**
 * The service categories of the account (the ones public templates are listed under).
 *
 * @example
 * ```ts
 * const categories = await getCategories(wx)   // [{ id: 616, name: '公交' }]
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getcategory.html
 */
export async function getCategories(client: WeChatClient, options: CallOptions = {}): Promise<Category[]> {
  assertOptions('getCategories options', options, ['signal'])
  const answer = await client.request<{ data?: WireCategory[] }>('/wxaapi/newtmpl/getcategory', { signal: options.signal })
  return (answer.data ?? []).map(category)
}

export interface ListTitlesOptions extends CallOptions {
  /** Position of the first title, from 0. @default 0 */
  readonly start?: number
  /** Titles in the page, 1 to 30. @default 30 */
  readonly limit?: number
}

/** A page of public template titles, with the total count across pages. */
export interface TitlesPage {
  readonly count: number
  readonly titles: readonly TemplateTitle[]
}

function checkCategoryIds(categoryIds: unknown): asserts categoryIds is readonly number[] {
  assertArray('categoryIds', categoryIds, { min: 1 })
  categoryIds.forEach((id, i) => assertInteger(`categoryIds[${i}]`, id, { min: 1 }))
}

/**
 * One page of the public template titles under the given categories (`limit` at most 30).
 *
 * @example
 * ```ts
 * const { count, titles } = await listPublicTemplateTitles(wx, [616], { start: 0, limit: 30 })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getpubnewtemplatetitles.html
 */
export async function listPublicTemplateTitles(
  client: WeChatClient,
  categoryIds: readonly number[],
  options: ListTitlesOptions = {},
): Promise<TitlesPage> {
  assertOptions('listPublicTemplateTitles options', options, ['start', 'limit', 'signal'])
  checkCategoryIds(categoryIds)
  const { start = 0, limit = TITLES_PAGE_MAX } = options
  assertInteger('start', start, { min: 0 })
  assertInteger('limit', limit, { min: 1, max: TITLES_PAGE_MAX })
  const answer = await client.request<{ count?: number; data?: WireTitle[] }>('/wxaapi/newtmpl/getpubtemplatetitles', {
    query: { ids: categoryIds.join(','), start, limit },
    signal: options.signal,
  })
  return { count: answer.count ?? 0, titles: (answer.data ?? []).map(title) }
}

/**
 * Every public template title under the given categories, a page (30) at a time.
 *
 * @example
 * ```ts
 * for await (const t of iteratePublicTemplateTitles(wx, [616])) if (t.title.includes('到货')) console.log(t.tid)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getpubnewtemplatetitles.html
 */
export async function* iteratePublicTemplateTitles(
  client: WeChatClient,
  categoryIds: readonly number[],
  options: CallOptions = {},
): AsyncGenerator<TemplateTitle, void, undefined> {
  assertOptions('iteratePublicTemplateTitles options', options, ['signal'])
  checkCategoryIds(categoryIds)
  for (let start = 0; ; ) {
    const page = await listPublicTemplateTitles(client, categoryIds, {
      start,
      limit: TITLES_PAGE_MAX,
      ...(options.signal ? { signal: options.signal } : {}),
    })
    yield* page.titles
    start += page.titles.length
    // An empty page or the count reached ends it: a count that never comes cannot loop us forever.
    if (page.titles.length === 0 || start >= page.count) return
  }
}

/**
 * The keywords of a public template title: each one's id, name, example and value kind (`rule`).
 *
 * @example
 * ```ts
 * const keywords = await getPublicTemplateKeywords(wx, 99)   // [{ kid: 1, name: '物品名称', rule: 'thing', ... }]
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getpubnewtemplatekeywords.html
 */
export async function getPublicTemplateKeywords(client: WeChatClient, tid: number, options: CallOptions = {}): Promise<KeywordInfo[]> {
  assertOptions('getPublicTemplateKeywords options', options, ['signal'])
  assertInteger('tid', tid, { min: 1 })
  const answer = await client.request<{ data?: WireKeyword[] }>('/wxaapi/newtmpl/getpubtemplatekeywords', {
    query: { tid },
    signal: options.signal,
  })
  return (answer.data ?? []).map(keyword)
}

export interface AddSubscribeTemplateOptions extends CallOptions {
  /** The service scene (服务场景描述), at most 15 characters. */
  readonly sceneDesc?: string
}

/**
 * Adds a public template to the account with the keywords chosen (2 to 5 keyword ids, in the order
 * shown) and returns the new template id.
 *
 * @example
 * ```ts
 * const templateId = await addSubscribeTemplate(wx, 99, [1, 2, 3], { sceneDesc: '到货提醒' })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_addwxanewtemplate.html
 */
export async function addSubscribeTemplate(
  client: WeChatClient,
  tid: number,
  keywordIds: readonly number[],
  options: AddSubscribeTemplateOptions = {},
): Promise<string> {
  assertOptions('addSubscribeTemplate options', options, ['sceneDesc', 'signal'])
  assertInteger('tid', tid, { min: 1 })
  assertArray('keywordIds', keywordIds, { min: KEYWORDS_MIN, max: KEYWORDS_MAX })
  keywordIds.forEach((kid, i) => assertInteger(`keywordIds[${i}]`, kid, { min: 1 }))
  if (options.sceneDesc !== undefined) assertString('sceneDesc', options.sceneDesc, { max: SCENE_DESC_MAX, controls: 'none' })
  const answer = await client.request<{ priTmplId: string }>('/wxaapi/newtmpl/addtemplate', {
    json: addBody(tid, keywordIds, options.sceneDesc),
    signal: options.signal,
  })
  return answer.priTmplId
}

/**
 * The account's subscription templates, each with the keys its content declares.
 *
 * @example
 * ```ts
 * for (const t of await listSubscribeTemplates(wx)) console.log(t.templateId, t.title, t.keys)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getwxapubnewtemplate.html
 */
export async function listSubscribeTemplates(client: WeChatClient, options: CallOptions = {}): Promise<SubscribeTemplate[]> {
  assertOptions('listSubscribeTemplates options', options, ['signal'])
  const answer = await client.request<{ data?: WireTemplate[] }>('/wxaapi/newtmpl/gettemplate', { signal: options.signal })
  return (answer.data ?? []).map(template)
}

/**
 * Deletes one of the account's subscription templates.
 *
 * @example
 * ```ts
 * await deleteSubscribeTemplate(wx, 'wDYzYZVxobJivW9oMpSCpuvACOfJXQIoKUm0PY397Tc')
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_delwxanewtemplate.html
 */
export async function deleteSubscribeTemplate(client: WeChatClient, templateId: string, options: CallOptions = {}): Promise<void> {
  assertOptions('deleteSubscribeTemplate options', options, ['signal'])
  assertString('templateId', templateId, TEMPLATE_ID)
  await client.request('/wxaapi/newtmpl/deltemplate', { json: { priTmplId: templateId }, signal: options.signal })
}
