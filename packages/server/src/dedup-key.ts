// What makes two pushes "the same push" (a retry) for dedup. WeChat's doc: messages by MsgId,
// events by FromUserName + CreateTime. README "Retries, deadlines and failures".
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
import type { Push } from './push-types'
import { whenHex, type CryptoProvider } from './internal/crypto'

/**
 * A push's identity across WeChat's retries, or undefined for a message without a usable `MsgId`
 * (not deduplicated rather than merged with every other one). A message is its account
 * (`ToUserName`), sender and `MsgId`: a MsgId claimed by another sender or account is another
 * push. An event carries no id, so it is its sender, `CreateTime` and every field, in canonical JSON:
 * a retry repeats every field, two distinct pushes in one second (two clicks, two scans) differ in one.
 * The server stores a fixed-size hash of this (`dedupStoreKey`), never the text itself.
 *
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 */
export function dedupKeyOf(push: Push): string | undefined {
  const scope = JSON.stringify([push.toUserName, push.fromUserName])
  if (push.msgType !== 'event' && (push.msgType !== 'unknown' || push.msgId))
    return push.msgId ? `msg:${scope}${JSON.stringify(push.msgId)}` : undefined
  return `event:${scope}${push.createTime}${canonicalJson(push.raw)}`
}

/**
 * The store key for a push: its kind and the SHA-1 of the app's id and `dedupKeyOf`, at most 46 characters
 * whatever the push's size (a 60 KB event must not become a 60 KB key in memory or on Redis).
 */
export function dedupStoreKey(push: Push, appId: string, provider: CryptoProvider): string | undefined | Promise<string> {
  const identity = dedupKeyOf(push)
  return identity && whenHex(provider.sha1Hex(`${appId}\n${identity}`), (hex) => `${identity.slice(0, identity.indexOf(':'))}:${hex}`)
}

/** JSON with object keys sorted at every level (bigints as strings): equal fields, equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'bigint'
      ? String(v)
      : typeof v === 'object' && v !== null && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v,
  )
}
