// A Request's body for the push pipeline: bounded in size and in time, and a clear word when a
// framework's body parser got there first (README "Mounting").
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
    Math.max(0, deadline - Date.now()),
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
