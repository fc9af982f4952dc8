// One attempt of one call: ky sends it, the answer is read and classified. Retries and token
// handling live in client.ts.
import ky, { type KyInstance } from 'ky'
import { WeChatApiError, WeChatTransportError, type RequestSummary } from './errors'
import { parseJsonLossless } from './json'
import { redactData, redactText, redactUrl } from './redact'

export interface Attempt {
  readonly method: 'GET' | 'POST'
  readonly url: URL
  readonly path: string
  readonly body: BodyInit | undefined
  readonly headers: Record<string, string>
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

export function createHttp(fetchImpl: typeof globalThis.fetch | undefined): KyInstance {
  return ky.create({
    retry: 0,
    throwHttpErrors: false,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  })
}

export function summarize(attempt: Pick<Attempt, 'method' | 'url' | 'path'>): RequestSummary {
  return { method: attempt.method, url: redactUrl(attempt.url.toString()), path: attempt.path }
}

const JSONISH = /json|text\/plain|text\/html|javascript/i

export async function send(http: KyInstance, attempt: Attempt): Promise<AttemptResult> {
  // Built only when an error needs it: redacting the URL on every success is wasted work.
  const summary = () => summarize(attempt)
  let response: Response
  try {
    response = await http(attempt.url, {
      method: attempt.method,
      headers: attempt.headers,
      ...(attempt.body === undefined ? {} : { body: attempt.body }),
      ...(attempt.signal ? { signal: attempt.signal } : {}),
      timeout: attempt.timeout,
    })
  } catch (error) {
    if (attempt.signal?.aborted) throw attempt.signal.reason
    const timeout = error instanceof Error && error.name === 'TimeoutError'
    throw new WeChatTransportError(timeout ? 'timeout' : 'network', timeout ? 'WeChat request timed out' : 'WeChat request failed', summary(), {
      cause: scrub(error, attempt.secrets),
    })
  }

  if (response.status >= 400) {
    await response.body?.cancel().catch(() => {})
    throw new WeChatTransportError('http', `WeChat answered HTTP ${response.status}`, summary(), { status: response.status })
  }

  const contentType = response.headers.get('content-type') ?? ''
  if (attempt.raw && !JSONISH.test(contentType)) return { status: response.status, value: response }

  let text: string
  try {
    text = await response.text()
  } catch (error) {
    if (attempt.signal?.aborted) throw attempt.signal.reason
    throw new WeChatTransportError('network', 'WeChat response body could not be read', summary(), { status: response.status, cause: scrub(error, attempt.secrets) })
  }

  let data: unknown
  try {
    data = parseJsonLossless(text)
  } catch (error) {
    // A text body on a binary endpoint that is not JSON is the file itself (e.g. a .txt material).
    if (attempt.raw && !/json/i.test(contentType)) return { status: response.status, value: rebuild(text, response) }
    throw new WeChatTransportError('parse', 'WeChat answered a body that is not JSON', summary(), { status: response.status, cause: scrub(error, attempt.secrets) })
  }

  if (data !== null && typeof data === 'object' && 'errcode' in data) {
    const errcode = Number((data as { errcode: unknown }).errcode)
    if (errcode !== 0) {
      const errmsg = String((data as { errmsg?: unknown }).errmsg ?? '')
      throw new WeChatApiError(errcode, redactText(errmsg, attempt.secrets), summary(), redactData(data, attempt.secrets) as Record<string, unknown>)
    }
  }
  return { status: response.status, value: attempt.raw ? rebuild(text, response) : data }
}

function rebuild(text: string, response: Response): Response {
  return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers })
}

/** A cause safe to attach: the original when it holds no secret, else a copy with them scrubbed. */
function scrub(error: unknown, secrets: Iterable<string>): unknown {
  if (!(error instanceof Error)) return error
  const text = `${error.message}\n${error.stack ?? ''}`
  const clean = redactText(text, secrets)
  if (clean === text) return error
  const copy = new Error(redactText(error.message, secrets))
  copy.name = error.name
  copy.stack = redactText(error.stack ?? '', secrets)
  return copy
}
