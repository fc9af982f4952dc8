// Reading and checking mass request bodies the way WeChat does.
import type { Context } from 'hono'
import { wxError } from '../../wechat'

/**
 * The JSON body with `msg_id` kept exact: WeChat's ids are 64-bit and JSON.parse would round one
 * beyond 2^53, so bare integers under that key are read as strings first.
 */
export async function readJsonLossless(c: Context): Promise<Record<string, unknown> | Response> {
  const text = await c.req.text()
  if (text.trim() === '') return wxError(c, 44002)
  try {
    const parsed: unknown = JSON.parse(text.replace(/("msg_id"\s*:\s*)(-?\d+)/g, '$1"$2"'))
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return wxError(c, 47001)
    return parsed as Record<string, unknown>
  } catch {
    return wxError(c, 47001)
  }
}

// WeChat documents image mass sends as "msgtype":"image" with the body under the key "images"
// ({"media_ids":[...],"recommend","need_open_comment","only_fans_can_comment"}), and an image
// preview as "msgtype":"image" with "image":{"media_id"}. "msgtype":"images" is not a type: 40008.
// https://developers.weixin.qq.com/doc/service/guide/product/message/Batch_Sends.html
const MSGTYPES = new Set(['mpnews', 'text', 'voice', 'image', 'mpvideo', 'wxcard'])
const str = (v: unknown): v is string => typeof v === 'string' && v !== ''

/**
 * The `<msgtype>` object to deliver, or WeChat's errcode for what is wrong with it. `kind`: a send
 * (sendall / send) carries images under `images`, a preview one image under `image`.
 */
export function checkMassMessage(
  body: Record<string, unknown>,
  kind: 'send' | 'preview' = 'send',
): { msgtype: string; payload: Record<string, unknown> } | number {
  const msgtype = body.msgtype
  if (typeof msgtype !== 'string' || !MSGTYPES.has(msgtype)) return 40008
  const bodyKey = msgtype === 'image' && kind === 'send' ? 'images' : msgtype
  const raw = body[bodyKey]
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return 47001
  const m = raw as Record<string, unknown>
  switch (msgtype) {
    case 'text':
      if (!str(m.content)) return 44004
      break
    case 'mpnews':
    case 'voice':
    case 'mpvideo':
      if (!str(m.media_id)) return 41006
      break
    case 'image':
      if (kind === 'preview') {
        if (!str(m.media_id)) return 41006
      } else if (!Array.isArray(m.media_ids) || m.media_ids.length === 0 || !m.media_ids.every(str)) return 41006
      break
    case 'wxcard':
      if (!str(m.card_id)) return 40035
      break
  }
  if (body.send_ignore_reprint !== undefined && body.send_ignore_reprint !== 0 && body.send_ignore_reprint !== 1) return 40035
  return { msgtype, payload: m }
}

/** A short stable digest (FNV-1a), for the clientmsgid WeChat derives from audience and content. */
export function digest(value: unknown): string {
  const text = JSON.stringify(value)
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h.toString(16)
}
