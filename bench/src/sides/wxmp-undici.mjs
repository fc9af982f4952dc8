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
  // wxmp calls fetch(url, init) (method, headers, body, signal): undici's fetch takes them as they are.
  const fetch = (url, init) => undiciFetch(url, { ...init, dispatcher })
  const wx = createClient({ appId, appSecret, baseUrl: url, fetch })
  if (mode === 'read') return { call: () => wx.request('/cgi-bin/getcallbackip'), how: 'wx.request GET' }
  const { sendText } = await import('@wxmp/custom')
  return { call: (openid) => sendText(wx, openid, 'hello'), how: 'sendText' }
}
