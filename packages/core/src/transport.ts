// One attempt of one call: ky sends the request through the client's `fetch`, the answer is read
// and classified. Retries and token handling live in client.ts.
//
// ky is the HTTP layer, called as cheaply as it allows: one instance per client, made at
// createClient time with everything wxmp does itself turned off (retry 0, timeout false,
// throwHttpErrors false), and a beforeRequest hook that sends what ky built to the client's fetch.
// That hook skips ky's #fetch step, which with retry 0 only costs: it looks for unknown options,
// clones the Request for retries that cannot happen (a tee of the body: an upload was buffered a
// second time until the answer came) and wraps fetch in its timeout. See README "Performance".
import ky, { type KyInstance, type Options as KyOptions } from 'ky'
import { WeChatApiError, WeChatTransportError, type RequestSummary } from './errors'
import { parseJsonLossless } from './json'
import { redactData, redactText, redactUrl } from './redact'
import { onAbort } from './internal/abort'
import { concatBytes } from './bytes'

export type FetchLike = typeof globalThis.fetch

/**
 * The client's ky instance. `fetch` is resolved per call when the client was given none, so a
 * global fetch patched after createClient is still used. ky builds the request (URL, method, merged
 * headers) and runs it through its pipeline; the hook sends it once, as `fetch(url, init)`, with
 * the body and wxmp's signal (the shared timeout slot, or one tied to the caller's), and hands the
 * answer back to ky as its Response. Body and signal reach the hook through ky's `context`:
 * - ky's `signal` option would cost an AbortSignal.any per call;
 * - ky's `body` option would put the body into ky's own Request, which the hook does not send: a
 *   string became a stream nobody reads (a ReadableStream per call, costly on Node 20), and an
 *   upload stream was owned, and cancelled afterwards, by a Request that never went out.
 * Why parts and not ky's Request: fetch copies a Request it is given; the copy follows the
 * original's signal and pipes a body through a second stream. A fetch of the parts builds one
 * Request, as a hand-written fetch does, and any fetch-shaped function (npm undici's, a test
 * server's) takes them as they are.
 * A fetch from another realm (npm undici's) has its Response re-wrapped: ky only takes a global
 * Response from a hook and would otherwise send the request a second time.
 */
export function createHttp(fetchImpl: FetchLike | undefined): KyInstance {
  const fetchNow: FetchLike = fetchImpl ?? ((input, init) => globalThis.fetch(input, init))
  return ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    fetch: fetchNow,
    hooks: {
      beforeRequest: [
        async (request, options) => {
          // Headers as a plain record: what fetch wrappers spread and index (`{ ...init.headers }`).
          const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: Object.fromEntries(options.headers as Headers) }
          const { signal, body } = options.context as Partial<HttpContext>
          if (signal) init.signal = signal
          if (body != null) {
            init.body = body
            // A stream is sent as it is read (never buffered); fetch requires saying so.
            if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) init.duplex = 'half'
          }
          const response: Response = await fetchNow(request.url, init)
          if (response instanceof Response) return response
          const foreign = response as Response
          return new Response(foreign.body, { status: foreign.status, statusText: foreign.statusText, headers: foreign.headers })
        },
      ],
    },
  })
}

/** What `send` hands the hook through ky's `context`. */
interface HttpContext {
  readonly signal: AbortSignal | undefined
  readonly body: BodyInit | undefined
}

export interface Attempt {
  readonly method: 'GET' | 'POST'
  /** The full URL, secrets included: it goes on the wire and nowhere else. */
  readonly url: string
  readonly path: string
  readonly body: BodyInit | undefined
  readonly headers: Record<string, string> | undefined
  readonly signal: AbortSignal | undefined
  readonly timeout: number | false
  readonly raw: boolean
  /** Secret values to scrub from anything that ends up in an error. */
  readonly secrets: Iterable<string>
}

export interface AttemptResult {
  readonly status: number
  readonly value: unknown
}

export function summarize(attempt: Pick<Attempt, 'method' | 'url' | 'path'>): RequestSummary {
  return { method: attempt.method, url: redactUrl(attempt.url), path: attempt.path }
}

/** The reason a timed-out attempt is aborted with; told apart from the caller's own abort. */
class AttemptTimeout extends Error {
  override name = 'TimeoutError'
}

