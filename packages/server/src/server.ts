// createMessageServer: WeChat's push endpoint as one web-standard `fetch(Request) → Response`.
// The wiring of three steps, each in its own file: verify.ts (every check, in order, before user
// code), dedup-run.ts (`handle` once per push under the reply deadline), then the reply is rendered
// here (and encrypted when the push was). Options: options.ts. README "What runs before `handle`".
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
import { dedupStoreKey } from './dedup-key'
import { createDedupRun, quietly, type Outcome } from './dedup-run'
import { ANSWER, type Answer, type BodyReader } from './internal/answer'
import { readNodeBody, readRequest, type NodeIncoming } from './internal/body'
import { randomUint32 } from './internal/bytes'
import { encrypt, importAesKey, sortedSha1, type AesKey, type CryptoProvider } from './internal/crypto'
import { render, type WireFormat } from './internal/wire'
import { checkServerOptions, type MessageServerOptions, type WaitUntilContext } from './options'
import type { Push } from './push-types'
import { assertReply, toWireReply } from './replies'
import { verifyRequest } from './verify'

export type { HandleResult, MessageServerOptions, RejectedPush, WaitUntilContext } from './options'

export interface MessageServer {
  /**
   * Answers one request to the push URL: a GET is WeChat's URL verification (echoes `echostr` when
   * the signature verifies), a POST is a push. Mount it for both methods (README "Mounting").
   * Pass Workers' `ctx` (or anything with `waitUntil`) so a handler past the deadline is not cut off.
   */
  fetch(request: Request, env?: unknown, ctx?: WaitUntilContext): Promise<Response>
}

const TEXT = 'text/plain; charset=utf-8'

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
  const config = checkServerOptions(options)
  const { appId, token, replyTimeoutMs, now } = config
  const report = (error: unknown, push: Push, kind: 'handler' | 'dedup-store') => quietly(() => config.onError?.(error, { push, kind }))
  // Imported on first use (a constructor cannot await), once per crypto provider.
  const imported = new Map<CryptoProvider, Promise<AesKey[]>>()
  const aesKeys = (provider: CryptoProvider) => {
    let keys = imported.get(provider)
    if (!keys) imported.set(provider, (keys = Promise.all(config.keys.map((k) => importAesKey(k, provider)))))
    return keys
  }

  async function run(push: Push): Promise<Outcome> {
    try {
      const reply = (await config.handle(push)) ?? null
      if (reply !== null) assertReply(reply)
      return { reply }
    } catch (error) {
      report(error, push, 'handler')
      return { reply: null }
    }
  }
  const outcomeOf = createDedupRun(config, run, (error, push) => report(error, push, 'dedup-store'))

  async function respond(
    outcome: Outcome,
    push: Push,
    format: WireFormat,
    aes: AesKey | undefined,
    provider: CryptoProvider,
  ): Promise<Answer> {
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

  // The `crypto` option when given; else the caller's pick (the node adapter's node:crypto), else the
  // fastest this runtime has.
  const chosen = options.crypto
  /** One request, runtime-free: what fetch and the node adapter both call. */
  async function answer(
    method: string,
    url: string,
    readBody: BodyReader,
    ctx: WaitUntilContext | undefined,
    preferred?: CryptoProvider,
  ): Promise<Answer> {
    const provider = chosen ?? preferred ?? config.crypto
    const deadline = Date.now() + replyTimeoutMs
    const verdict = await verifyRequest(config, aesKeys, method, url, readBody, deadline, provider)
    if ('rejected' in verdict) {
      quietly(() => config.onRejected?.(verdict.rejected))
      // No reason in the body: WeChat does not read it, an attacker should not.
      return { status: verdict.rejected.status, body: null }
    }
    if ('echo' in verdict) return { status: 200, type: TEXT, body: verdict.echo }
    const { push, format, aes } = verdict
    const outcome = await outcomeOf(push, await dedupStoreKey(push, appId, provider), deadline, ctx)
    return respond(outcome, push, format, aes, provider)
  }

  async function fetch(request: Request, env?: unknown, ctx?: WaitUntilContext): Promise<Response> {
    const a = await answer(request.method, request.url, (max, deadline) => readPush(request, env, max, deadline), ctx ?? waitUntilOf(env))
    const headers: Record<string, string> = a.type ? { 'content-type': a.type } : a.status === 405 ? { allow: 'GET, POST' } : {}
    return new Response(a.body, { status: a.status, headers })
  }

  return { fetch, [ANSWER]: answer } as MessageServer
}

/** Workers pass `(request, env, ctx)`; Bun/Deno pass a server object second. Use whichever has waitUntil. */
function waitUntilOf(value: unknown): WaitUntilContext | undefined {
  return typeof value === 'object' && value !== null && typeof (value as WaitUntilContext).waitUntil === 'function'
    ? (value as WaitUntilContext)
    : undefined
}

/**
 * The push's body. Behind @hono/node-server (`serve({ fetch })` calls `fetch(request, { incoming,
 * outgoing })`; a Hono app has it as `c.env.incoming`) `request` is that server's lightweight view
 * holding the Node request under a symbol, and its body is Readable.toWeb inside a ReadableStream
 * (two stream adapters, 0.15-0.5 ms a push at concurrency 1): the Node request is read from its own
 * events instead, while the view has made no web Request (a symbol named `requestCache`: a
 * middleware touching `body`, `signal` or `bodyUsed` makes one, whose stream reads the Node request
 * itself). Decided when the body is read, after the signature check: a Node request already flowing,
 * read or gone by then was read by someone else (an earlier fetch, a middleware), so 'consumed'. Any
 * other request, or if @hono/node-server renames its symbols: the Request's body, as everywhere.
 */
function readPush(request: Request, env: unknown, max: number, deadline: number): ReturnType<BodyReader> {
  type Incoming = NodeIncoming & { readableFlowing: unknown; readableDidRead: unknown; destroyed: unknown }
  const incoming = (env as { incoming?: Incoming } | null | undefined)?.incoming
  let view = false
  if (incoming)
    for (const key of Object.getOwnPropertySymbols(request)) {
      if (key.description === 'requestCache') return readRequest(request, max, deadline)
      view ||= (request as unknown as Record<symbol, unknown>)[key] === incoming
    }
  if (!view) return readRequest(request, max, deadline)
  const node = incoming as Incoming
  return node.readableFlowing !== null || node.readableDidRead || node.destroyed
    ? Promise.resolve('consumed')
    : readNodeBody(node, max, deadline)
}
