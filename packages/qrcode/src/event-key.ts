// The scene a scan or follow event reports, back from its EventKey. Pure, no client.

/**
 * The scene in a QR scan's `EventKey`: `qrscene_<scene>` on a follow (subscribe) event, the bare
 * scene on a scan by someone already following. Returns the scene as the string WeChat sent; an
 * empty `EventKey` (a follow without a QR code) gives `undefined`.
 *
 * @example
 * ```ts
 * qrSceneFromEventKey('qrscene_campaign-42') // 'campaign-42'
 * qrSceneFromEventKey('123')                  // '123'
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 */
export function qrSceneFromEventKey(eventKey: string | undefined | null): string | undefined {
  if (eventKey === undefined || eventKey === null || eventKey === '') return undefined
  if (typeof eventKey !== 'string') throw new TypeError(`eventKey must be a string, got ${typeof eventKey}`)
  const scene = eventKey.startsWith('qrscene_') ? eventKey.slice('qrscene_'.length) : eventKey
  return scene === '' ? undefined : scene
}
