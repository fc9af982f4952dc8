// @wxmp/server on node:http: `(req, res)` for http.createServer, Express, Fastify (raw), Koa
// (ctx.req/ctx.res). The web-standard handler stays the one implementation; this only converts.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { assertInteger, assertOptions } from '@wxmp/core/validate'
import { ANSWER, type AnswerFn } from './internal/answer'
import { readNodeBody } from './internal/body'
import { nodeCrypto } from './internal/node-crypto'

export { nodeCrypto }
import type { MessageServer } from './server'

export interface NodeHandlerOptions {
  /**
   * Largest body read from the socket, in bytes. A createMessageServer's body is read only once its
   * signature verified, and only up to the smaller of this and the server's own `maxBodyBytes`.
   * @default 1048576
   */
  readonly maxBodyBytes?: number
}

/** A node:http request listener; `next` (Express) receives conversion errors. */
export type NodeHandler = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next?: (error?: unknown) => void) => void

/**
 * Adapts a message server to node:http. A body that a framework already read (Express'
 * `express.text()` / `express.raw()`, putting a string or Buffer on `req.body`) is used as is.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createMessageServer } from '@wxmp/server'
 * import { toNodeHandler } from '@wxmp/server/node'
 *
 * createServer(toNodeHandler(createMessageServer({ appId, token, handle }))).listen(3000)
 * // Express: app.all('/wechat', toNodeHandler(server))
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function toNodeHandler(server: MessageServer, options: NodeHandlerOptions = {}): NodeHandler {
  if (typeof server?.fetch !== 'function') throw new TypeError('toNodeHandler: server must be what createMessageServer returned')
  assertOptions('toNodeHandler options', options, ['maxBodyBytes'])
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576
  assertInteger('maxBodyBytes', maxBodyBytes, { min: 256, max: 1_073_741_824 })
  return (req, res, next) => {
    handleNode(server, req, res, maxBodyBytes).catch((error: unknown) => {
      if (next) return next(error)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('internal error')
    })
  }
}

async function handleNode(
  server: MessageServer,
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  maxBodyBytes: number,
): Promise<void> {
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`
  const method = req.method ?? 'GET'
  const answer = (server as unknown as { [ANSWER]?: AnswerFn })[ANSWER]
  const given = req.body
  const preread = typeof given === 'string' ? new TextEncoder().encode(given) : given instanceof Uint8Array ? given : undefined
  if (answer && (preread || !req.readableEnded)) {
    // Our own server: straight to its runtime-free entry, no Request or Response in between, and
    // node:crypto's synchronous primitives unless the server was given its own `crypto`. The
    // body is read when the server asks for it (after the signature check), up to its own limit
    // and deadline.
    const a = await answer(
      method,
      url,
      (max, deadline) =>
        preread ? Promise.resolve(preread.length > max ? 'too-large' : preread) : readNodeBody(req, Math.min(max, maxBodyBytes), deadline),
      undefined,
      nodeCrypto,
    )
    const headers: Record<string, string> = a.type ? { 'content-type': a.type } : a.status === 405 ? { allow: 'GET, POST' } : {}
    // A refused request's body may be unread (or endless): close rather than drain it for keep-alive.
    if (a.status >= 400) headers.connection = 'close'
    res.writeHead(a.status, headers)
    res.end(a.body ?? undefined)
    return
  }
  let read: Uint8Array = new Uint8Array(0)
  if (method !== 'GET' && method !== 'HEAD') {
    if (typeof given !== 'string' && !(given instanceof Uint8Array) && req.readableEnded) {
      // A body parser (express.json(), express.urlencoded()) consumed the stream and kept an object:
      // the raw text is gone (64-bit ids, the exact XML), and waiting for more would hang.
      throw new TypeError(
        'toNodeHandler: the request body was already read by another middleware; mount the handler before body parsers, or use express.text({ type: "*/*" })',
      )
    }
    const body =
      typeof given === 'string'
        ? new TextEncoder().encode(given)
        : given instanceof Uint8Array
          ? given
          : await readNodeBody(req, maxBodyBytes, Date.now() + 60_000)
    if (typeof body === 'string') {
      res.writeHead(body === 'timed-out' ? 408 : 413, { connection: 'close' })
      res.end()
      return
    }
    read = body
  }
  const bytes = read
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'content-length') continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const response = await server.fetch(new Request(url, { method, headers, ...(hasBody ? { body: bytes as BodyInit } : {}) }))
  const out: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    out[name] = value
  })
  const payload = new Uint8Array(await response.arrayBuffer())
  res.writeHead(response.status, { ...out, 'content-length': String(payload.byteLength) })
  res.end(payload)
}
