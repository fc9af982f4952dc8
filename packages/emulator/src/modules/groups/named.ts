// Create, rename and delete: the legacy groups API and the tags API are one record store with two
// dialects (body key, name rule, errcodes), so one set of handlers serves both.
import type { Context } from 'hono'
import type { AppState, EmuEnv, EmuHono } from '../../context'
import { SYSTEM_TAG_IDS } from '../../model/tags'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'

const MAX_RECORDS = 100
const encoder = new TextEncoder()

export const intOf = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined

export interface Dialect {
  /** `group` or `tag`: the body key and the path segment (`/cgi-bin/groups/...`, `/cgi-bin/tags/...`). */
  readonly key: 'group' | 'tag'
  /** Name too long (groups count characters, tags UTF-8 bytes; both 30). */
  readonly tooLong: (name: string) => boolean
  readonly errcodes: {
    readonly badName: number
    readonly longName: number
    readonly unknown: number
    readonly system: number
    readonly full: number
  }
  /** Members above which a delete is refused (45057), if any. */
  readonly deleteMaxFans?: number
}

/** 分组 rules: 40051 empty or taken, 45017 over 30 characters, 40050 unknown, 45016 system, 45018 full. */
export const GROUPS: Dialect = {
  key: 'group',
  tooLong: (name) => [...name].length > 30,
  errcodes: { badName: 40051, longName: 45017, unknown: 40050, system: 45016, full: 45018 },
}

/** 标签 rules: 45157 empty or taken, 45158 over 30 bytes, 45159 unknown, 45058 system, 45056 full. */
export const TAGS: Dialect = {
  key: 'tag',
  tooLong: (name) => encoder.encode(name).length > 30,
  errcodes: { badName: 45157, longName: 45158, unknown: 45159, system: 45058, full: 45056 },
  deleteMaxFans: 100_000,
}

type NamedBody = Partial<Record<'group' | 'tag', { id?: unknown; name?: unknown }>>

function nameError(d: Dialect, state: AppState, name: unknown, self?: number): number | undefined {
  if (typeof name !== 'string' || name.trim() === '') return d.errcodes.badName
  if (d.tooLong(name)) return d.errcodes.longName
  const other = state.tags.findByName(name)
  return other && other.id !== self ? d.errcodes.badName : undefined
}

/** The record id a body names, or the errcode: unknown, or one of the system records (0, 1, 2). */
function targetId(d: Dialect, state: AppState, body: NamedBody): number | { errcode: number } {
  const id = intOf(body[d.key]?.id)
  if (id !== undefined && SYSTEM_TAG_IDS.includes(id)) return { errcode: d.errcodes.system }
  if (id === undefined || !state.tags.get(id)) return { errcode: d.errcodes.unknown }
  return id
}

export function namedRoutes(hono: EmuHono, d: Dialect): void {
  const base = `/cgi-bin/${d.key}s`
  hono.post(`${base}/create`, async (c: Context<EmuEnv>) => {
    const body = await readJson<NamedBody>(c)
    if (body instanceof Response) return body
    const state = c.get('appState')
    const name = body[d.key]?.name
    const bad = nameError(d, state, name)
    if (bad !== undefined) return wxError(c, bad)
    if (state.tags.userTagCount >= MAX_RECORDS) return wxError(c, d.errcodes.full)
    const record = state.tags.create(name as string)
    return wxJson(c, { [d.key]: { id: record.id, name: record.name } })
  })

  hono.post(`${base}/update`, async (c: Context<EmuEnv>) => {
    const body = await readJson<NamedBody>(c)
    if (body instanceof Response) return body
    const state = c.get('appState')
    const id = targetId(d, state, body)
    if (typeof id !== 'number') return wxError(c, id.errcode)
    const bad = nameError(d, state, body[d.key]?.name, id)
    if (bad !== undefined) return wxError(c, bad)
    state.tags.get(id)!.name = body[d.key]!.name as string
    return wxOk(c)
  })

  hono.post(`${base}/delete`, async (c: Context<EmuEnv>) => {
    const body = await readJson<NamedBody>(c)
    if (body instanceof Response) return body
    const state = c.get('appState')
    const id = targetId(d, state, body)
    if (typeof id !== 'number') return wxError(c, id.errcode)
    if (d.deleteMaxFans !== undefined && state.tags.count(id) > d.deleteMaxFans) return wxError(c, 45057)
    // Members fall back to their next tag (or 未分组): the store drops the id from each user.
    state.tags.delete(id)
    return wxOk(c)
  })
}
