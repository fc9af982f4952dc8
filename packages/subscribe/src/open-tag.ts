// The subscribe button on a web page is WeChat's open tag <wx-open-subscribe template="id1,id2">;
// its `success` event hands the page `e.detail.subscribeDetails`: a JSON string whose values are
// JSON strings again ({"<templateId>":"{\"status\":\"accept\"}"}). Reading it needs no client, so
// this module imports nothing and ships alone as `@wxmp/subscribe/open-tag` for browser code.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_Open_Tag.html

/**
 * A follower's answer for one template: `accept` (also `acceptWithAlert` and the like, which WeChat
 * added later), `reject`, `cancel`, `ban` (the template is banned) or `filter` (filtered as a
 * duplicate title). Only an `accept…` status lets the server send.
 */
export interface SubscribeDetail {
  readonly templateId: string
  readonly status: string
  /** Whether the status lets the server send this template once (`accept` or `acceptWith…`). */
  readonly accepted: boolean
}

function parse(text: unknown, what: string): unknown {
  if (typeof text !== 'string') return text
  try {
    return JSON.parse(text)
  } catch {
    throw new TypeError(`${what} must be JSON, got a string of ${text.length} characters`)
  }
}

/**
 * Reads `e.detail` (or `e.detail.subscribeDetails`) of `<wx-open-subscribe>`'s `success` event into
 * one entry per template. Throws a TypeError for anything that is not that shape.
 *
 * @example
 * ```ts
 * btn.addEventListener('success', (e) => {
 *   const accepted = parseSubscribeDetails(e.detail).filter((d) => d.accepted).map((d) => d.templateId)
 *   fetch('/api/subscribed', { method: 'POST', body: JSON.stringify(accepted) })   // the server may send these once
 * })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_Open_Tag.html
 */
export function parseSubscribeDetails(detail: unknown): SubscribeDetail[] {
  const inner =
    detail !== null && typeof detail === 'object' && 'subscribeDetails' in detail
      ? (detail as { subscribeDetails: unknown }).subscribeDetails
      : detail
  const map = parse(inner, 'subscribeDetails')
  if (map === null || typeof map !== 'object' || Array.isArray(map))
    throw new TypeError('subscribeDetails must be an object of templateId → {"status"}')
  return Object.entries(map).map(([templateId, value]) => {
    const status = (parse(value, `subscribeDetails.${templateId}`) as { status?: unknown } | null)?.status
    if (typeof status !== 'string') throw new TypeError(`subscribeDetails.${templateId}.status must be a string`)
    return { templateId, status, accepted: /^accept/.test(status) }
  })
}
