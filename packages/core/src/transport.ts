// One attempt of one call: ky sends the request through the client's `fetch`, the answer is read
// and classified. Retries and token handling live in client.ts; the shared timeout in
// timeout-slots.ts; how a download is judged (file or JSON) in binary.ts; scrubbing in redact.ts.
//
// ky is the HTTP layer, called as cheaply as it allows: one instance per client, made at
// createClient time with everything wxmp does itself turned off (retry 0, timeout false,
// throwHttpErrors false), and a beforeRequest hook that sends what ky built to the client's fetch.
// That hook skips ky's #fetch step, which with retry 0 only costs: it looks for unknown options,
// clones the Request for retries that cannot happen (a tee of the body: an upload was buffered a
// second time until the answer came) and wraps fetch in its timeout. See README "Performance".
import ky, { type KyInstance, type Options as KyOptions } from 'ky'
import { hasErrcode, WeChatApiError, WeChatTransportError, type RequestSummary } from './errors'
import { parseJson } from './json'
import { redactData, redactText, redactUrl, scrub, withSentSecrets } from './redact'
import { onAbort } from './internal/abort'
import { AttemptTimeout, sharedTimeout } from './timeout-slots'
import { judgeBinary, type BinaryAnswer } from './binary'

export type FetchLike = typeof globalThis.fetch

/**
 * The client's ky instance: ky builds the request, a beforeRequest hook sends it once as
 * `fetch(url, init)` with body and signal taken from ky's `context` (not ky's own options, which
 * cost a stream or an AbortSignal.any per call). Why each choice: README "How a call is sent".
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
          const init: RequestInit & { duplex?: 'half' } = {
            method: request.method,
            headers: Object.fromEntries(options.headers as Headers),
          }
          const { signal, body } = options.context as Partial<HttpContext>
          if (signal) init.signal = signal
          if (body != null) {
            init.body = body
            // A stream is sent as it is read (never buffered); fetch requires saying so.
            if (isReadableStream(body)) init.duplex = 'half'
          }
          const response: Response = await fetchNow(request.url, init)
          if (response instanceof Response) return response
          // A foreign Response is its own init (status, statusText, headers).
          const foreign = response as Response
          return new Response(foreign.body, foreign)
        },
      ],
    },
  })
}

/** What `send` hands the hook through ky's `context`. */
export function isReadableStream(body: unknown): body is ReadableStream {
  return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream
}

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
  readonly maxBytes: number | undefined
  /** Secret values to scrub from anything that ends up in an error. */
  readonly secrets: Iterable<string>
  /** The call's options: what it sends under secret names is scrubbed too (see withSentSecrets). */
  readonly sent: { readonly query?: unknown; readonly json?: unknown }
}

export interface AttemptResult {
  readonly status: number
  readonly value: unknown
}

export function summarize(attempt: Pick<Attempt, 'method' | 'url' | 'path'>): RequestSummary {
  return { method: attempt.method, url: redactUrl(attempt.url), path: attempt.path }
}

export async function send(http: KyInstance, attempt: Attempt): Promise<AttemptResult> {
  // Built only when an error needs it: redacting the URL on every success is wasted work.
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
    const cause = scrub(timedOut ? timeoutSignal?.reason : error, withSentSecrets(attempt.secrets, attempt.sent))
    // The causes' messages (scrubbed) say why: undici's "fetch failed" hides ECONNREFUSED in its cause.
    let why = timedOut ? 'WeChat request timed out' : message
    for (let c = cause; c instanceof Error; c = c.cause) why += `: ${c.message}`
    return new WeChatTransportError(timedOut ? 'timeout' : 'network', why, summarize(attempt), { status, cause })
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
    throw new WeChatTransportError('http', `WeChat answered HTTP ${response.status}`, summarize(attempt), { status: response.status })
  }

  if (attempt.raw) {
    // The timeout covers waiting for the answer to start, not the caller reading a large file
    // at its own pace; the caller's signal still cancels the body.
    let judged: BinaryAnswer
    try {
      // A streamed file stays tied to the caller's signal (aborting it cancels the download)
      // until its body ends; judgeBinary says when.
      judged = await judgeBinary(response, () => done(), attempt.maxBytes)
    } catch (error) {
      throw failure(error, 'WeChat response body could not be read', response.status)
    }
    done(true)
    if (judged.kind === 'file') return { status: response.status, value: judged.response }
    if (judged.kind === 'error') throw apiError(judged.data, attempt)
    if (judged.kind === 'unparsable') {
      throw new WeChatTransportError('parse', 'WeChat answered a body that is not JSON', summarize(attempt), { status: response.status })
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
    throw new WeChatTransportError('parse', 'WeChat answered a body that is not JSON', summarize(attempt), {
      status: response.status,
      cause: scrub(error, withSentSecrets(attempt.secrets, attempt.sent)),
    })
  }
  if (hasErrcode(data)) throw apiError(data, attempt)
  return { status: response.status, value: data }
}

function apiError(data: { errcode: unknown; errmsg?: unknown }, attempt: Attempt): WeChatApiError {
  const secrets = withSentSecrets(attempt.secrets, attempt.sent)
  return new WeChatApiError(
    Number(data.errcode),
    redactText(String(data.errmsg ?? ''), secrets),
    summarize(attempt),
    redactData(data, secrets) as Record<string, unknown>,
  )
}
