// `handle` once per push with a shared dedup store (the DedupStore a user plugs in, e.g. @wxmp/redis's):
// another instance holding the push, a store that fails, hangs or goes down midway, a retry joining
// the run in flight, and who hands late work to `waitUntil`. Through the public `fetch`, with a
// hand-written store and fake timers (no wall-clock durations). README "Retries, deadlines and failures".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  computeSignature,
  createMemoryDedupStore,
  createMessageServer,
  type DedupStore,
  type MessageServerOptions,
  type Push,
  type Reply,
} from './index'
import { toXml } from './testing/push'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123' }
type Ctx = { waitUntil: (promise: Promise<unknown>) => void }

const textPush = (msgId: string | undefined, content = 'hi') => ({
  ToUserName: 'gh_7f083739789a',
  FromUserName: 'o1',
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'text',
  Content: content,
  ...(msgId === undefined ? {} : { MsgId: msgId }),
})

/** A signed plaintext push, built before it is sent: only the server's own work runs once time is faked. */
async function request(fields: Record<string, unknown>): Promise<Request> {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = '1514711492'
  const q = new URLSearchParams({ signature: await computeSignature(APP.token, timestamp, nonce), timestamp, nonce })
  return new Request(`https://example.com/wx?${q}`, { method: 'POST', body: toXml(fields) })
}

/** Sends the push through `server.fetch` and lets it reach the dedup step (real event-loop turns, no fake time). */
async function start(
  server: ReturnType<typeof createMessageServer>,
  fields: Record<string, unknown>,
  ctx?: Ctx,
): Promise<{ text: Promise<string> }> {
  const req = await request(fields)
  const answer = server.fetch(req, undefined, ctx).then((res) => {
    expect(res.status).toBe(200)
    return res.text()
  })
  answer.catch(() => undefined)
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve))
  return { text: answer }
}

/** The answer's body, for a push that needs no fake time to pass. */
const send = async (server: ReturnType<typeof createMessageServer>, fields: Record<string, unknown>, ctx?: Ctx) =>
  (await start(server, fields, ctx)).text

const never = <T>() => new Promise<T>(() => undefined)
const stored = (content: string) => JSON.stringify({ reply: { type: 'text', content } })

function serverWith(dedupStore: DedupStore, options: Partial<MessageServerOptions> = {}) {
  const onError = vi.fn()
  const handle = vi.fn<(push: Push) => unknown>(options.handle ?? (() => ({ type: 'text', content: 'handled here' })))
  const server = createMessageServer({ ...APP, replyTimeoutMs: 1000, ...options, dedupStore, onError, handle: handle as never })
  return { server, onError, handle }
}

