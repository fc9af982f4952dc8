// Every errcode answer's rid, remembered with the request behind it, so /cgi-bin/openapi/rid/get
// can tell what a failed call was (WeChat keeps them 7 days). Recorded by a middleware that wraps
// every WeChat route; the token check's own refusals happen before it and are not recorded.
import type { MiddlewareHandler } from 'hono'
import type { EmuEnv, EmulatorContext } from '../../context'

export interface RidRecord {
  readonly appId: string | undefined
  /** Epoch seconds, emulator clock. */
  readonly invokeTime: number
  readonly costInMs: number
  readonly requestUrl: string
  readonly requestBody: string
  readonly responseBody: string
  readonly clientIp: string
}

/** A week of rids (the doc: only the last 7 days can be queried). */
export const RID_TTL_MS = 7 * 24 * 3_600_000
const MAX_RIDS = 10_000

export const ridLog = new WeakMap<EmulatorContext, Map<string, RidRecord>>()

export function ridsOf(emu: EmulatorContext): Map<string, RidRecord> {
  let log = ridLog.get(emu)
  if (!log) ridLog.set(emu, (log = new Map()))
  return log
}

export function recordRids(emu: EmulatorContext): MiddlewareHandler<EmuEnv> {
  return async (c, next) => {
    const started = Date.now()
    await next()
    if (c.req.path.startsWith('/__emulator') || !(c.res.headers.get('Content-Type') ?? '').includes('json')) return
    // Only an errcode answer has a rid, and it is small: peek at the first chunk, so a 10,000-openid
    // page costs one chunk's look, not a copy.
    const reader = c.res.clone().body?.getReader()
    if (!reader) return
    const first = await reader.read()
    void reader.cancel()
    const text = first.value ? new TextDecoder().decode(first.value) : ''
    if (!/^\{"errcode":-?[1-9]/.test(text)) return
    const rid = /rid: ([\w-]+)/.exec(text)?.[1]
    if (!rid) return
    let body = ''
    try {
      body = (c.req.header('Content-Type') ?? 'application/json').includes('multipart') ? '' : await c.req.text()
    } catch {
      // A body the handler consumed as a stream cannot be read again; WeChat's record would have it.
    }
    const log = ridsOf(emu)
    if (log.size >= MAX_RIDS) log.delete(log.keys().next().value as string)
    log.set(rid, {
      appId: c.get('app')?.appId,
      invokeTime: Math.floor(emu.clock.now() / 1000),
      costInMs: Date.now() - started,
      requestUrl: new URL(c.req.url).search.slice(1),
      requestBody: body,
      responseBody: text,
      clientIp: c.req.header('x-forwarded-for') ?? '127.0.0.1',
    })
  }
}
