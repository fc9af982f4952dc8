// The account's private templates: add one from the library, list them, delete one.
import { assertArray, assertOptions, assertString, type CallOptions, type WeChatClient } from '@wxmp/core'
import { template, type WireTemplate } from './internal/wire'

/** Private templates an account may hold. */
export const TEMPLATE_LIMIT = 25

/** A private template of the account. */
export interface PrivateTemplate {
  readonly templateId: string
  readonly title: string
  readonly primaryIndustry: string
  readonly deputyIndustry: string
  /** The layout with its keys: `商品名称:{{thing1.DATA}}\n...`. */
  readonly content: string
  readonly example: string
  /** The keys `content` declares, in order (`['thing1', 'time2']`): what a send's `data` needs. */
  readonly keys: readonly string[]
}

export interface AddTemplateOptions extends CallOptions {
  /**
   * Category templates: the keyword names to include, in order (`['商品名称', '发货时间']`).
   * Required for them; legacy templates take none.
   */
  readonly keywordNames?: readonly string[]
}

/**
 * Adds a template from WeChat's library by its short id (编号) and returns the new template id.
 * A category template (numeric short id) needs `keywordNames`, in order; WeChat answers 40246 for a
 * name the template does not have. An account holds at most 25 (45026 beyond).
 *
 * @example
 * ```ts
 * const templateId = await addTemplate(wx, '43216', { keywordNames: ['商品名称', '发货时间'] })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_addtemplate
 */
export async function addTemplate(client: WeChatClient, shortId: string, options: AddTemplateOptions = {}): Promise<string> {
  assertOptions('addTemplate options', options, ['keywordNames', 'signal'])
  assertString('shortId', shortId, { pattern: /^[\w-]+$/, patternText: 'a library template number (letters, digits, - and _)' })
  const names = options.keywordNames
  // A category template (a purely numeric number) is made of the keywords named: WeChat answers
  // 40246 without them (api_addtemplate), so say it here.
  if (names === undefined && /^\d+$/.test(shortId))
    throw new TypeError(`keywordNames must name the keywords of category template ${shortId}, in order (e.g. ['商品名称', '发货时间'])`)
  if (names !== undefined) {
    assertArray('keywordNames', names)
    names.forEach((n, i) => assertString(`keywordNames[${i}]`, n, { controls: 'none' }))
  }
  const answer = await client.request<{ template_id: string }>('/cgi-bin/template/api_add_template', {
    json: { template_id_short: shortId, ...(names === undefined ? {} : { keyword_name_list: names }) },
    signal: options.signal,
  })
  return answer.template_id
}

/**
 * Lists the account's private templates, each with the keys its content declares.
 *
 * @example
 * ```ts
 * for (const t of await listTemplates(wx)) console.log(t.templateId, t.title, t.keys)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 */
export async function listTemplates(client: WeChatClient, options: CallOptions = {}): Promise<PrivateTemplate[]> {
  assertOptions('listTemplates options', options, ['signal'])
  const answer = await client.request<{ template_list?: WireTemplate[] }>('/cgi-bin/template/get_all_private_template', {
    signal: options.signal,
  })
  return (answer.template_list ?? []).map(template)
}

/**
 * Deletes a private template.
 *
 * @example
 * ```ts
 * await deleteTemplate(wx, 'Dyvp3-Ff0cnail_CDSzk1fIc6-9lOkxsQE7exTJbwUE')
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 */
export async function deleteTemplate(client: WeChatClient, templateId: string, options: CallOptions = {}): Promise<void> {
  assertOptions('deleteTemplate options', options, ['signal'])
  assertString('templateId', templateId, { pattern: /^[\w-]+$/, patternText: 'a template id (letters, digits, - and _)' })
  await client.request('/cgi-bin/template/del_private_template', {
    json: { template_id: templateId },
    signal: options.signal,
  })
}
