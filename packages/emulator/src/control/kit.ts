// What every control route shares: which app a request names, its JSON body, and one way to refuse.
// Routes throw ControlError (or a TypeError / RangeError from a validator); `controlErrors` turns
// any of them into the control API's error shape, `{ error }` with a 4xx status.
import type { Context, ErrorHandler } from 'hono'
import type { AppState, EmuEnv, EmulatorContext } from '../context'
import { jsonText } from '../wechat'

/** A control request refused: the message says why, `status` is the HTTP status (4xx). */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 408 | 409 | 415 = 400,
  ) {
    super(message)
  }
}

/** The control sub-app's error handler: refusals become `{ error }`; anything else stays a bug (500). */
export const controlErrors: ErrorHandler<EmuEnv> = (err, c) => {
  if (err instanceof ControlError) return c.json({ error: err.message }, err.status)
  if (err instanceof TypeError || err instanceof RangeError) return c.json({ error: err.message }, 400)
  throw err
}

/** The app a control request names by `appId` (query or body); the first app when it names none. */
export function appOf(emu: Pick<EmulatorContext, 'apps'>, appId: unknown): AppState {
  if (appId !== undefined && appId !== null && typeof appId !== 'string') throw new ControlError('appId must be a string')
  const state = appId === undefined || appId === null || appId === '' ? emu.apps.values().next().value : emu.apps.get(appId)
  if (!state) throw new ControlError(`unknown appId ${String(appId)}`, 404)
  return state
}

export type Body = Record<string, unknown>

export const isObject = (v: unknown): v is Body => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The JSON object body; `{}` when empty. Control callers are tests: a bad body is a 400 that says why. */
export async function readBody(c: Context): Promise<Body> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ControlError('body is not JSON')
  }
  if (!isObject(parsed)) throw new ControlError('body must be a JSON object')
  return parsed
}

export function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new ControlError(`${name} must be a string`)
  return value
}

export function requiredString(value: unknown, name: string): string {
  const s = optionalString(value, name)
  if (s === undefined || s === '') throw new ControlError(`${name} is required`)
  return s
}

export function integer(value: unknown, name: string, min = 0): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) throw new ControlError(`${name} must be an integer >= ${min}`)
  return n
}

/** JSON with BigInt support (outbox payloads and pushes carry 64-bit ids). */
export function bigJson(c: Context, value: unknown): Response {
  return c.body(jsonText(value), 200, { 'Content-Type': 'application/json; charset=utf-8' })
}

/** Followers `from .. from+count-1` a bulk control route names, checked against the app's total. */
export function followerRange(state: AppState, b: Body): { from: number; count: number } {
  const from = integer(b.from ?? 0, 'from')
  const count = integer(b.count, 'count')
  if (from + count > state.followers.total) throw new ControlError(`from and count must name followers within 0..${state.followers.total}`)
  return { from, count }
}
