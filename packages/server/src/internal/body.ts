// A push's body, bounded in size and in time, from a web Request (fetch) or a Node request (the node
// adapter, and fetch when @hono/node-server hands the Node request beside its Request), with a
// clear word when a framework's body parser got there first (README "Mounting"). No Node import:
// a Node request is read by its events.
import { concatBytes } from '@wxmp/core'

/** The body's bytes, or why not: stops reading (and cancels the stream) past `max` bytes or `deadline`. */
export async function readRequest(
  request: Request,
  max: number,
  deadline: number,
): Promise<Uint8Array | 'too-large' | 'timed-out' | 'consumed'> {
  const declared = Number(request.headers.get('content-length') ?? '')
  if (declared > max) return 'too-large'
  // Read by middleware (Hono's c.req.text(), a body parser): the stream is locked or used up.
  if (request.bodyUsed || request.body?.locked) return 'consumed'
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  // One timer for the whole read, not a race per chunk: at the deadline it cancels the stream,
  // which ends the pending read.
  let late = false
  const timer = setTimeout(
    () => {
      late = true
      void reader.cancel().catch(() => undefined)
    },
    // A deadline already past is a negative delay: timers run it at once (as dedup-run's do).
    deadline - Date.now(),
  )
  try {
    for (;;) {
      const next = await reader.read()
      if (late) return 'timed-out'
      if (next.done) break
      size += next.value.byteLength
      if (size > max) {
        void reader.cancel().catch(() => undefined)
        return 'too-large'
      }
      chunks.push(next.value)
    }
  } finally {
    clearTimeout(timer)
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : concatBytes(chunks)
}

/** The parts of an http.IncomingMessage read here. */
export interface NodeIncoming {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  on(event: 'data', listener: (chunk: Uint8Array) => void): this
  on(event: 'end', listener: () => void): this
  on(event: 'error', listener: (error: unknown) => void): this
  removeListener(event: 'data', listener: (chunk: Uint8Array) => void): unknown
  pause(): unknown
}

/** A Node request's body, or why not, as readRequest; past `max` or the deadline it is paused, not read further. */
export function readNodeBody(req: NodeIncoming, max: number, deadline: number): Promise<Uint8Array | 'too-large' | 'timed-out'> {
  if (Number(req.headers['content-length'] ?? '') > max) return Promise.resolve('too-large')
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let size = 0
    const done = (read: Uint8Array | 'too-large' | 'timed-out') => {
      clearTimeout(timer)
      req.removeListener('data', onData)
      resolve(read)
    }
    const stop = (why: 'too-large' | 'timed-out') => {
      req.pause()
      done(why)
    }
    const timer = setTimeout(stop, deadline - Date.now(), 'timed-out')
    const onData = (chunk: Uint8Array) => {
      size += chunk.byteLength
      if (size > max) stop('too-large')
      else chunks.push(chunk)
    }
    req
      .on('data', onData)
      .on('end', () => done(chunks.length === 1 ? (chunks[0] as Uint8Array) : concatBytes(chunks)))
      .on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
  })
}