export async function send(http: KyInstance, attempt: Attempt): Promise<AttemptResult> {
  // Built only when an error needs it: redacting the URL on every success is wasted work.
  const summary = () => summarize(attempt)
  const { signal: callerSignal, timeout } = attempt
  if (callerSignal?.aborted) throw callerSignal.reason

  // The timeout: calls with no signal of their own (the common case) share one AbortSignal per
  // time slot (see sharedTimeout); a call with the caller's signal, or a download the caller
  // reads later, gets its own controller, tied to the caller's signal.
  let timeoutSignal: AbortSignal | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let unlink: (() => void) | undefined
  let release: (() => void) | undefined
  let signal = callerSignal
  if (timeout !== false && timeout > 0) {
    if (!callerSignal && !attempt.raw) {
      const slot = sharedTimeout(timeout)
      signal = timeoutSignal = slot.signal
      release = slot.release
    } else {
      const c = new AbortController()
      signal = timeoutSignal = c.signal
      timer = setTimeout(() => c.abort(new AttemptTimeout(`timed out after ${timeout} ms`)), timeout)
      // One listener per caller signal however many calls share it (see onAbort); not
      // AbortSignal.any, whose links Node 20 keeps on the caller's signal for good.
      if (callerSignal) unlink = onAbort(callerSignal, () => c.abort(callerSignal.reason))
    }
  }
  const done = (keepLink = false) => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    release?.()
    release = undefined
    if (keepLink) return
    unlink?.()
    unlink = undefined
  }
  const failure = (error: unknown, message: string, status?: number): unknown => {
    done()
    if (callerSignal?.aborted) return callerSignal.reason
    const timedOut = timeoutSignal?.aborted === true && timeoutSignal.reason instanceof AttemptTimeout
    return new WeChatTransportError(timedOut ? 'timeout' : 'network', timedOut ? 'WeChat request timed out' : message, summary(), {
      ...(status === undefined ? {} : { status }),
      cause: scrub(timedOut ? timeoutSignal?.reason : error, attempt.secrets),
    })
  }

  let response: Response
  try {
    const init: KyOptions = { method: attempt.method }
    if (attempt.headers) init.headers = attempt.headers
    // The body rides in ky's context, not its `body` option: see createHttp.
    init.context = { signal, body: attempt.body } satisfies HttpContext
    response = await http(attempt.url, init)
  } catch (error) {
    throw failure(error, 'WeChat request failed')
  }

  if (response.status >= 400) {
    done()
    await response.body?.cancel().catch(() => {})
    throw new WeChatTransportError('http', `WeChat answered HTTP ${response.status}`, summary(), { status: response.status })
  }

  if (attempt.raw) {
    // The timeout covers waiting for the answer to start, not the caller reading a large file
    // at its own pace; the caller's signal still cancels the body.
    let judged: BinaryAnswer
    try {
      // A streamed file stays tied to the caller's signal (aborting it cancels the download)
      // until its body ends; judgeBinary says when.
      judged = await judgeBinary(response, () => done())
    } catch (error) {
      throw failure(error, 'WeChat response body could not be read', response.status)
    }
    done(true)
    if (judged.kind === 'file') return { status: response.status, value: judged.response }
    if (judged.kind === 'error') throw apiError(judged.data, attempt, summary)
    if (judged.kind === 'unparsable') {
      throw new WeChatTransportError('parse', 'WeChat answered a body that is not JSON', summary(), { status: response.status })
    }
    return { status: response.status, value: judged.response }
  }

  let text: string
  try {
    text = await response.text()
  } catch (error) {
    throw failure(error, 'WeChat response body could not be read', response.status)
  }
  done()

  let data: unknown
  try {
    data = parseJson(text)
  } catch (error) {
    throw new WeChatTransportError('parse', 'WeChat answered a body that is not JSON', summary(), { status: response.status, cause: scrub(error, attempt.secrets) })
  }
  if (hasErrcode(data)) throw apiError(data, attempt, summary)
  return { status: response.status, value: data }
}

/**
 * One AbortSignal shared by the calls that start within the same slot of `timeout / 16` (at least
 * 1 ms, at most 10 ms) with the same timeout, at most {@link SLOT_CALLS} of them: undici's fetch
 * adds a listener per request to the signal, dropped only when the request is garbage-collected,
 * and lists all of them on every add, so a slot stays small (1,000 calls at once on one signal
 * took twice as long). Its timer fires `timeout` after the slot closes, so every
 * call still pending then has been waiting at least `timeout` (at most a slot longer): aborting
 * them all is right, and a call that already finished is not touched (nothing is left to abort).
 * When the last call of a closed slot finishes, its timer is cleared. This replaces a controller,
 * a signal and a timer per call (AbortSignal creation and fetch's listener bookkeeping were a
 * visible share of a call's CPU).
 */
interface TimeoutSlot {
  readonly controller: AbortController
  readonly closesAt: number
  pending: number
  joined: number
  closed: boolean
  timer: ReturnType<typeof setTimeout> | undefined
}
const openSlots = new Map<number, TimeoutSlot>()
const SLOT_CALLS = 32

function sharedTimeout(timeout: number): { signal: AbortSignal; release: () => void } {
  const now = Date.now()
  let slot = openSlots.get(timeout)
  if (slot === undefined || now >= slot.closesAt || slot.joined >= SLOT_CALLS) {
    if (slot) closeSlot(timeout, slot)
    const width = Math.min(10, Math.max(1, Math.floor(timeout / 16)))
    const fresh: TimeoutSlot = { controller: new AbortController(), closesAt: now + width, pending: 0, joined: 0, closed: false, timer: undefined }
    // Capped: Node's timers hold at most 2^31-1 ms and fire after 1 ms beyond it.
    fresh.timer = setTimeout(() => {
      if (fresh.pending > 0) fresh.controller.abort(new AttemptTimeout(`timed out after ${timeout} ms`))
      if (openSlots.get(timeout) === fresh) openSlots.delete(timeout)
    }, Math.min(width + timeout, 2_147_483_647))
    // The requests themselves keep the process alive; a slot's timer must not.
    ;(fresh.timer as { unref?: () => void }).unref?.()
    openSlots.set(timeout, fresh)
    slot = fresh
  }
  const s = slot
  s.pending++
  s.joined++
  let released = false
  return {
    signal: s.controller.signal,
    release: () => {
      if (released) return
      released = true
      if (--s.pending === 0 && (s.closed || Date.now() >= s.closesAt)) closeSlot(timeout, s)
    },
  }
}

