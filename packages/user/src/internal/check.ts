// Argument checks specific to @wxmp/user (the generic ones come from @wxmp/core).
import { assertOneOf, assertOpenId } from '@wxmp/core'
import type { UserInfoLanguage } from '../types'

const LANGS: readonly string[] = ['zh_CN', 'zh_TW', 'en'] satisfies UserInfoLanguage[]

export function assertLang(value: unknown): asserts value is UserInfoLanguage | undefined {
  if (value === undefined) return
  assertOneOf('lang', value, LANGS)
}

/** A cursor is optional; when given it must be an openid ('' means from the start). */
export function assertCursor(name: string, value: unknown): asserts value is string | undefined {
  if (value === undefined || value === '') return
  assertOpenId(name, value)
}
