// The one mass-send failure wxmp turns into its own error: "WeChat may have accepted this send".
import type { WeChatError } from '@wxmp/core'

const BRAND = Symbol.for('wxmp.mass.unconfirmed')

/**
 * Thrown by `sendMassMessage` when we cannot tell whether WeChat accepted the send:
 * - `pending`: WeChat answered 45066, "same clientmsgid retried within 1 minute": an earlier
 *   attempt with this clientmsgid (typically one whose answer was lost) is still being processed;
 * - `no-answer`: the call ended without a readable answer (timeout, reset, 5xx, errcode -1) after
 *   the client's own retries.
 *
 * Either way, repeat the send with `{ clientMsgId: error.clientMsgId }` after `retryAfterMs`:
 * if the first attempt went through, WeChat answers 45065 and you get `{ duplicate: true, msgId }`;
 * if it did not, the repeat sends it. Never send with a new clientmsgid, or followers may get it twice.
 */
export class MassSendUnconfirmedError extends Error {
  override readonly name = 'MassSendUnconfirmedError'
  readonly [BRAND] = true
  readonly reason: 'pending' | 'no-answer'
  /** The clientmsgid of the send: repeat with it. */
  readonly clientMsgId: string
  /** Wait this long before repeating (WeChat answers 45066 to a repeat within a minute). */
  readonly retryAfterMs: number
  declare readonly cause: WeChatError

  constructor(reason: 'pending' | 'no-answer', clientMsgId: string, cause: WeChatError) {
    super(
      `mass send with clientmsgid ${clientMsgId} is unconfirmed (${reason === 'pending' ? 'WeChat 45066: still processing an earlier attempt' : cause.message}); ` +
        'repeat it with the same clientMsgId after 60 s to get its msg_id',
      { cause },
    )
    this.reason = reason
    this.clientMsgId = clientMsgId
    this.retryAfterMs = 60_000
  }
}

/** Whether `error` is a {@link MassSendUnconfirmedError}, also across duplicated package copies. */
export function isMassSendUnconfirmedError(error: unknown): error is MassSendUnconfirmedError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true
}
