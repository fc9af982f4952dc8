// The one place template fields change between our camelCase and WeChat's snake_case wire form.
import { toIdString } from '@wxmp/core'

export interface WireSend {
  readonly touser: string
  readonly template_id: string
  readonly url?: string
  readonly miniprogram?: { readonly appid: string; readonly pagepath?: string }
  readonly client_msg_id: string
  readonly data: Readonly<Record<string, { readonly value: string }>>
}

export interface WireSendAnswer {
  readonly msgid: string | number
}

export function sendBody(m: {
  readonly openid: string
  readonly templateId: string
  readonly url?: string | undefined
  readonly miniProgram?: { readonly appId: string; readonly pagePath?: string | undefined } | undefined
  readonly clientMsgId: string
  readonly values: Readonly<Record<string, string>>
}): WireSend {
  const data: Record<string, { value: string }> = {}
  for (const [key, value] of Object.entries(m.values)) data[key] = { value }
  return {
    touser: m.openid,
    template_id: m.templateId,
    ...(m.url === undefined ? {} : { url: m.url }),
    ...(m.miniProgram === undefined
      ? {}
      : {
          miniprogram: {
            appid: m.miniProgram.appId,
            ...(m.miniProgram.pagePath === undefined ? {} : { pagepath: m.miniProgram.pagePath }),
          },
        }),
    client_msg_id: m.clientMsgId,
    data,
  }
}

export const msgIdOf = (answer: WireSendAnswer): string => toIdString(answer.msgid)

export interface WireIndustryClass {
  readonly first_class?: string
  readonly second_class?: string
}

export interface WireIndustry {
  readonly primary_industry?: WireIndustryClass
  readonly secondary_industry?: WireIndustryClass
}

export function industryClass(wire: WireIndustryClass | undefined): { firstClass: string; secondClass: string } | undefined {
  if (!wire || (wire.first_class === undefined && wire.second_class === undefined)) return undefined
  return { firstClass: wire.first_class ?? '', secondClass: wire.second_class ?? '' }
}

export interface WireTemplate {
  readonly template_id: string
  readonly title?: string
  readonly primary_industry?: string
  readonly deputy_industry?: string
  readonly content?: string
  readonly example?: string
}

export function template(wire: WireTemplate) {
  const content = wire.content ?? ''
  return {
    templateId: wire.template_id,
    title: wire.title ?? '',
    primaryIndustry: wire.primary_industry ?? '',
    deputyIndustry: wire.deputy_industry ?? '',
    content,
    example: wire.example ?? '',
    keys: [...content.matchAll(/\{\{\s*(\w+)\.DATA\s*\}\}/g)].map((m) => m[1] as string),
  }
}