/** The store errors onError received, as `kind: message`. */
const storeErrors = (onError: ReturnType<typeof vi.fn>) =>
  onError.mock.calls.map(([error, info]) => `${(info as { kind: string }).kind}: ${(error as Error).message}`)

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('a push another instance has claimed (claim answers false)', () => {
  it('polls read until the other instance settles, answers its reply and runs nothing here', async () => {
    const reads: (string | null)[] = [null, null, stored('from instance B')]
    const store: DedupStore = { claim: async () => false, settle: async () => undefined, read: async () => reads.shift() ?? null }
    const { server, handle, onError } = serverWith(store)
    const answer = (await start(server, textPush('101'))).text
    await vi.advanceTimersByTimeAsync(200)
    expect(await answer).toContain('<Content><![CDATA[from instance B]]></Content>')
    expect(reads).toEqual([])
    expect(handle).not.toHaveBeenCalled()
    expect(onError).not.toHaveBeenCalled()
  })

  it('waits for a store that is slow but answers within its bounds (not taken for a failure)', async () => {
    const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(resolve, 100, value))
    const store: DedupStore = { claim: () => later(false), settle: async () => undefined, read: () => later(stored('from instance B')) }
    const { server, handle, onError } = serverWith(store, { replyTimeoutMs: 1000 })
    const answer = (await start(server, textPush('109'))).text
    await vi.advanceTimersByTimeAsync(200)
    expect(await answer).toContain('<Content><![CDATA[from instance B]]></Content>')
    expect(handle).not.toHaveBeenCalled()
    expect(onError).not.toHaveBeenCalled()
  })

  it('stops reading before the deadline when the other instance never settles, and answers success', async () => {
    const t0 = Date.now()
    const readAt: number[] = []
    const store: DedupStore = {
      claim: async () => false,
      settle: async () => undefined,
      read: async () => (readAt.push(Date.now() - t0), null),
    }
    const { server, handle } = serverWith(store, { replyTimeoutMs: 1000 })
    const answer = (await start(server, textPush('102'))).text
    await vi.advanceTimersByTimeAsync(1000)
    expect(await answer).toBe('success')
    await vi.advanceTimersByTimeAsync(5000)
    // Polled (not read once and given up), and never at or after the deadline, nor after the answer.
    expect(readAt.length).toBeGreaterThan(2)
    expect(Math.max(...readAt)).toBeLessThan(1000)
    expect(handle).not.toHaveBeenCalled()
  })

  it('reads once and answers success when the store no longer knows the push (undefined)', async () => {
    const read = vi.fn(async () => undefined)
    const { server, handle } = serverWith({ claim: async () => false, settle: async () => undefined, read })
    const answer = (await start(server, textPush('103'))).text
    await vi.advanceTimersByTimeAsync(1000)
    expect(await answer).toBe('success')
    expect(read).toHaveBeenCalledTimes(1)
    expect(handle).not.toHaveBeenCalled()
  })

  it('answers success for a stored value that is not JSON, or whose reply is not a valid reply', async () => {
    for (const [i, value] of [
      'not json',
      '{"reply":{"type":"bogus"}}',
      '{"reply":{"type":"text","content":42}}',
      '{"reply":null}',
    ].entries()) {
      const { server, handle, onError } = serverWith({ claim: async () => false, settle: async () => undefined, read: async () => value })
      const answer = (await start(server, textPush(`10${4 + i}`))).text
      await vi.advanceTimersByTimeAsync(0)
      expect(await answer).toBe('success')
      expect(handle).not.toHaveBeenCalled()
      expect(onError).not.toHaveBeenCalled()
    }
  })

  it('answers success and reports a read that fails (kind dedup-store)', async () => {
    const store: DedupStore = {
      claim: async () => false,
      settle: async () => undefined,
      read: () => Promise.reject(new Error('read down')),
    }
    const { server, onError, handle } = serverWith(store)
    const answer = (await start(server, textPush('110'))).text
    await vi.advanceTimersByTimeAsync(0)
    expect(await answer).toBe('success')
    expect(storeErrors(onError)).toEqual(['dedup-store: read down'])
    expect(onError.mock.calls[0]?.[1]).toMatchObject({ push: { msgId: '110' } })
    expect(handle).not.toHaveBeenCalled()
  })

  it('answers success at the deadline and reports a read that never answers', async () => {
    const store: DedupStore = { claim: async () => false, settle: async () => undefined, read: never }
    const { server, onError } = serverWith(store, { replyTimeoutMs: 1000 })
    const answer = (await start(server, textPush('111'))).text
    await vi.advanceTimersByTimeAsync(1000)
    expect(await answer).toBe('success')
    expect(storeErrors(onError)).toEqual(['dedup-store: dedup store read timed out'])
  })
})

