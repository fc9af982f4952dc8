// clientmsgid: the dedup key that makes a retried mass send safe.

/**
 * A fresh `clientmsgid` (a random UUID, 36 bytes; WeChat allows 64). `sendMassMessage` makes one
 * for every send you give none; make your own when you want to retry a send across processes,
 * e.g. from your campaign's id.
 *
 * @example
 * ```ts
 * const clientMsgId = createClientMsgId()
 * await db.saveCampaign({ id, clientMsgId })          // before sending: a crash can resend safely
 * await sendMassMessage(wx, { tagId }, message, { clientMsgId })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */
export function createClientMsgId(): string {
  return globalThis.crypto.randomUUID()
}
