// wxmp as a user installs it: the built packages, resolved through their `exports` (plain node,
// not tsx). `sendText` from @wxmp/custom when that package is built; until then the same request
// through `wx.request`, and the adapter says which it used.
import { createClient } from '@wxmp/core'

export const name = 'wxmp'
export const label = 'wxmp'

/** @param {{ url: string, appId: string, appSecret: string, mode: 'send' | 'read' }} env */
export async function create({ url, appId, appSecret, mode }) {
  const wx = createClient({ appId, appSecret, baseUrl: url })
  if (mode === 'read') return { call: () => wx.request('/cgi-bin/getcallbackip'), how: 'wx.request GET' }
  let sendText
  try {
    ;({ sendText } = await import('@wxmp/custom'))
  } catch {
    // @wxmp/custom not built yet.
  }
  if (typeof sendText === 'function') return { call: (openid) => sendText(wx, openid, 'hello'), how: 'sendText' }
  return {
    call: (openid) => wx.request('/cgi-bin/message/custom/send', { json: { touser: openid, msgtype: 'text', text: { content: 'hello' } } }),
    how: 'wx.request POST (@wxmp/custom not built)',
  }
}