describe('a store that fails', () => {
  it('reports a claim that throws synchronously, handles the push once here and answers its reply', async () => {
    const settle = vi.fn(async () => undefined)
    const store: DedupStore = {
      claim: () => {
        throw new Error('claim sync')
      },
      settle,
      read: async () => undefined,
    }
    const { server, onError, handle } = serverWith(store)
    expect(await send(server, textPush('120'))).toContain('handled here')
    expect(handle).toHaveBeenCalledTimes(1)
    expect(storeErrors(onError)).toEqual(['dedup-store: claim sync'])
  })

  it('bounds a claim that never answers to half the time left, then handles the push here', async () => {
    const { server, onError, handle } = serverWith(
      { claim: never, settle: async () => undefined, read: async () => undefined },
      { replyTimeoutMs: 1000 },
    )
    const answer = (await start(server, textPush('121'))).text
    await vi.advanceTimersByTimeAsync(500)
    expect(await answer).toContain('handled here')
    expect(handle).toHaveBeenCalledTimes(1)
    expect(storeErrors(onError)).toEqual(['dedup-store: dedup store claim timed out'])
  })

  it('with the store down, a retry in this process gets the first reply and handle runs once', async () => {
    const down = () => Promise.reject(new Error('store down'))
    const { server, onError, handle } = serverWith({ claim: down, settle: down, read: down })
    expect(await send(server, textPush('122'))).toContain('handled here')
    await vi.advanceTimersByTimeAsync(0)
    expect(await send(server, textPush('122'))).toContain('handled here')
    expect(handle).toHaveBeenCalledTimes(1)
    // Each push's failed claim, and nothing else: the first run was stored in the process, not the store.
    expect(storeErrors(onError)).toEqual(['dedup-store: store down', 'dedup-store: store down'])
  })

  it('when the store goes down after the claim, a retry in this process still gets the first reply', async () => {
    let up = true
    const inner = createMemoryDedupStore()
    const store: DedupStore = {
      claim: (key, ttl) => (up ? inner.claim(key, ttl) : Promise.reject(new Error('store down'))),
      settle: () => ((up = false), Promise.reject(new Error('settle down'))),
      read: () => Promise.reject(new Error('store down')),
    }
    const { server, onError, handle } = serverWith(store)
    expect(await send(server, textPush('123'))).toContain('handled here')
    await vi.advanceTimersByTimeAsync(0)
    expect(storeErrors(onError)).toEqual(['dedup-store: settle down'])
    expect(await send(server, textPush('123'))).toContain('handled here')
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it('answers the reply without waiting for a settle that never answers, then reports it', async () => {
    const { server, onError } = serverWith(
      { claim: async () => true, settle: never, read: async () => undefined },
      { replyTimeoutMs: 1000 },
    )
    expect(await send(server, textPush('124'))).toContain('handled here')
    expect(onError).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1000)
    expect(storeErrors(onError)).toEqual(['dedup-store: dedup store settle timed out'])
  })
})

describe('a retry in this process', () => {
  it('joins the run in flight (no store round trip) even when the store is slow to read', async () => {
    const inner = createMemoryDedupStore()
    const claim = vi.fn((key: string, ttl: number) => inner.claim(key, ttl))
    const store: DedupStore = { claim, settle: (k, v, t) => inner.settle(k, v, t), read: never }
    const { server, handle } = serverWith(store, {
      handle: () => new Promise((resolve) => setTimeout(resolve, 100, { type: 'text', content: 'first run' })),
    })
    const first = (await start(server, textPush('130'))).text
    const retry = (await start(server, textPush('130'))).text
    await vi.advanceTimersByTimeAsync(100)
    expect(await first).toContain('first run')
    expect(await retry).toContain('first run')
    expect(handle).toHaveBeenCalledTimes(1)
    expect(claim).toHaveBeenCalledTimes(1)
  })

  it('joins until the first outcome is stored, then gets it from the store', async () => {
    const inner = createMemoryDedupStore()
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const claim = vi.fn((key: string, ttl: number) => inner.claim(key, ttl))
    const store: DedupStore = { claim, settle: async (k, v, t) => (await held, inner.settle(k, v, t)), read: (k) => inner.read(k) }
    const { server, handle } = serverWith(store)
    expect(await send(server, textPush('131'))).toContain('handled here')
    // Settle still pending: the retry joins the finished run.
    expect(await send(server, textPush('131'))).toContain('handled here')
    expect(claim).toHaveBeenCalledTimes(1)
    release()
    await vi.advanceTimersByTimeAsync(0)
    expect(await send(server, textPush('131'))).toContain('handled here')
    expect(claim).toHaveBeenCalledTimes(2)
    expect(handle).toHaveBeenCalledTimes(1)
  })
})

describe('the deadline and waitUntil', () => {
  const slow = () => new Promise<Reply>((resolve) => setTimeout(resolve, 3000, { type: 'text', content: 'late' }))

  it('hands late work to waitUntil of the push that runs it, not of a retry that joined it', async () => {
    const { server, handle } = serverWith(createMemoryDedupStore(), { replyTimeoutMs: 1000, handle: slow })
    const owner = { waitUntil: vi.fn() }
    const joiner = { waitUntil: vi.fn() }
    const first = (await start(server, textPush('140'), owner)).text
    const retry = (await start(server, textPush('140'), joiner)).text
    await vi.advanceTimersByTimeAsync(1000)
    expect(await first).toBe('success')
    expect(await retry).toBe('success')
    expect(owner.waitUntil).toHaveBeenCalledTimes(1)
    expect(joiner.waitUntil).not.toHaveBeenCalled()
    const late = owner.waitUntil.mock.calls[0]?.[0] as Promise<unknown>
    await vi.advanceTimersByTimeAsync(2000)
    await expect(late).resolves.toMatchObject({ reply: { content: 'late' } })
    expect(handle).toHaveBeenCalledTimes(1)
  })

  it('hands nothing to waitUntil for a push answered in time, even once the deadline has passed', async () => {
    const { server } = serverWith(createMemoryDedupStore(), { replyTimeoutMs: 1000 })
    const ctx = { waitUntil: vi.fn() }
    expect(await send(server, textPush('141'), ctx)).toContain('handled here')
    await vi.advanceTimersByTimeAsync(2000)
    expect(ctx.waitUntil).not.toHaveBeenCalled()
  })

  it('runs a message without MsgId every time (not deduplicated), and hands its late work to waitUntil', async () => {
    const { server, handle } = serverWith(createMemoryDedupStore(), { replyTimeoutMs: 1000, handle: slow })
    const ctx = { waitUntil: vi.fn() }
    const fields = textPush(undefined)
    const first = (await start(server, fields, ctx)).text
    const second = (await start(server, fields)).text
    await vi.advanceTimersByTimeAsync(1000)
    expect(await first).toBe('success')
    expect(await second).toBe('success')
    expect(handle).toHaveBeenCalledTimes(2)
    expect(ctx.waitUntil).toHaveBeenCalledTimes(1)
  })
})
