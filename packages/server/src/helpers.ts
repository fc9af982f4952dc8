// Helpers that tie pushes to the other packages' results, without depending on those packages.
import type {
  MassSendJobFinishEvent,
  PublishJobFinishEvent,
  Push,
  ScanEvent,
  SubscribeEvent,
  TemplateSendJobFinishEvent,
} from './push-types'

/**
 * True when `push` is the job-finish event of the send that returned `sendResult`: a
 * TEMPLATESENDJOBFINISH for `sendTemplateMessage`'s result, a MASSSENDJOBFINISH for
 * `sendMassMessage`'s (or any `{ msgId }`). Ids are compared as exact 64-bit decimal strings.
 *
 * @example
 * ```ts
 * const sent = await sendMassMessage(wx, { toAll: true }, { type: 'text', content: 'Hello' })
 * // later, in handle(push):
 * // The guard matches either job kind by id; narrow on `event` for the mass counts.
 * if (isJobFinishOf(push, sent) && push.event === 'MASSSENDJOBFINISH') console.log(push.status, push.sentCount, 'of', push.totalCount)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 */
export function isJobFinishOf(
  push: Push,
  sendResult: { readonly msgId: string | number | bigint },
): push is TemplateSendJobFinishEvent | MassSendJobFinishEvent {
  if (push.msgType !== 'event' || (push.event !== 'TEMPLATESENDJOBFINISH' && push.event !== 'MASSSENDJOBFINISH')) return false
  return push.msgId !== '' && push.msgId === normalizeId(sendResult.msgId, 'sendResult.msgId')
}

/**
 * True when `push` is the PUBLISHJOBFINISH event of the publish that returned `publishId`
 * (`submitPublish`'s result from @wxmp/publish, or its `publishId`), compared as exact decimal strings.
 *
 * @example
 * ```ts
 * const { publishId } = await submitPublish(wx, mediaId)
 * // later, in handle(push):
 * if (isPublishJobFinishOf(push, publishId) && push.publishStatus === 0) console.log(push.articles?.[0]?.articleUrl)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Publish/Callback_on_finish.html
 */
export function isPublishJobFinishOf(
  push: Push,
  publishId: string | number | bigint | { readonly publishId: string | number | bigint },
): push is PublishJobFinishEvent {
  if (push.msgType !== 'event' || push.event !== 'PUBLISHJOBFINISH') return false
  const id = typeof publishId === 'object' ? publishId.publishId : publishId
  return push.publishId !== '' && push.publishId === normalizeId(id, 'publishId')
}

/**
 * The QR scene of a follow or scan, or undefined for any other push (or a follow without a QR
 * code): `qrscene_<scene>` on subscribe, the bare scene on SCAN. The same rule as
 * @wxmp/qrcode's `qrSceneFromEventKey`, without installing it.
 *
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 */
export function qrSceneOf(push: Push): string | undefined {
  return isQrScan(push) ? push.scene : undefined
}

/** True for a follow or scan that came from a QR code with a scene. */
export function isQrScan(push: Push): push is (SubscribeEvent & { readonly scene: string }) | ScanEvent {
  return push.msgType === 'event' && (push.event === 'SCAN' || push.event === 'subscribe') && push.scene !== undefined && push.scene !== ''
}

function normalizeId(id: string | number | bigint, name: string): string {
  if (typeof id === 'bigint') return id.toString()
  if (typeof id === 'number') {
    if (!Number.isSafeInteger(id)) throw new RangeError(`${name} must be an exact integer; a number above 2^53 has lost digits, got ${id}`)
    return String(id)
  }
  return String(id).trim()
}
