// Argument checks specific to @wxmp/user (the generic ones come from @wxmp/core).
import { assertOpenId } from '@wxmp/core'
import type { UserInfoLanguage } from '../types'

const LANGS: readonly string[] = ['zh_CN', 'zh_TW', 'en'] satisfies UserInfoLanguage[]

export function assertLang(value: unknown): asserts value is UserInfoLanguage | undefined {
  if (value === undefined) return
  if (typeof value !== 'string') throw new TypeError(`lang must be a string, got ${typeof value}`)
  if (!LANGS.includes(value)) throw new RangeError(`lang must be one of ${LANGS.join(', ')}, got ${JSON.stringify(value)}`)
}

/** A cursor is optional; when given it must be an openid ('' means from the start). */
export function assertCursor(name: string, value: unknown): asserts value is string | undefined {
  if (value === undefined || value === '') return
  assertOpenId(name, value)
}
