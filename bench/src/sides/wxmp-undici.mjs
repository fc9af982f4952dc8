// wxmp with the `fetch` a Node user can pass for the least per-call cost: undici's own fetch (the
// npm package, newer than Node's bundled copy) on an Agent with long keep-alive and enough
// connections for 64 calls at once.
import { createClient } from '@wxmp/core'
import { Agent, fetch as undiciFetch } from 'undici'

export const name = 'wxmp+undici'
export const label = 'wxmp (undici fetch, tuned Agent)'

/** @param {{ url: string, appId: string, appSecret: string, mode: 'send' | 'read' }} env */
export async function create({ url, appId, appSecret, mode }) {
  const dispatcher = new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, connections: 128 })
  // wxmp's ky hands fetch a global Request (and an init with the signal and a string body), which
  // npm undici's fetch does not take as one (it reads the URL "[object Request]"): pass its parts.
  const fetch = (input, init) =>
    input instanceof Request
      ? undiciFetch(input.url, { method: input.method, headers: input.headers, body: init?.body ?? input.body, duplex: 'half', signal: init?.signal ?? input.signal, dispatcher })
      : undiciFetch(input, { ...init, dispatcher })
  const wx = createClient({ appId, appSecret, baseUrl: url, fetch })
  if (mode === 'read') return { call: () => wx.request('/cgi-bin/getcallbackip'), how: 'wx.request GET' }
  const { sendText } = await import('@wxmp/custom')
  return { call: (openid) => sendText(wx, openid, 'hello'), how: 'sendText' }
}
