// createMessageServer: WeChat's push endpoint as one web-standard `fetch(Request) → Response`.
// Every check runs before user code: method, signature (constant time), timestamp freshness, body
// size, body format, msg_signature, decryption and the AppID inside the ciphertext. Then the push
// is deduplicated (WeChat retries), `handle` runs once under a deadline, and its reply is rendered
// (and encrypted when the push was).
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
import { assertInteger, assertOneOf, assertOptions, assertString } from '@wxmp/core/validate'
import { createMemoryDedupStore, type DedupStore } from './dedup'
import { decodeEncodingAESKey, decrypt, encrypt, importAesKey, sortedSha1, timingSafeEqual, webCrypto, type AesKey, type CryptoProvider, type DecryptFailure } from './internal/crypto'
import { ANSWER, type Answer, type BodyReader } from './internal/answer'
import { concatBytes } from '@wxmp/core'
import { fromUtf8, randomUint32 } from './internal/bytes'
import { parseBody, render, type WireFields, type WireFormat } from './internal/wire'
import { dedupKeyOf, toPush, wireProblem, type Push } from './messages'
import { assertReply, toWireReply, type Reply } from './replies'

/** What `handle` returns: a reply, or nothing (answered `success`). */
export type HandleResult = Reply | undefined | null | void

/** A runtime's way to keep work alive after the response (Workers' `ctx`, Vercel, Netlify). */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void
}

/** Why a push was refused (answered 4xx, `handle` not called). No secrets, no body. */
export interface RejectedPush {
  readonly status: 400 | 403 | 405 | 413
  /** e.g. `signature does not match`, `timestamp is 900 s old (limit 300 s)`. */
  readonly reason: string
}

export interface MessageServerOptions {
  /** The account's AppID: checked against the one inside every encrypted push. */
  readonly appId: string
  /** The Token set in 基本配置 / 消息推送 (3-32 letters or digits). Never logged or reported. */
  readonly token: string
  /** The 43-character EncodingAESKey, for compatible and safe mode. Never logged or reported. */
  readonly encodingAESKey?: string
  /**
   * The 消息加解密方式 chosen in WeChat's console. `'safe'` (安全模式, WeChat's recommendation)
   * refuses with 403 any POST that is not `encrypt_type=aes` with a valid `msg_signature`: without
   * it, anyone holding one logged push URL could strip those two parameters and post any plaintext
   * body, since `signature` covers only token, timestamp and nonce, never the body.
   * `'compatible'` (兼容模式) also accepts plaintext pushes, so it is only as strong as plaintext
   * mode: use it while switching modes, not for good. `'plaintext'` (明文模式) refuses encrypted pushes.
   * @default 'safe' with an `encodingAESKey`, else 'plaintext'
   * @see https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
   */
  readonly mode?: 'plaintext' | 'compatible' | 'safe'
  /**
   * The EncodingAESKey before the last change: tried when the current one fails to decrypt, as
   * WeChat advises, and the reply is encrypted with whichever key worked.
   */
  readonly previousEncodingAESKey?: string
  /**
   * Called once per push (retries are deduplicated), after every check passed. Return a passive
   * reply, or nothing to answer `success`. A throw is reported to `onError` and answered `success`.
   */
  readonly handle: (push: Push) => HandleResult | Promise<HandleResult>
  /**
   * How long a push may wait for `handle` before it is answered `success`. WeChat gives up at 5 s
   * and retries; the handler keeps running (with the runtime's `waitUntil` when given) and its
   * result is kept for the retry's dedup.
   * @default 4000
   */
  readonly replyTimeoutMs?: number
  /**
   * Largest accepted difference between a push's `timestamp` and this server's clock, in seconds:
   * a captured push replayed later is refused. `0` turns the check off (not advised).
   * @default 300
   */
  readonly maxTimestampSkewSeconds?: number
  /**
   * Largest body accepted, in bytes (413 above). Pushes are small: a compatible-mode push, the
   * largest, is about three times its message.
   * @default 65536
   */
  readonly maxBodyBytes?: number
  /** Where seen pushes are remembered. @default createMemoryDedupStore() */
  readonly dedupStore?: DedupStore
  /**
   * How long a push is remembered, in ms. It must outlast the whole window in which a captured push's
   * timestamp is accepted (2 × maxTimestampSkewSeconds + 60 s: the clock may be that far either side),
   * or a replay after the entry expires would run `handle` again; a shorter value is a RangeError.
   * @default (2 × maxTimestampSkewSeconds + 60) × 1000, 660000 with the default skew
   */
  readonly dedupTtlMs?: number
  /**
   * A handler that threw, returned an invalid reply, or a dedup store that failed. A throw from
   * `onError` or `onRejected` itself is swallowed: the push still gets its answer.
   */
  readonly onError?: (error: unknown, info: { readonly push: Push }) => void
  /** A push refused before `handle` (forged, stale, oversized, malformed). */
  readonly onRejected?: (rejected: RejectedPush) => void
  /**
   * The crypto primitives (SHA-1, AES-256-CBC). Web Crypto by default, on every runtime. On Node,
   * `nodeCrypto` from `@wxmp/server/node` does the same work synchronously, without Web Crypto's
   * thread-pool round trip per operation: several times the pushes per second (`toNodeHandler`
   * uses it already; pass it when serving `fetch` on Node, e.g. Hono on @hono/node-server).
   * @default Web Crypto
   */
  readonly crypto?: CryptoProvider
  /** Clock in ms, for tests. @default Date.now */
  readonly now?: () => number
}

