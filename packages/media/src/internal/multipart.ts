// The multipart/form-data body of an upload, built here rather than by FormData so that it has an
// exact Content-Length whatever the source, and any fetch takes it (npm undici's fetch does not
// take the runtime's global FormData). The `media` part is described by filename, length and
// content-type, as WeChat's upload pages describe it:
// https://developers.weixin.qq.com/doc/service/api/material/permanent/api_addmaterial
// https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia
//
// A file in a Blob becomes a Blob of [head, file, tail]: Blob parts are referenced, not copied, so
// a file-backed Blob (openAsBlob) is still read from disk as it is sent. A stream of known size is
// streamed: pulled only as the connection takes it, never held.
import { chunkError, readSource, type ByteSource } from './source'

export interface MultipartUpload {
  readonly body: Blob | ReadableStream<Uint8Array>
  readonly headers: Record<string, string>
  /** Why a streamed body stopped early (more or fewer bytes than `size`, a non-byte chunk, the source's own error), once it has. */
  readonly failure?: () => Error | undefined
  /** Stops reading a streamed source and cancels it: called when the request has settled. */
  readonly release?: (reason?: unknown) => void
}

interface FilePart {
  readonly filename: string
  readonly contentType: string
}

const encoder = /* @__PURE__ */ new TextEncoder()

/** The head and tail around the file's bytes, and the headers naming the boundary. */
function frame(file: FilePart, fields: Readonly<Record<string, string>>) {
  const random = crypto.getRandomValues(new Uint8Array(12))
  const boundary = `----wxmp${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${escapeName(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
  )
  let tail = '\r\n'
  for (const [name, value] of Object.entries(fields)) {
    tail += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value.replace(/\r?\n|\r/g, '\r\n')}\r\n`
  }
  return { head, tail: encoder.encode(`${tail}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** The body `media` (the Blob) plus `fields`, as a multipart Blob (fetch takes its length from the Blob). */
export function blobMultipart(blob: Blob, file: FilePart, fields: Readonly<Record<string, string>>): MultipartUpload {
  const { head, tail, contentType } = frame(file, fields)
  // No Content-Length header: fetch sets it from the Blob's size, and undici refuses a body that
  // carries one of its own (UND_ERR_INVALID_ARG, with npm undici's global dispatcher installed).
  return { body: new Blob([head, blob, tail]), headers: { 'content-type': contentType } }
}

/**
 * The body `media` (`size` bytes from `source`) plus `fields`, streamed. The source must yield
 * exactly `size` bytes of Uint8Array chunks (empty ones are skipped): more, fewer or another kind
 * of chunk errors the body (the request is cut short, so WeChat stores nothing) and cancels the
 * source; `failure()` then says which. Chunks are sent as they are, not copied: a source must not
 * refill a chunk it has yielded.
 */
export function streamMultipart(
  source: ByteSource,
  size: number,
  file: FilePart,
  fields: Readonly<Record<string, string>>,
): MultipartUpload {
  const { head, tail, contentType } = frame(file, fields)
  const next = readSource(source)
  let failure: Error | undefined
  let released = false
  let sent = 0
  let started = false
  const stop = (error: Error): Error => {
    failure ??= error
    void next.cancel(error)
    return error
  }
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true
          controller.enqueue(head)
          return
        }
        // Loop past empty chunks: a pull that enqueues nothing is never called again.
        for (;;) {
          if (released) throw new Error('the upload has ended')
          let chunk: IteratorResult<unknown>
          try {
            chunk = await next.read()
          } catch (error) {
            // The source failed: the request is cut short with its error.
            failure ??= error instanceof Error ? error : new Error(String(error))
            throw failure
          }
          if (released) throw new Error('the upload has ended')
          if (chunk.done) {
            if (sent !== size) throw stop(new RangeError(`file stream ended after ${sent} bytes, but options.size is ${size}`))
            controller.enqueue(tail)
            controller.close()
            return
          }
          const value = chunk.value
          if (!(value instanceof Uint8Array)) throw stop(chunkError(value))
          sent += value.byteLength
          if (sent > size) throw stop(new RangeError(`file stream yielded more than options.size (${size} bytes)`))
          if (value.byteLength > 0) {
            controller.enqueue(value)
            return
          }
        }
      },
      cancel: (reason) => next.cancel(reason),
    },
    // Pull a chunk only when the connection wants one: nothing is read ahead.
    { highWaterMark: 0 },
  )
  return {
    body,
    headers: { 'content-type': contentType, 'content-length': String(head.byteLength + size + tail.byteLength) },
    failure: () => failure,
    // fetch does not cancel a request body when the request is aborted or answered early (undici
    // leaves it locked, part-read): the source is stopped here, so its file handle or producer ends.
    release: (reason) => {
      if (released) return
      released = true
      void next.cancel(reason)
    },
  }
}

/** Quotes in a part's name as the WHATWG FormData encoding does: `"`, CR and LF percent-encoded. */
function escapeName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}
