// POST /cgi-bin/message/mass/preview: send a mass message to one user to see it as followers will.
import {
  assertOpenId,
  assertOptions,
  assertString,
  describeValue,
  toIdString,
  type CallOptions,
  type MassMessage,
  type WeChatClient,
} from '@wxmp/core'
import { assertMassMessage, previewWireMessage } from './internal/wire'

/** Who gets a preview: a follower's openid, or a WeChat ID (`towxname`, 100 previews a day). */
export type MassPreviewTarget = { readonly openId: string } | { readonly wxName: string }

/**
 * Sends a mass message to one user as a preview. It does not count against mass quotas and
 * creates no mass job.
 *
 * @example
 * ```ts
 * await previewMassMessage(wx, { openId: editorOpenId }, { type: 'mpnews', mediaId })
 * await previewMassMessage(wx, { wxName: 'editor_wechat_id' }, { type: 'text', content: 'Draft' })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */
export async function previewMassMessage(
  client: WeChatClient,
  to: MassPreviewTarget,
  message: MassMessage,
  options: CallOptions = {},
): Promise<{ readonly msgId?: string }> {
  assertOptions('previewMassMessage options', options, ['signal'])
  if (to === null || typeof to !== 'object') throw new TypeError(`to must be { openId } or { wxName }, got ${describeValue(to)}`)
  assertOptions('to', to, ['openId', 'wxName'])
  const target = to as { openId?: unknown; wxName?: unknown }
  if ((target.openId === undefined) === (target.wxName === undefined)) throw new TypeError('to must have exactly one of openId, wxName')
  if (target.openId !== undefined) assertOpenId('to.openId', target.openId)
  else assertString('to.wxName', target.wxName, { max: 64, controls: 'none' })
  assertMassMessage('message', message)
  const answer = await client.request<{ msg_id?: unknown }>('/cgi-bin/message/mass/preview', {
    json: { ...(target.openId !== undefined ? { touser: target.openId } : { towxname: target.wxName }), ...previewWireMessage(message) },
    signal: options.signal,
  })
  return answer.msg_id === undefined || answer.msg_id === null ? {} : { msgId: toIdString(answer.msg_id) }
}