export interface MessageServer {
  /**
   * Answers one request to the push URL: a GET is WeChat's URL verification (echoes `echostr` when
   * the signature verifies), a POST is a push. Mounts as is in Hono, Next.js route handlers, Bun,
   * Deno and Workers; pass Workers' `ctx` (or anything with `waitUntil`) so a handler that misses
   * the deadline is not cut off.
   */
  fetch(request: Request, env?: unknown, ctx?: WaitUntilContext): Promise<Response>
}

const TEXT = 'text/plain; charset=utf-8'

interface Outcome {
  readonly reply: Reply | null
}

const OPTIONS = [
  'appId', 'token', 'encodingAESKey', 'previousEncodingAESKey', 'mode', 'handle', 'replyTimeoutMs', 'maxTimestampSkewSeconds',
  'maxBodyBytes', 'dedupStore', 'dedupTtlMs', 'onError', 'onRejected', 'crypto', 'now',
]
const MODES = ['plaintext', 'compatible', 'safe'] as const
// Extra time a dedup entry outlives the timestamp window by.
const DEDUP_MARGIN_SECONDS = 60

const TOKEN = /^[A-Za-z0-9]{3,32}$/
const AES_KEY = /^[A-Za-z0-9+/]{43}$/

/**
 * Creates the handler for the account's push URL (服务器地址(URL)).
 *
 * @example
 * ```ts
 * import { createMessageServer } from '@wxmp/server'
 *
 * const server = createMessageServer({
 *   appId, token, encodingAESKey,
 *   handle(push) {
 *     if (push.msgType === 'text') return { type: 'text', content: `You said: ${push.content}` }
 *     if (push.msgType === 'event' && push.event === 'subscribe') console.log('follow from scene', push.scene)
 *   },
 * })
 * export default { fetch: server.fetch }          // Workers, Bun, Deno
 * ```
 * @throws TypeError / RangeError for bad options, naming the option (never echoing a secret).
 * @see https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
 */
