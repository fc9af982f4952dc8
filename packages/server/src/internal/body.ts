// A Request's body for the push pipeline: bounded in size and in time, and a clear word when a
// framework's body parser got there first (README "Mounting").
import { concatBytes } from '@wxmp/core'

/** The body's bytes, or why not: stops reading (and cancels the stream) past `max` bytes or `deadline`. */
export async function readRequest(request: Request, max: number, deadline: number): Promise<Uint8Array | 'too-large' | 'timed-out' | 'consumed'> {
  const declared = Number(request.headers.get('content-length') ?? '')
  if (declared > max) return 'too-large'
  // Read by middleware (Hono's c.req.text(), a body parser): the stream is locked or used up.
  if (request.bodyUsed || request.body?.locked) return 'consumed'
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<'timed-out'>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()), 'timed-out')))
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), late])
      if (next === 'timed-out' || next.done) {
        if (next !== 'timed-out') break
        void reader.cancel().catch(() => undefined)
        return 'timed-out'
      }
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
