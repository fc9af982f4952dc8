// Secrets that appear bare (not as `access_token=…` in a URL, which the URL redaction covers
// anyway) are scrubbed by value: in a fetch error, in WeChat's errmsg, and still for the app secret
// after the client has gone through many tokens. Against a local fixture server over HTTP.
import { inspect } from 'node:util'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeEach(async () => {
  server = await startFixtureServer()
})
afterEach(() => server.close())

const TOKEN = 'bare-token-abcdefghijklmnop'
const APP_SECRET = 'bare-app-secret-0123456789'
const everything = (error: unknown) => {
  const e = error as Error & { cause?: unknown }
  return [e.message, String(e.stack), JSON.stringify(e), inspect(e, { depth: 8 }), inspect(e.cause, { depth: 8 })].join('\n')
}

it('keeps a token out of the error when a fetch error names it bare', async () => {
  const wx = createClient({
    appId: 'wxfixture',
    baseUrl: server.url,
    getAccessToken: async () => TOKEN,
    retry: false,
    // A fetch that quotes the token by itself, not as a URL parameter.
    fetch: async () => {
      throw new TypeError(`fetch failed`, { cause: new Error(`proxy refused credential ${TOKEN}`) })
    },
  })
  const error = await wx.request('/probe').catch((e: unknown) => e)
  expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'network' })
  expect(everything(error)).not.toContain(TOKEN)
  // What went wrong is still there, with the value replaced.
  expect(everything(error)).toContain('proxy refused credential [REDACTED]')
})

it('keeps a token out of the error when WeChat echoes it bare in errmsg', async () => {
  server.queue('/probe', json(`{"errcode":40003,"errmsg":"invalid openid, token ${TOKEN} hint: [x]","token":"${TOKEN}"}`))
  const wx = createClient({ appId: 'wxfixture', baseUrl: server.url, getAccessToken: async () => TOKEN })
  const error = await wx.request('/probe').catch((e: unknown) => e)
  expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 40003, errmsg: 'invalid openid, token [REDACTED] hint: [x]' })
  expect(everything(error)).not.toContain(TOKEN)
})

it('still keeps the app secret out of errors after the client has fetched a dozen tokens', async () => {
  const wx = createClient({ appId: 'wxfixture', appSecret: APP_SECRET, baseUrl: server.url })
  for (let i = 0; i < 12; i++) await wx.getAccessToken({ forceRefresh: true })
  expect(server.received.filter((r) => r.url.startsWith('/cgi-bin/stable_token'))).toHaveLength(12)
  server.queue('/probe', json(`{"errcode":40125,"errmsg":"invalid appsecret ${APP_SECRET}"}`))
  const error = await wx.request('/probe').catch((e: unknown) => e)
  expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 40125, errmsg: 'invalid appsecret [REDACTED]' })
  expect(everything(error)).not.toContain(APP_SECRET)
})
