// The one place subscription-notification fields change between our camelCase and WeChat's wire form
// (snake_case on bizsend; camelCase like priTmplId and categoryId on the wxaapi/newtmpl paths).
import type { Category, KeywordInfo, SubscribeTemplate, TemplateTitle } from '../types'

export interface WireCategory {
  readonly id: number
  readonly name: string
}
export const category = (w: WireCategory): Category => ({ id: w.id, name: w.name })

export interface WireTitle {
  readonly tid: number
  readonly title: string
  readonly type: number
  readonly categoryId: number | string
}
export const title = (w: WireTitle): TemplateTitle => ({ tid: w.tid, title: w.title, type: w.type, categoryId: Number(w.categoryId) })

export interface WireKeyword {
  readonly kid: number
  readonly name: string
  readonly example: string
  readonly rule: string
}
export const keyword = (w: WireKeyword): KeywordInfo => ({ kid: w.kid, name: w.name, example: w.example, rule: w.rule })

export interface WireTemplate {
  readonly priTmplId: string
  readonly title: string
  readonly content: string
  readonly example: string
  readonly type: number
}
export const template = (w: WireTemplate): SubscribeTemplate => ({
  templateId: w.priTmplId,
  title: w.title,
  content: w.content,
  example: w.example,
  type: w.type,
  keys: [...(w.content ?? '').matchAll(/\{\{\s*(\w+)\.DATA\s*\}\}/g)].map((m) => m[1] as string),
})

export function addBody(tid: number, kids: readonly number[], sceneDesc: string | undefined) {
  return { tid: String(tid), kidList: kids, ...(sceneDesc === undefined ? {} : { sceneDesc }) }
}

export function sendBody(m: {
  readonly openid: string
  readonly templateId: string
  readonly page?: string | undefined
  readonly miniProgram?: { readonly appId: string; readonly pagePath?: string | undefined } | undefined
  readonly values: Readonly<Record<string, string>>
}) {
  const data: Record<string, { value: string }> = {}
  for (const [key, value] of Object.entries(m.values)) data[key] = { value }
  return {
    touser: m.openid,
    template_id: m.templateId,
    ...(m.page === undefined ? {} : { page: m.page }),
    ...(m.miniProgram === undefined
      ? {}
      : {
          miniprogram: {
            appid: m.miniProgram.appId,
            ...(m.miniProgram.pagePath === undefined ? {} : { pagepath: m.miniProgram.pagePath }),
          },
        }),
    data,
  }
}
