// Argument checks for groups and tags: names, ids and the ids WeChat keeps for itself.
import { assertInteger, assertString } from '@wxmp/core'

/** Ids WeChat reserves: 0 未分组 (ungrouped), 1 黑名单 (blacklist), 2 星标组 (starred). */
export const SYSTEM_IDS: Readonly<Record<number, string>> = { 0: '未分组', 1: '黑名单', 2: '星标组' }

/** Group names: at most 30 characters (WeChat 45017). */
export const GROUP_NAME_MAX_CHARS = 30
/** Tag names: at most 30 bytes of UTF-8, so 10 Chinese characters (WeChat 45158). */
export const TAG_NAME_MAX_BYTES = 30
/** Openids per batch move / tag / untag call. */
export const MEMBER_BATCH_MAX = 50

export function assertGroupName(name: unknown): asserts name is string {
  assertString('name', name, { max: GROUP_NAME_MAX_CHARS, controls: 'none' })
  if (name.trim() === '') throw new RangeError('name must not be blank')
}

export function assertTagName(name: unknown): asserts name is string {
  assertString('name', name, { maxBytes: TAG_NAME_MAX_BYTES, controls: 'none' })
  if (name.trim() === '') throw new RangeError('name must not be blank')
}

export function assertId(name: string, id: unknown): asserts id is number {
  // Above 2^53 a number is already another number (2^60 would tag users with a different id).
  assertInteger(name, id, { min: 0, max: Number.MAX_SAFE_INTEGER })
}

/** WeChat refuses to rename or delete its own groups and tags (45016 / 45058): say so first. */
export function assertChangeable(name: string, id: unknown, kind: 'group' | 'tag'): asserts id is number {
  assertId(name, id)
  const system = SYSTEM_IDS[id]
  if (system !== undefined)
    throw new RangeError(`${name} ${id} is WeChat's system ${kind} ${system}, which cannot be changed; ids 0, 1 and 2 are reserved`)
}
