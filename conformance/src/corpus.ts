// WeChat's documented requests and answers, kept as data in ../data/<area>.json, each entry with the
// doc page it came from. Written from WeChat's documentation, not from our code or our emulator.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** A multipart field as documented: a file under this field name, or a text field (JSON when `json`). */
export type DocField =
  | { readonly file: true; readonly filename?: string; readonly contentType?: string }
  | { readonly json: unknown }
  | string

export interface DocRequest {
  readonly method: 'GET' | 'POST'
  /** Path on the API host (or on `host` when given). */
  readonly path: string
  readonly host?: string
  /** Every query parameter the request carries; `ACCESS_TOKEN`, `APPID`, `SECRET` as in the docs. */
  readonly query?: Readonly<Record<string, string>>
  /** The documented JSON body. */
  readonly body?: unknown
  /** The documented multipart fields. */
  readonly multipart?: Readonly<Record<string, DocField>>
}

/** One documented answer: JSON (`body`, or `raw` text where 64-bit integers must stay exact) or bytes. */
export interface DocAnswer {
  readonly status?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: unknown
  readonly raw?: string
  readonly base64?: string
  /** Where this answer comes from when it is not `doc` (an errcode page, wechat-api.md). */
  readonly source?: string
}

export interface DocEntry {
  /** `<area>.<endpoint>[.<variant>]`: one documented request. */
  readonly id: string
  /** The WeChat doc page the request and answers come from. */
  readonly doc: string
  readonly request: DocRequest
  /** Named answers; `success` first; an errcode answer is named by its code. */
  readonly answers: Readonly<Record<string, DocAnswer>>
  readonly note?: string
}

export interface DocArea {
  readonly area: string
  readonly entries: readonly DocEntry[]
}

const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url))

export function loadCorpus(): DocArea[] {
  return readdirSync(DATA_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(DATA_DIR + f, 'utf8')) as DocArea)
}

/** The errcode of an answer, or 0 for a success. */
export function errcodeOf(answer: DocAnswer): number {
  const text = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body))
  const m = /"errcode"\s*:\s*(-?\d+)/.exec(text)
  return m ? Number(m[1]) : 0
}