/* @__NO_SIDE_EFFECTS__ */
export function createMessageServer(options: MessageServerOptions): MessageServer {
  if (typeof options !== 'object' || options === null) throw new TypeError('createMessageServer: options must be an object')
  assertOptions('createMessageServer options', options, OPTIONS)
  assertString('appId', options.appId, { min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/ })
  if (typeof options.token !== 'string' || !TOKEN.test(options.token)) {
    throw new TypeError(`token must be 3-32 letters or digits (WeChat's rule), got ${describeSecret(options.token)}`)
  }
  for (const name of ['encodingAESKey', 'previousEncodingAESKey'] as const) {
    const key = options[name]
    if (key === undefined) continue
    if (typeof key !== 'string' || !AES_KEY.test(key) || !decodeEncodingAESKey(key)) {
      throw new TypeError(`${name} must be exactly 43 characters of base64 (letters and digits), got ${describeSecret(key)}`)
    }
  }
  if (options.previousEncodingAESKey !== undefined && options.encodingAESKey === undefined) {
    throw new TypeError('previousEncodingAESKey needs encodingAESKey (the current key) as well')
  }
  const mode = options.mode ?? (options.encodingAESKey === undefined ? 'plaintext' : 'safe')
  assertOneOf('mode', mode, MODES)
  if (mode !== 'plaintext' && options.encodingAESKey === undefined) throw new TypeError(`mode '${mode}' needs encodingAESKey`)
  if (mode === 'plaintext' && options.encodingAESKey !== undefined) {
    throw new TypeError("mode 'plaintext' takes no encodingAESKey; use mode 'compatible' while switching the console from plaintext to safe mode")
  }
  if (typeof options.handle !== 'function') throw new TypeError(`handle must be a function, got ${typeof options.handle}`)
  const replyTimeoutMs = options.replyTimeoutMs ?? 4_000
  assertInteger('replyTimeoutMs', replyTimeoutMs, { min: 1, max: 60_000 })
  const skew = options.maxTimestampSkewSeconds ?? 300
  assertInteger('maxTimestampSkewSeconds', skew, { min: 0, max: 86_400 })
  const maxBodyBytes = options.maxBodyBytes ?? 65_536
  assertInteger('maxBodyBytes', maxBodyBytes, { min: 256, max: 16_777_216 })
  // A push is accepted while |now - timestamp| <= skew: a window 2 × skew wide. Off (0): WeChat's retries.
  const minDedupTtlMs = skew === 0 ? 60_000 : (2 * skew + DEDUP_MARGIN_SECONDS) * 1000
  const dedupTtlMs = options.dedupTtlMs ?? Math.max(minDedupTtlMs, 300_000)
  assertInteger('dedupTtlMs', dedupTtlMs, { min: 1_000, max: 2 * 86_400_000 + DEDUP_MARGIN_SECONDS * 1000 })
  if (dedupTtlMs < minDedupTtlMs) {
    throw new RangeError(
      `dedupTtlMs must be at least ${minDedupTtlMs} (2 × maxTimestampSkewSeconds + ${DEDUP_MARGIN_SECONDS} s, so a push cannot be replayed after its dedup entry expires), got ${dedupTtlMs}`,
    )
  }
  const given = options.dedupStore
  if (given !== undefined && (typeof given !== 'object' || given === null || typeof given.claim !== 'function' || typeof given.settle !== 'function' || typeof given.read !== 'function')) {
    throw new TypeError(`dedupStore must have claim, settle and read functions (createMemoryDedupStore(), createRedisDedupStore()), got ${given === null ? 'null' : typeof given}`)
  }
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError(`now must be a function, got ${typeof options.now}`)
  for (const name of ['onError', 'onRejected'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TypeError(`${name} must be a function, got ${typeof options[name]}`)
  }

  const cryptoProvider = options.crypto ?? webCrypto
  if (typeof cryptoProvider?.sha1Hex !== 'function' || typeof cryptoProvider.importKey !== 'function') throw new TypeError(`crypto must be a crypto provider (nodeCrypto from @wxmp/server/node), got ${typeof cryptoProvider}`)
  const { appId, token, handle } = options
  const now = options.now ?? Date.now
  const store = given ?? createMemoryDedupStore()
  // User callbacks never break a push: a throw in one, or a rejection of the promise it returns, is
  // swallowed (there is nowhere left to report it).
  const onError = (error: unknown, push: Push) => {
    quietly(() => options.onError?.(error, { push }))
  }
  // Imported on first use (a constructor cannot await), once per crypto provider.
  const keys = new Map<CryptoProvider, Promise<AesKey[]>>()
  const aesKeys = (provider: CryptoProvider) => {
    let imported = keys.get(provider)
    if (!imported) {
      const configured = [options.encodingAESKey, options.previousEncodingAESKey].filter((k): k is string => k !== undefined)
      imported = Promise.all(configured.map((k) => importAesKey(k, provider)))
      keys.set(provider, imported)
    }
    return imported
  }
  // Pushes being handled in this process: a retry that arrives meanwhile waits for the same run.
  const inflight = new Map<string, Promise<Outcome>>()

  const reject = (status: RejectedPush['status'], reason: string): Answer => {
    quietly(() => options.onRejected?.({ status, reason }))
    // No reason in the body: WeChat does not read it, an attacker should not.
    return { status, body: null }
  }

  /** Undefined when fresh, else why not. */
  const staleness = (timestamp: string): string | undefined => {
    if (!/^\d{1,12}$/.test(timestamp)) return 'timestamp is not a number of seconds'
    if (skew === 0) return undefined
    // In ms, not rounded seconds: +300.4 s is past a 300 s limit.
    const ageMs = now() - Number(timestamp) * 1000
    return Math.abs(ageMs) > skew * 1000 ? `timestamp is ${Math.trunc(Math.abs(ageMs) / 1000)} s ${ageMs > 0 ? 'old' : 'in the future'} (limit ${skew} s)` : undefined
  }

  async function verified(expected: string | null, parts: string[], provider: CryptoProvider): Promise<boolean> {
    if (!expected) return false
    return timingSafeEqual(await sortedSha1(parts, provider), expected.toLowerCase())
  }

  async function run(push: Push): Promise<Outcome> {
    try {
      const reply = (await handle(push)) ?? null
      if (reply !== null) assertReply(reply)
      return { reply }
    } catch (error) {
      onError(error, push)
      return { reply: null }
    }
  }

  /** Runs `handle` once per push across retries (and instances sharing a store). */
  async function outcomeOf(push: Push, deadline: number, ctx: WaitUntilContext | undefined): Promise<Outcome> {
    const key = dedupKeyOf(push)
    // No usable id (a message without MsgId): not deduplicated rather than merged with others.
    if (key === undefined) return within(run(push), deadline, ctx, true)
    const running = inflight.get(key)
    if (running) return within(running, deadline, ctx, false)
    // Registered before the first await, so a retry racing in meanwhile joins this run.
    let settling: Promise<void> = Promise.resolve()
    const work = (async (): Promise<Outcome> => {
      let claimed = true
      try {
        // Half the time left at most: a store that never answers must leave time to handle the push.
        claimed = await bounded(() => store.claim(key, dedupTtlMs), (deadline - Date.now()) / 2, 'claim')
      } catch (error) {
        // A store outage must not lose the push: handle it here, at worst twice across instances.
        onError(error, push)
      }
      if (!claimed) return settledElsewhere(key, push, deadline)
      const outcome = await run(push)
      // Stored while the reply goes out: a slow or hung store never holds the reply back.
      settling = bounded(() => store.settle(key, JSON.stringify(outcome), dedupTtlMs), replyTimeoutMs, 'settle').catch((error: unknown) => onError(error, push))
      return outcome
    })()
    inflight.set(key, work)
    // `work` and `settling` never reject (every failure is caught above); a retry in this process
    // joins the run until its outcome is stored.
    const done = () => {
      void settling.then(() => inflight.delete(key))
    }
    work.then(done, done)
    return within(work, deadline, ctx, true)
  }

  /** Another instance (or an earlier run) has the push: its settled reply, polled until the deadline. */
  async function settledElsewhere(key: string, push: Push, deadline: number): Promise<Outcome> {
    for (;;) {
      let value: string | null | undefined
      try {
        value = await bounded(() => store.read(key), deadline - Date.now(), 'read')
      } catch (error) {
        onError(error, push)
        return { reply: null }
      }
      if (typeof value === 'string') {
        try {
          // Written by a server like this one, but a shared store is outside this process: checked again.
          const outcome = JSON.parse(value) as Outcome
          if (outcome.reply !== null) assertReply(outcome.reply)
          return outcome
        } catch {
          return { reply: null }
        }
      }
      if (value === undefined || Date.now() + 50 >= deadline) return { reply: null }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  async function within(work: Promise<Outcome>, deadline: number, ctx: WaitUntilContext | undefined, owner: boolean): Promise<Outcome> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()))
    })
    const first = await Promise.race([work, late])
    clearTimeout(timer)
    if (first) return first
    // Too slow for WeChat: answer `success` now; the handler finishes in the background.
    if (owner) quietly(() => ctx?.waitUntil(work))
    return { reply: null }
  }

  async function respond(outcome: Outcome, push: Push, format: WireFormat, aes: AesKey | undefined, provider: CryptoProvider): Promise<Answer> {
    if (!outcome.reply) return { status: 200, type: TEXT, body: 'success' }
    const createTime = Math.floor(now() / 1000)
    let body = render(format, toWireReply(outcome.reply, push.fromUserName, push.toUserName, createTime))
    if (aes) {
      const encrypted = await encrypt(aes, body, appId)
      const nonce = String(randomUint32())
      const timeStamp = String(createTime)
      const signature = await sortedSha1([token, timeStamp, nonce, encrypted], provider)
      body = render(format, { Encrypt: encrypted, MsgSignature: signature, TimeStamp: createTime, Nonce: nonce })
    }
    return { status: 200, type: format === 'json' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8', body }
  }

  /** One request, runtime-free: what fetch and the node adapter both call. */
  async function answer(method: string, url: string, readBody: BodyReader, ctx: WaitUntilContext | undefined, provider: CryptoProvider = cryptoProvider): Promise<Answer> {
    const started = Date.now()
    const query = url.indexOf('?')
    const q = new URLSearchParams(query < 0 ? '' : url.slice(query + 1))
    if (method !== 'GET' && method !== 'POST') return reject(405, `method ${method} is not GET or POST`)
    const timestamp = q.get('timestamp') ?? ''
    const nonce = q.get('nonce') ?? ''
    const stale = staleness(timestamp)
    if (stale) return reject(403, stale)

    if (method === 'GET') {
      const echostr = q.get('echostr')
      if (echostr === null) return reject(400, 'echostr is missing')
      if (!(await verified(q.get('signature'), [token, timestamp, nonce], provider))) return reject(403, 'signature does not match')
      return { status: 200, type: TEXT, body: echostr }
    }

    const encrypted = q.get('encrypt_type') === 'aes'
    // Safe mode: a push without encrypt_type=aes is a downgrade (its body is covered by no signature).
    if (mode === 'safe' && !encrypted) return reject(403, "push is not encrypted (encrypt_type=aes) and mode is 'safe'")
    if (mode === 'plaintext' && encrypted) return reject(400, "push is encrypted (encrypt_type=aes) and mode is 'plaintext' (no encodingAESKey)")
    // WeChat sends `signature` in every mode: checked before the body is read or parsed, so a forged
    // push costs one hash. In compatible and safe mode msg_signature then covers the ciphertext.
    if (!(await verified(q.get('signature'), [token, timestamp, nonce], provider))) return reject(403, 'signature does not match')
    const bytes = await readBody(maxBodyBytes)
    if (bytes === 'too-large' || bytes.length > maxBodyBytes) return reject(413, `body is larger than ${maxBodyBytes} bytes`)
    let text: string
    try {
      text = fromUtf8(bytes)
    } catch {
      return reject(400, 'body is not UTF-8')
    }
    // An encrypted push: msg_signature is checked over `Encrypt`, found by a cheap scan, before the
    // body is parsed, so a push with a forged msg_signature costs one scan and one hash.
    const scanned = encrypted ? scanEncrypt(text) : undefined
    if (encrypted) {
      if (!scanned) return reject(400, 'encrypted push has no Encrypt field')
      if (!(await verified(q.get('msg_signature'), [token, timestamp, nonce, scanned], provider))) return reject(403, 'msg_signature does not match')
    }
    // Plaintext bodies are checked for well-formedness; in safe mode msg_signature covers `Encrypt`.
    const outer = parseBody(text, !encrypted)
    if (!outer.ok) return reject(400, outer.reason)

    let fields: WireFields = outer.fields
    let aes: AesKey | undefined
    if (encrypted) {
      // The parser must read the same ciphertext the signature was checked over.
      if (fields.Encrypt !== scanned || scanned === undefined) return reject(400, 'encrypted push has no Encrypt field')
      const cipher = scanned
      let failure: DecryptFailure | undefined
      let message: string | undefined
      for (const key of await aesKeys(provider)) {
        const result = await decrypt(key, cipher, appId)
        if (result.ok) {
          message = result.message
          aes = key
          break
        }
        // The current key's reason is the one worth reporting.
        failure ??= result.reason
      }
      if (message === undefined) return reject(400, `Encrypt refused: ${failure}`)
      const inner = parseBody(message, false)
      if (!inner.ok) return reject(400, `decrypted ${inner.reason.replace(/^the /, '')}`)
      fields = inner.fields
    }

    const problem = wireProblem(fields)
    if (problem) return reject(400, problem)
    const push = toPush(fields)
    const outcome = await outcomeOf(push, started + replyTimeoutMs, ctx)
    return respond(outcome, push, outer.format, aes, provider)
  }

  async function fetch(request: Request, env?: unknown, ctx?: WaitUntilContext): Promise<Response> {
    const a = await answer(request.method, request.url, (max) => readRequest(request, max), ctx ?? waitUntilOf(env))
    const headers: Record<string, string> = a.type ? { 'content-type': a.type } : a.status === 405 ? { allow: 'GET, POST' } : {}
    return new Response(a.body, { status: a.status, headers })
  }

  return { fetch, [ANSWER]: answer } as MessageServer
}

