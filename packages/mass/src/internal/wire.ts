// The one place mass-send inputs become WeChat's wire bodies: audience, message, options, ids.
import {
  assertInteger,
  assertMessage,
  assertOpenIds,
  assertOptions,
  assertString,
  describeValue,
  toIdOrThrow,
  toWireMessage,
  type MassMessage,
  type WireMessage,
} from '@wxmp/core'
import type { MassAudience } from '../send'

/** Kinds the mass APIs take. */
export const MASS_MESSAGE_TYPES: readonly MassMessage['type'][] = ['text', 'image', 'voice', 'images', 'mpnews', 'mpvideo', 'wxcard']

/** openids per `/cgi-bin/message/mass/send` (40130 outside it). */
export const OPENIDS_MIN = 2
export const OPENIDS_MAX = 10_000

/** clientmsgid: at most 64 bytes (45067). */
export const CLIENT_MSG_ID_MAX_BYTES = 64

/**
 * The message in sendall / send wire form. WeChat's image post is `"msgtype":"image"` with its body
 * under the key `images` (`{ media_ids, recommend, ... }`); a single `image` goes as a post of one.
 * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_sendall
 */
export function massWireMessage(message: MassMessage): WireMessage {
  if (message.type !== 'image' && message.type !== 'images') return toWireMessage(message)
  const { images } = toWireMessage(message.type === 'image' ? { type: 'images', mediaIds: [message.mediaId] } : message)
  return { msgtype: 'image', images }
}

/**
 * The message in preview wire form: preview shows one image, `"msgtype":"image","image":{"media_id"}`,
 * so an `images` post previews only when it holds exactly one id.
 * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_preview
 */
export function previewWireMessage(message: MassMessage): WireMessage {
  if (message.type !== 'images') return toWireMessage(message)
  if (message.mediaIds.length !== 1) {
    throw new RangeError(
      `message.mediaIds must hold exactly 1 id for a preview (WeChat previews one image), got ${message.mediaIds.length}`,
    )
  }
  return toWireMessage({ type: 'image', mediaId: message.mediaIds[0]! })
}

export function assertMassMessage(name: string, message: unknown): asserts message is MassMessage {
  assertMessage(name, message, MASS_MESSAGE_TYPES)
}

export function assertClientMsgId(name: string, value: unknown, maxBytes: number = CLIENT_MSG_ID_MAX_BYTES): asserts value is string {
  assertString(name, value, { maxBytes, controls: 'none' })
}

/** The audience part of a send body, and which path takes it. */
export function audienceWire(audience: MassAudience): { path: string; body: Record<string, unknown> } {
  if (audience === null || typeof audience !== 'object' || Array.isArray(audience)) {
    throw new TypeError(`audience must be { all: true }, { tagId } or { openIds }, got ${describeValue(audience)}`)
  }
  assertOptions('audience', audience, ['all', 'tagId', 'openIds'])
  const a = audience as { all?: unknown; tagId?: unknown; openIds?: unknown }
  const given = ['all', 'tagId', 'openIds'].filter((k) => a[k as keyof typeof a] !== undefined)
  if (given.length !== 1)
    throw new TypeError(`audience must have exactly one of all, tagId, openIds, got ${given.length === 0 ? 'none' : given.join(', ')}`)
  if (a.all !== undefined) {
    if (a.all !== true) throw new TypeError('audience.all must be true')
    return { path: '/cgi-bin/message/mass/sendall', body: { filter: { is_to_all: true } } }
  }
  if (a.tagId !== undefined) {
    // Above 2^53 a number is already another number: 2^60 would reach another tag's followers.
    assertInteger('audience.tagId', a.tagId, { min: 0, max: Number.MAX_SAFE_INTEGER })
    return { path: '/cgi-bin/message/mass/sendall', body: { filter: { is_to_all: false, tag_id: a.tagId } } }
  }
  assertOpenIds('audience.openIds', a.openIds, { min: OPENIDS_MIN, max: OPENIDS_MAX })
  return { path: '/cgi-bin/message/mass/send', body: { touser: [...(a.openIds as readonly string[])] } }
}

/** A 64-bit id given by the caller: a decimal string (or a safe integer / bigint), as an exact string. */
export function assertMsgId(name: string, value: unknown): string {
  // Exact 64-bit: "0123", a number past 2^53 and anything above 2^64-1 are refused, not sent as another id.
  return toIdOrThrow(name, value)
}

/**
 * A JSON body whose `msg_id` is written as a bare integer, as WeChat sends it. JSON.stringify would
 * round an id beyond 2^53 if it were a number, or quote it if it were a string.
 */
export function jsonWithMsgId(msgId: string, rest: Record<string, unknown> = {}): string {
  const tail = JSON.stringify(rest).slice(1)
  return `{"msg_id":${msgId}${tail === '}' ? '}' : `,${tail}`}`
}
