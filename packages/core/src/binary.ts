// Binary answers judged by their bytes: is this download a file or WeChat's JSON (an error, or
// video media's {video_url})? See judgeBinary.
import { concatBytes } from './bytes'
import { hasErrcode } from './errors'
import { parseJson } from './json'

/**
 * How a binary endpoint answered, judged by its bytes, never by its Content-Type label (WeChat has
 * sent images as `text/plain`, errcode JSON as `application/octet-stream` or unlabelled):
 * - `error`: a JSON object with `errcode != 0`;
 * - `json`: any other JSON object (e.g. `{"video_url": ...}`), as a Response labelled `application/json`;
 * - `unparsable`: starts like JSON, is labelled JSON, but does not parse (a cut-off answer);
 * - `file`: anything else, the original bytes as a stream (never decoded as text).
 */
export type BinaryAnswer =
  | { readonly kind: 'file'; readonly response: Response }
  | { readonly kind: 'json'; readonly response: Response; readonly data: Record<string, unknown> }
  | { readonly kind: 'error'; readonly data: { errcode: unknown; errmsg?: unknown } }
  | { readonly kind: 'unparsable' }

/**
 * The largest JSON answer of a binary endpoint: a news material of up to 8 articles, each `content`
 * under 1 MB (https://developers.weixin.qq.com/doc/service/api/material/permanent/api_getmaterial).
 * Only a body starting with `{` is read this far; no image, voice or video file does.
 */
const JSON_PEEK_LIMIT = 16 * 1024 * 1024

/**
 * Reads the first chunk of a binary answer to tell a JSON document from a file. A file is handed
 * back as a stream that replays what was peeked and then reads on from the connection, so a large
 * download is never buffered; only a body starting with `{` (after whitespace) is read further,
 * up to {@link JSON_PEEK_LIMIT} or `maxBytes` if smaller, to be parsed. `onEnd` is called once when the answer is done
 * with the connection: at once for a JSON answer or a file already read whole, and for a streamed
 * file when its body is read to the end, cancelled or fails.
 */
export async function judgeBinary(response: Response, onEnd: () => void = () => {}, maxBytes = JSON_PEEK_LIMIT): Promise<BinaryAnswer> {
  const body = response.body
  // Every answer but a file still streaming from the connection is done at once (restitch calls
  // onEnd for that one when its body ends).
  if (!body) {
    onEnd()
    return { kind: 'file', response }
  }
  const reader = body.getReader()
  const peeked: Uint8Array[] = []
  let size = 0
  let first = -1
  let ended = false
  // Read until the first non-whitespace byte is known.
  while (first === -1) {
    const { done, value } = await reader.read()
    if (done) {
      ended = true
      break
    }
    peeked.push(value)
    size += value.byteLength
    first = firstNonSpace(value)
  }
  const labelledJson = /json/i.test(response.headers.get('content-type') ?? '')
  // The answer handed on: the same status and headers, the content type relabelled when given.
  const answer = (bytes: BodyInit, type?: string): Response => {
    const headers = new Headers(response.headers)
    if (type) headers.set('content-type', type)
    return new Response(bytes, { status: response.status, statusText: response.statusText, headers })
  }
  if (first === 0x7b /* { */) {
    // The caller's own limit caps the read too: past it the body goes on as a file for its guard to refuse.
    while (!ended && size <= JSON_PEEK_LIMIT && size <= maxBytes) {
      const { done, value } = await reader.read()
      if (done) ended = true
      else {
        peeked.push(value)
        size += value.byteLength
      }
    }
    if (ended) {
      onEnd()
      const bytes = concatBytes(peeked)
      let data: unknown
      try {
        data = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
      } catch {
        data = undefined
      }
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
        if (hasErrcode(data)) return { kind: 'error', data }
        return { kind: 'json', data: data as Record<string, unknown>, response: answer(bytes, 'application/json; charset=utf-8') }
      }
      if (labelledJson) return { kind: 'unparsable' }
      return { kind: 'file', response: answer(bytes) }
    }
  }
  // A file. A label that claims JSON is wrong about it: say what is known, that it is bytes.
  return { kind: 'file', response: answer(restitch(peeked, reader, ended, onEnd), labelledJson ? 'application/octet-stream' : undefined) }
}

function firstNonSpace(chunk: Uint8Array): number {
  for (let i = 0; i < chunk.byteLength; i++) {
    const b = chunk[i] as number
    // JSON whitespace: space, tab, LF, CR (and a UTF-8 BOM's bytes are not skipped: no JSON then).
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b
  }
  return -1
}

/** The peeked chunks, then the rest of the connection, pulled only as the consumer reads. */
function restitch(
  peeked: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ended: boolean,
  onEnd: () => void,
): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (i < peeked.length) {
          controller.enqueue(peeked[i] as Uint8Array)
          peeked[i++] = EMPTY // let the chunk go once handed on
          return
        }
        try {
          const chunk = ended ? undefined : await reader.read()
          if (chunk && !chunk.done) return controller.enqueue(chunk.value)
        } catch (error) {
          onEnd()
          throw error
        }
        onEnd()
        controller.close()
      },
      cancel: (reason) => {
        onEnd()
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
const EMPTY = /* @__PURE__ */ new Uint8Array(0)
