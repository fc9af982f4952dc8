// The account's industry, which decides the templates it may add (changeable once a month).
import { assertInteger, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'
import { industryClass, type WireIndustry } from './internal/wire'

/** Highest industry code in WeChat's table (1 = IT科技 互联网|电子商务 … 41 = 其它). */
export const INDUSTRY_MAX_ID = 41

export interface IndustryIds {
  /** Main industry code, 1–41. */
  readonly primary: number
  /** Second industry code, 1–41. */
  readonly secondary: number
}

export interface IndustryClass {
  /** e.g. `IT科技` */
  readonly firstClass: string
  /** e.g. `互联网|电子商务` */
  readonly secondClass: string
}

export interface Industry {
  /** Undefined while the account has set none. */
  readonly primary: IndustryClass | undefined
  readonly secondary: IndustryClass | undefined
}

/**
 * Sets the account's two industries by code (1–41, WeChat's industry table). WeChat allows one
 * change a month (43100 otherwise).
 *
 * @example
 * ```ts
 * await setIndustry(wx, { primary: 1, secondary: 4 }) // IT科技: 互联网|电子商务, 电子技术
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 */
export async function setIndustry(client: WeChatClient, industry: IndustryIds, options: CallOptions = {}): Promise<void> {
  assertOptions('setIndustry options', options, ['signal'])
  assertOptions('industry', industry, ['primary', 'secondary'])
  if (industry === undefined) throw new TypeError('industry must be an object { primary, secondary }, got undefined')
  assertInteger('industry.primary', industry.primary, { min: 1, max: INDUSTRY_MAX_ID })
  assertInteger('industry.secondary', industry.secondary, { min: 1, max: INDUSTRY_MAX_ID })
  await client.request('/cgi-bin/template/api_set_industry', {
    json: { industry_id1: String(industry.primary), industry_id2: String(industry.secondary) },
    signal: options.signal,
  })
}

/**
 * Reads the account's industries.
 *
 * @example
 * ```ts
 * const { primary } = await getIndustry(wx)
 * console.log(primary?.firstClass, primary?.secondClass) // IT科技 互联网|电子商务
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 */
export async function getIndustry(client: WeChatClient, options: CallOptions = {}): Promise<Industry> {
  assertOptions('getIndustry options', options, ['signal'])
  const answer = await client.request<WireIndustry>('/cgi-bin/template/get_industry', { signal: options.signal })
  return { primary: industryClass(answer.primary_industry), secondary: industryClass(answer.secondary_industry) }
}
