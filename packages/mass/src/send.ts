// POST /cgi-bin/message/mass/sendall (all followers, or a tag) and /cgi-bin/message/mass/send
// (a list of openids), made safe to retry by a clientmsgid on every send.
import {
  assertBoolean,
  assertOptions,
  isWeChatApiError,
  isWeChatTransportError,
  toIdString,
  type CallOptions,
  type MassMessage,
  type WeChatClient,
} from '@wxmp/core'
import { createClientMsgId } from './client-msg-id'
import { MassSendUnconfirmedError } from './errors'
import { assertClientMsgId, assertMassMessage, audienceWire, massWireMessage } from './internal/wire'

/** Who receives a mass message: every follower, the followers with a tag, or 2-10,000 openids. */
export type MassAudience = { readonly all: true } | { readonly tagId: number } | { readonly openIds: readonly string[] }

/** Options of {@link sendMassMessage}. */
export interface SendMassOptions extends CallOptions {
  /**
   * The dedup key WeChat checks over the last 24 hours (at most 64 bytes). Generated when omitted
   * and returned in the result; give your own to be able to repeat a send from another process.
   */
  readonly clientMsgId?: string
  /**
   * `mpnews` only: send even when WeChat judges an article a reprint (`send_ignore_reprint: 1`);
   * otherwise such a send stops. @default false
   */
  readonly sendIgnoreReprint?: boolean
}

/** The option names of {@link sendMassMessage} (and {@link sendMassMessageChunked}). */
export const SEND_OPTIONS: readonly (keyof SendMassOptions)[] = ['clientMsgId', 'sendIgnoreReprint', 'signal']

/** What a mass send returns. */
export interface MassSendResult {
  /** The job's id (64-bit, as an exact string): for status, delete. */
  readonly msgId: string
  /** The id of the sent content, for `mpnews` and `images` (also 64-bit). */
  readonly msgDataId?: string
  /** The clientmsgid the send carried. */
  readonly clientMsgId: string
  /** True when WeChat had already accepted a send with this clientmsgid (45065): nothing new was sent. */
  readonly duplicate: boolean
}

interface WireSendAnswer {
  msg_id?: unknown
  msg_data_id?: unknown
}

function result(answer: WireSendAnswer, clientMsgId: string, duplicate: boolean): MassSendResult {
  return {
    msgId: toIdString(answer.msg_id),
    ...(answer.msg_data_id === undefined || answer.msg_data_id === null ? {} : { msgDataId: toIdString(answer.msg_data_id) }),
    clientMsgId,
    duplicate,
  }
}

/**
 * Sends a mass message to every follower (`{ all: true }`), to a tag (`{ tagId }`) or to 2-10,000
 * openids (`{ openIds }`; see {@link sendMassMessageChunked} for more).
 *
 * Every send carries a `clientmsgid` (yours, or a generated one returned in the result). That is
 * what makes it safe to retry: the client repeats a send whose answer was lost, and WeChat answers
 * a repeat with 45065 and the earlier `msg_id`, which comes back here as `{ duplicate: true, msgId }`
 * rather than an error. When the outcome stays unknown (WeChat's 45066 "retried within 1 minute",
 * or no answer at all) a {@link MassSendUnconfirmedError} carries the clientMsgId to repeat with
 * after a minute.
 *
 * Articles (`mpnews`): the `mediaId` is a draft's, from `addDraft` (@wxmp/publish), the only way
 * to make articles since 2022 (WeChat refuses an unknown id with 40007; the draft leaves the box
 * once sent). When the job ends WeChat pushes `MASSSENDJOBFINISH` with its counts and, for
 * articles, each article's URL (`ArticleUrlResult`).
 *
 * @example
 * ```ts
 * // The article path: images inside the body, a cover, a draft, a preview, then the send.
 * const { url } = await uploadArticleImage(wx, chartPng, { filename: 'chart.png' })                   // @wxmp/media
 * const cover = await addMaterial(wx, 'image', coverJpeg, { filename: 'cover.jpg' })                  // @wxmp/media
 * const { mediaId } = await addDraft(wx, [{ title: 'Spring menu', content: `<img src="${url}">`, thumbMediaId: cover.mediaId }]) // @wxmp/publish
 * await previewMassMessage(wx, { openId: editor }, { type: 'mpnews', mediaId })
 * const { msgId, clientMsgId, duplicate } = await sendMassMessage(wx, { tagId: 101 }, { type: 'mpnews', mediaId }, { sendIgnoreReprint: true })
 * // your @wxmp/server handler then gets MASSSENDJOBFINISH for msgId, with the articles' URLs
 *
 * await sendMassMessage(wx, { openIds: [a, b] }, { type: 'text', content: 'Doors open at 9' })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */
export async function sendMassMessage(
  client: WeChatClient,
  audience: MassAudience,
  message: MassMessage,
  options: SendMassOptions = {},
): Promise<MassSendResult> {
  assertOptions('sendMassMessage options', options, SEND_OPTIONS)
  const { path, body } = audienceWire(audience)
  assertMassMessage('message', message)
  if (options.sendIgnoreReprint !== undefined) {
    assertBoolean('sendIgnoreReprint', options.sendIgnoreReprint)
    if (message.type !== 'mpnews') throw new TypeError(`sendIgnoreReprint applies to mpnews messages only, got a ${message.type} message`)
  }
  if (options.clientMsgId !== undefined) assertClientMsgId('clientMsgId', options.clientMsgId)
  const clientMsgId = options.clientMsgId ?? createClientMsgId()

  try {
    const answer = await client.request<WireSendAnswer>(path, {
      json: {
        ...body,
        ...massWireMessage(message),
        ...(options.sendIgnoreReprint === undefined ? {} : { send_ignore_reprint: options.sendIgnoreReprint ? 1 : 0 }),
        clientmsgid: clientMsgId,
      },
      // Safe to repeat only because the clientmsgid rides along: WeChat refuses a second job for it.
      idempotent: true,
      signal: options.signal,
    })
    return result(answer, clientMsgId, false)
  } catch (error) {
    if (isWeChatApiError(error)) {
      if (error.errcode === 45065 && error.data.msg_id !== undefined) return result(error.data, clientMsgId, true)
      if (error.errcode === 45066) throw new MassSendUnconfirmedError('pending', clientMsgId, error)
      if (error.errcode === -1) throw new MassSendUnconfirmedError('no-answer', clientMsgId, error)
    }
    if (isWeChatTransportError(error)) throw new MassSendUnconfirmedError('no-answer', clientMsgId, error)
    throw error
  }
}
