// Fault injection: the next `times` requests to a path answer badly (slowly, with an errcode, a
// 5xx, a dropped connection or a broken body). With `phase: 'after'` the real handler runs first,
// so the request takes effect and only its answer is lost: "the send was accepted, the reply wasn't".
// `relabel` always runs the handler and changes only the answer's Content-Type.
import type { Context, MiddlewareHandler } from 'hono'
import type { EmuEnv } from './context'
import type { FaultSpec } from './types'
import type { FaultInfo } from './control-client'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { wxError } from './wechat'

interface Pending {
  readonly id: number
  readonly spec: FaultSpec
  remaining: number
}

const KINDS: ReadonlySet<string> = new Set(['latency', 'errcode', 'http', 'reset', 'malformed', 'relabel'])

/** A reason the spec is unusable, or undefined when it is fine. */
export function invalidFault(spec: Partial<FaultSpec>): string | undefined {
  if (typeof spec.path !== 'string' || !spec.path.startsWith('/')) return 'path must be a string starting with /'
  if (typeof spec.kind !== 'string' || !KINDS.has(spec.kind)) return `kind must be one of ${[...KINDS].join(', ')}`
  if (spec.phase !== undefined && spec.phase !== 'before' && spec.phase !== 'after') return "phase must be 'before' or 'after'"
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) return 'times must be a positive integer'
  if (spec.kind === 'relabel' && spec.contentType !== null && (typeof spec.contentType !== 'string' || spec.contentType === '')) {
    return 'relabel needs contentType: a non-empty string, or null to remove the header'
  }
  return undefined
}

function matches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern
}

/** The same status and bytes (streamed, not re-encoded) under another Content-Type, or none. */
function relabel(res: Response, contentType: string | null): Response {
  const headers = new Headers(res.headers)
  if (contentType === null) headers.delete('content-type')
  else headers.set('content-type', contentType)
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers })
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The Node response, when served by @hono/node-server. */
function outgoingOf(
  env: unknown,
): { writeHead(status: number, headers: Record<string, string>): void; end(body: Uint8Array): void } | undefined {
  return (
    env as { outgoing?: { writeHead(status: number, headers: Record<string, string>): void; end(body: Uint8Array): void } } | undefined
  )?.outgoing
}

/** The Node socket under the request, when served by @hono/node-server. */
function socketOf(env: unknown): { destroy(): void } | undefined {
  return (env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket
}

export class Faults {
  private pending: Pending[] = []
  private nextId = 1

  add(spec: FaultSpec): FaultInfo {
    const entry: Pending = { id: this.nextId++, spec, remaining: spec.times ?? 1 }
    this.pending.push(entry)
    return { ...spec, id: entry.id, remaining: entry.remaining }
  }

  list(): FaultInfo[] {
    return this.pending.map((p) => ({ ...p.spec, id: p.id, remaining: p.remaining }))
  }

  clear(): void {
    this.pending = []
  }

  /** Takes one use of the first fault matching `path` (faults queue in the order they were added). */
  take(path: string): FaultSpec | undefined {
    const hit = this.pending.find((p) => matches(p.spec.path, path))
    if (!hit) return undefined
    if (--hit.remaining <= 0) this.pending = this.pending.filter((p) => p !== hit)
    return hit.spec
  }

  middleware(): MiddlewareHandler<EmuEnv> {
    return async (c, next) => {
      const spec = this.take(c.req.path)
      if (!spec) return next()
      if (spec.kind === 'relabel') {
        await next()
        const contentType = spec.contentType ?? null
        const outgoing = outgoingOf(c.env)
        if (contentType === null && outgoing) {
          // @hono/node-server labels an unlabelled answer text/plain, so write it ourselves.
          const res = c.res
          const bytes = Buffer.from(await res.arrayBuffer())
          const headers: Record<string, string> = {}
          res.headers.forEach((v, k) => {
            if (k !== 'content-type' && k !== 'content-length' && k !== 'transfer-encoding') headers[k] = v
          })
          headers['content-length'] = String(bytes.byteLength)
          outgoing.writeHead(res.status, headers)
          outgoing.end(bytes)
          c.res = undefined
          c.res = RESPONSE_ALREADY_SENT
          return
        }
        const relabelled = relabel(c.res, contentType)
        c.res = undefined // else Hono merges the old headers back in
        c.res = relabelled
        return
      }
      if (spec.phase === 'after') {
        await next()
        if (spec.kind === 'latency') {
          await sleep(spec.ms ?? 1000)
          return
        }
        const body = spec.kind === 'malformed' ? await c.res.text() : ''
        c.res = undefined // drop the real answer whole, headers included
        c.res = this.answer(spec, c, body)
        return
      }
      if (spec.kind === 'latency') {
        await sleep(spec.ms ?? 1000)
        return next()
      }
      return this.answer(spec, c, '')
    }
  }

  private answer(spec: FaultSpec, c: Context<EmuEnv>, realBody: string): Response {
    switch (spec.kind) {
      case 'errcode':
        return wxError(c, spec.errcode ?? -1)
      case 'http': {
        const status = spec.status ?? 500
        return new Response(`<html><body><h1>${status}</h1>emulated fault</body></html>`, {
          status,
          headers: { 'Content-Type': 'text/html' },
        })
      }
      case 'malformed': {
        // The real answer cut in half when there is one, so it looks like a truncated transfer.
        const text = realBody.length > 1 ? realBody.slice(0, Math.ceil(realBody.length / 2)) : '{"errcode":0,"errmsg":"o'
        return new Response(text, { status: 200, headers: { 'Content-Type': 'application/json; encoding=utf-8' } })
      }
      case 'reset':
      default: {
        const socket = socketOf(c.env)
        if (socket) {
          socket.destroy()
          return new Response(null) // written to a dead socket: nothing reaches the client
        }
        // Without a socket (app.request() in-process) a body that errors is the closest thing.
        return new Response(new ReadableStream({ start: (ctrl) => ctrl.error(new Error('emulated connection reset')) }))
      }
    }
  }
}
