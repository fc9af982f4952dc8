// A multipart/form-data body streamed from a file of known length: the bytes pass through as the
// connection takes them, so an upload never holds the file in memory, and the Content-Length is
// exact (WeChat's upload pages describe the `media` part by its filename, filelength and
// content-type; a length-less chunked body is not what they document).
// https://developers.weixin.qq.com/doc/service/api/material/permanent/api_addmaterial
// https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia
import { describeValue } from '@wxmp/core'

export interface StreamedMultipart {
  readonly body: ReadableStream<Uint8Array>
  readonly headers: Record<string, string>
  /** Why the body stopped early (the source gave more or fewer bytes than `size`, or a non-byte chunk), once it has. */
  readonly failure: () => Error | undefined
}

const encoder = /* @__PURE__ */ new TextEncoder()

/**
 * The body `media` (the file, `size` bytes from `source`) plus `fields`, as multipart/form-data.
 * The source must yield exactly `size` bytes of Uint8Array chunks: more, fewer or another kind of
 * chunk errors the body (the request is cut short, so WeChat stores nothing) and cancels the source;
 * `failure()` then says which.
 */
export function streamMultipart(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  size: number,
  file: { readonly filename: string; readonly contentType: string },
  fields: Readonly<Record<string, string>>,
): StreamedMultipart {
  const random = crypto.getRandomValues(new Uint8Array(12))
  const boundary = `----wxmp${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${escapeName(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
  )
  let tailText = '\r\n'
  for (const [name, value] of Object.entries(fields)) {
    tailText += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value.replace(/\r?\n|\r/g, '\r\n')}\r\n`
  }
  const tail = encoder.encode(`${tailText}--${boundary}--\r\n`)

  const next = reader(source)
  let failure: Error | undefined
  let sent = 0
  let started = false
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true
          controller.enqueue(head)
          return
        }
        let chunk: IteratorResult<unknown>
        try {
          chunk = await next.read()
        } catch (error) {
          // The source failed: the request is cut short with its error.
          failure = error instanceof Error ? error : new Error(String(error))
          throw failure
        }
        if (chunk.done) {
          if (sent !== size) throw stop(new RangeError(`file stream ended after ${sent} bytes, but options.size is ${size}`))
          controller.enqueue(tail)
          controller.close()
          return
        }
        const value = chunk.value
        if (!(value instanceof Uint8Array)) throw stop(new TypeError(`file stream must yield Uint8Array chunks, got ${describeValue(value)}`))
        sent += value.byteLength
        if (sent > size) throw stop(new RangeError(`file stream yielded more than options.size (${size} bytes)`))
        if (value.byteLength > 0) controller.enqueue(value)
      },
      // The request was aborted or failed: the producer stops too.
      cancel: (reason) => next.cancel(reason),
    },
    // Pull a chunk only when the connection wants one: nothing is read ahead.
    { highWaterMark: 0 },
  )
  const stop = (error: Error): Error => {
    failure = error
    void next.cancel(error)
    return error
  }
  return {
    body,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.byteLength + size + tail.byteLength),
    },
    failure: () => failure,
  }
}

/** Quotes in a part's name as the WHATWG FormData encoding does: `"`, CR and LF percent-encoded. */
function escapeName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

interface Reader {
  read(): Promise<IteratorResult<unknown>>
  cancel(reason: unknown): Promise<void>
}

/** One way to read a web stream or an async iterable, and to tell its producer to stop. */
function reader(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): Reader {
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
    const r = source.getReader()
    return {
      read: () => r.read() as Promise<IteratorResult<unknown>>,
      cancel: (reason) => r.cancel(reason).catch(() => {}),
    }
  }
  const it = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]()
  let ended = false
  return {
    read: async () => {
      const result = await it.next()
      if (result.done) ended = true
      return result
    },
    cancel: async () => {
      if (ended) return
      ended = true
      try {
        await it.return?.()
      } catch {
        // The producer failed while stopping: nothing more to tell it.
      }
    },
  }
}
