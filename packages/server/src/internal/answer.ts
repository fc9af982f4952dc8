// The runtime-free side of a message server: `fetch` wraps it in Request/Response, the node
// adapter calls it directly (a Request and a Response cost more than verifying and decrypting).
import type { CryptoProvider } from './crypto'

/** A response, runtime-free. */
export interface Answer {
  readonly status: number
  /** Content-Type, when there is a body. */
  readonly type?: string
  readonly body: string | null
}

/**
 * Reads at most `max` bytes of the body before `deadline` (epoch ms), or says why not: larger,
 * not finished in time (a body that never ends), or already consumed by someone else.
 */
export type BodyReader = (max: number, deadline: number) => Promise<Uint8Array | 'too-large' | 'timed-out' | 'consumed'>

export type AnswerFn = (
  method: string,
  url: string,
  readBody: BodyReader,
  ctx: { waitUntil(promise: Promise<unknown>): void } | undefined,
  /** Used unless the server was given a `crypto` option. */
  preferred?: CryptoProvider,
) => Promise<Answer>

/** Where a message server keeps its runtime-free entry (a registered symbol: works across copies). */
export const ANSWER: unique symbol = Symbol.for('wxmp.server.answer') as never
