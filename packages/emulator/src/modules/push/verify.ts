// URL verification: the signed GET WeChat's console sends when the server URL is saved. Only the
// four plain parameters, in every mode (safe mode encrypts POST bodies, not this GET); the server
// must answer `echostr` exactly. https://developers.weixin.qq.com/doc/service/guide/dev/push/index.html (第二步)
import { randomBytes, randomInt } from 'node:crypto'
import type { Clock } from '../../context'
import { sha1Signature } from '../../push/crypto'
import type { PushTarget } from '../../push/pusher'

export interface VerifyResult {
  /** The receiver answered 200 with `echostr` exactly: WeChat's console would accept the URL. */
  readonly ok: boolean
  /** HTTP status; null when no answer came (refused, timed out). */
  readonly status: number | null
  readonly echostr: string
  /** The start of what came back (500 characters at most). */
  readonly body: string
  readonly error?: string
}

export async function verifyUrl(target: PushTarget, clock: Clock, echostr = randomBytes(12).toString('hex')): Promise<VerifyResult> {
  const timestamp = String(Math.floor(clock.now() / 1000))
  const nonce = String(randomInt(1, 2 ** 31))
  const url = new URL(target.url)
  url.searchParams.set('signature', sha1Signature(target.token, timestamp, nonce))
  url.searchParams.set('echostr', echostr)
  url.searchParams.set('timestamp', timestamp)
  url.searchParams.set('nonce', nonce)
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(target.timeoutMs) })
    const body = await res.text()
    const ok = res.status === 200 && body === echostr
    const error = ok
      ? undefined
      : res.status !== 200
        ? `the server answered HTTP ${res.status}${res.status === 404 || res.status === 405 ? ': WeChat checks the URL with a GET, so mount the handler on GET as well as POST' : ''}`
        : `the server answered ${JSON.stringify(body.slice(0, 80))}, not echostr`
    return { ok, status: res.status, echostr, body: body.slice(0, 500), ...(error ? { error } : {}) }
  } catch (err) {
    return { ok: false, status: null, echostr, body: '', error: `no answer: ${err instanceof Error ? err.message : String(err)}` }
  }
}