/** Calls a user callback: a throw, or a rejection of a promise (or thenable) it returns, is swallowed. */
function quietly(call: () => unknown): void {
  try {
    Promise.resolve(call()).catch(() => undefined)
  } catch {}
}

/** A dedup store call (a synchronous throw included), refused with an Error when it has not settled within `ms`. */
async function bounded<T>(start: () => Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const call = (async () => start())()
  // A store that rejects after the timeout must not leave an unhandled rejection.
  call.catch(() => undefined)
  try {
    return await Promise.race([call, new Promise<never>((_, reject) => (timer = setTimeout(reject, ms, new Error(`dedup store ${what} timed out`))))])
  } finally {
    clearTimeout(timer)
  }
}

// Linear: each alternative starts at a literal `<Encrypt>` or `"Encrypt"` and runs over base64
// characters only, which contain neither, so no two attempts overlap.
const ENCRYPT = /<Encrypt>\s*(?:<!\[CDATA\[([\w+/=]+)\]\]>|([\w+/=]+))\s*<\/Encrypt>|"Encrypt"\s*:\s*"([\w+/=\\]+)"/

/**
 * The `Encrypt` value of an encrypted push without parsing it (XML: the element's CDATA or text;
 * JSON: the key's string, `\/` unescaped), or undefined. The full parse runs only once msg_signature
 * verified, and must then read the same value.
 */
function scanEncrypt(text: string): string | undefined {
  const m = ENCRYPT.exec(text)
  return (m && (m[1] ?? m[2] ?? m[3]?.replace(/\\\//g, '/'))) || undefined
}

/** Workers pass `(request, env, ctx)`; Bun/Deno pass a server object second. Use whichever has waitUntil. */
function waitUntilOf(value: unknown): WaitUntilContext | undefined {
  return typeof value === 'object' && value !== null && typeof (value as WaitUntilContext).waitUntil === 'function' ? (value as WaitUntilContext) : undefined
}

/** The body's bytes, or 'too-large': stops reading (and cancels the stream) past `max` bytes. */
async function readRequest(request: Request, max: number): Promise<Uint8Array | 'too-large'> {
  const declared = Number(request.headers.get('content-length') ?? '')
  if (declared > max) return 'too-large'
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => undefined)
      return 'too-large'
    }
    chunks.push(value)
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : concatBytes(chunks)
}

/** Describes a bad secret option without revealing it. */
function describeSecret(value: unknown): string {
  return typeof value === 'string' ? `${value.length} characters` : value === null ? 'null' : typeof value
}