function closeSlot(timeout: number, slot: TimeoutSlot): void {
  slot.closed = true
  if (openSlots.get(timeout) === slot) openSlots.delete(timeout)
  if (slot.pending === 0 && slot.timer !== undefined) {
    clearTimeout(slot.timer)
    slot.timer = undefined
  }
}

/** JSON.parse, and the lossless parse only when the text holds a run of 16+ digits. */
function parseJson(text: string): unknown {
  return LONG_DIGITS.test(text) ? parseJsonLossless(text) : JSON.parse(text)
}
const LONG_DIGITS = /\d{16}/

function hasErrcode(data: unknown): data is { errcode: unknown; errmsg?: unknown } {
  if (data === null || typeof data !== 'object' || !('errcode' in data)) return false
  return Number((data as { errcode: unknown }).errcode) !== 0
}

function apiError(data: { errcode: unknown; errmsg?: unknown }, attempt: Attempt, summary: () => RequestSummary): WeChatApiError {
  const errmsg = String(data.errmsg ?? '')
  return new WeChatApiError(Number(data.errcode), redactText(errmsg, attempt.secrets), summary(), redactData(data, attempt.secrets) as Record<string, unknown>)
}

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
 * up to {@link JSON_PEEK_LIMIT}, to be parsed. `onEnd` is called once when the answer is done
 * with the connection: at once for a JSON answer or a file already read whole, and for a streamed
 * file when its body is read to the end, cancelled or fails.
 */
export async function judgeBinary(response: Response, onEnd: () => void = () => {}): Promise<BinaryAnswer> {
  const answer = await judge(response, onEnd)
  // Only a file still streaming from the connection ends later (restitch calls onEnd then).
  if (!(answer.kind === 'file' && 'streaming' in answer)) onEnd()
  return answer.kind === 'file' ? { kind: 'file', response: answer.response } : answer
}

async function judge(response: Response, onEnd: () => void): Promise<BinaryAnswer | { kind: 'file'; response: Response; streaming: true }> {
  const body = response.body
  if (!body) return { kind: 'file', response }
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
  if (first === 0x7b /* { */) {
    while (!ended && size <= JSON_PEEK_LIMIT) {
      const { done, value } = await reader.read()
      if (done) ended = true
      else {
        peeked.push(value)
        size += value.byteLength
      }
    }
    if (ended) {
      const bytes = concatBytes(peeked)
      let data: unknown
      try {
        data = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
      } catch {
        data = undefined
      }
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
        if (hasErrcode(data)) return { kind: 'error', data }
        const headers = new Headers(response.headers)
        headers.set('content-type', 'application/json; charset=utf-8')
        return { kind: 'json', data: data as Record<string, unknown>, response: new Response(bytes, { status: response.status, statusText: response.statusText, headers }) }
      }
      if (labelledJson) return { kind: 'unparsable' }
      return { kind: 'file', response: new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers }) }
    }
  }
  // A file. A label that claims JSON is wrong about it: say what is known, that it is bytes.
  let headers: Headers = response.headers
  if (labelledJson) {
    headers = new Headers(response.headers)
    headers.set('content-type', 'application/octet-stream')
  }
  return { kind: 'file', streaming: true, response: new Response(restitch(peeked, reader, ended, onEnd), { status: response.status, statusText: response.statusText, headers }) }
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
function restitch(peeked: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, ended: boolean, onEnd: () => void): ReadableStream<Uint8Array> {
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

/**
 * A cause safe to attach: a copy holding the name, message, `code` and (recursively) the cause,
 * each scrubbed of secrets. Other properties are dropped: fetch implementations hang the request
 * URL (token included) on their errors in many ways (`input`, `url`, a message "request to <url>").
 */
export function scrub(error: unknown, secrets: Iterable<string>, depth = 0): unknown {
  if (!(error instanceof Error)) {
    return typeof error === 'string' ? redactText(error, secrets) : error === null || typeof error !== 'object' ? error : undefined
  }
  const copy = new Error(redactText(error.message, secrets))
  copy.name = redactText(String(error.name), secrets)
  copy.stack = redactText(error.stack ?? '', secrets)
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' || typeof code === 'number') (copy as Error & { code?: unknown }).code = typeof code === 'string' ? redactText(code, secrets) : code
  if (error.cause !== undefined && depth < 4) copy.cause = scrub(error.cause, secrets, depth + 1)
  return copy
}
