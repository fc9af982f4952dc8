// What a caller hands as a file's bytes without a length up front: a web stream or an async
// iterable. One way to read either a chunk at a time, and to tell its producer to stop when the
// upload is done with it early (uploads read into memory and streamed uploads both use it).
import { describeValue } from '@wxmp/core'

export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

export function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof ReadableStream !== 'undefined' && value instanceof ReadableStream
}

/** The error for a chunk that is not a Uint8Array. */
export function chunkError(value: unknown): TypeError {
  return new TypeError(`file stream must yield Uint8Array chunks, got ${describeValue(value)}`)
}

export interface SourceReader {
  read(): Promise<IteratorResult<unknown>>
  /** Tells the producer to stop (cancels the stream, ends the iterator); a no-op once it has ended. */
  cancel(reason: unknown): Promise<void>
}

export function readSource(source: ByteSource): SourceReader {
  let ended = false
  if (isReadableStream(source)) {
    if (source.locked) throw new TypeError('file stream is locked (another reader is reading it): pass a stream nobody has started reading')
    const r = source.getReader()
    return {
      read: async () => {
        const result = (await r.read()) as IteratorResult<unknown>
        if (result.done) ended = true
        return result
      },
      cancel: async (reason) => {
        if (ended) return
        ended = true
        await r.cancel(reason).catch(() => {})
      },
    }
  }
  const it = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]()
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
