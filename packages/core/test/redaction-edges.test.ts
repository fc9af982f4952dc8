// Redaction at its edges: a secret of exactly the shortest scrubbed length (8 characters), and an
// error answer whose fields are null or numbers, kept as they are. Against a local fixture server.
import { inspect } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeAll(async () => {
  server = await startFixtureServer()
})
afterAll(() => server.close())

it('scrubs a token of exactly 8 characters that WeChat echoes bare', async () => {
  server.queue('/probe', json('{"errcode":40003,"errmsg":"invalid openid for tok12345"}'))
  const wx = createClient({ appId: 'wxfixture', baseUrl: server.url, getAccessToken: async () => 'tok12345' })
  const error = await wx.request('/probe').catch((e: unknown) => e)
  expect(error).toMatchObject({ name: 'WeChatApiError', errmsg: 'invalid openid for [REDACTED]' })
  expect(inspect(error, { depth: 8 })).not.toContain('tok12345')
})

it('keeps the null and number fields of an error answer as they are', async () => {
  server.queue('/probe', json('{"errcode":45009,"errmsg":"reach max api daily quota limit","quota":100,"detail":null}'))
  const wx = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url })
  const error = await wx.request('/probe').catch((e: unknown) => e)
  expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 45009 })
  expect((error as { data?: unknown }).data).toEqual({
    errcode: 45009,
    errmsg: 'reach max api daily quota limit',
    quota: 100,
    detail: null,
  })
})
