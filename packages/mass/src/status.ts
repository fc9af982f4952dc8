// POST /cgi-bin/message/mass/get: where a mass job stands.
import { assertOptions, toIdString, type CallOptions, type WeChatClient } from '@wxmp/core'
import { assertMsgId } from './internal/wire'

/** WeChat's job states: sent, still sending, failed (or refused by review), deleted afterwards. */
export type MassMessageStatus = 'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE'

/**
 * Reads a mass job's status.
 *
 * @example
 * ```ts
 * const { status } = await getMassMessageStatus(wx, msgId)
 * if (status === 'SENDING') setTimeout(check, 60_000)
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_massmsgget
 */
export async function getMassMessageStatus(
  client: WeChatClient,
  msgId: string,
  options: CallOptions = {},
): Promise<{ readonly msgId: string; readonly status: MassMessageStatus }> {
  assertOptions('getMassMessageStatus options', options, ['signal'])
  const id = assertMsgId('msgId', msgId)
  const answer = await client.request<{ msg_id: unknown; msg_status: MassMessageStatus }>('/cgi-bin/message/mass/get', {
    // WeChat documents msg_id here as a string (`{"msg_id":"201053012"}`), which also keeps a 64-bit id exact.
    json: { msg_id: id },
    idempotent: true,
    signal: options.signal,
  })
  return { msgId: toIdString(answer.msg_id), status: answer.msg_status }
}
