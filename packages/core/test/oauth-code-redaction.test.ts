// An OAuth `code` is a one-time credential for a user's token: a URL that carries one is kept in
// errors with the value replaced, like the token and the secret. Against a local fixture server.
import { inspect } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeAll(async () => {
  server = await startFixtureServer()
})
afterAll(() => server.close())

it("keeps an OAuth code out of the error's request URL", async () => {
  const code = '061Abc2w3Wxyz01Qrs4w3Def5Ghi6Abc'
  server.queue('/sns/oauth2/access_token', json('{"errcode":40029,"errmsg":"invalid code"}'))
  const wx = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url })
  const error = (await wx
    .request('/sns/oauth2/access_token', { accessToken: false, appCredentials: true, query: { code, grant_type: 'authorization_code' } })
    .catch((e: unknown) => e)) as Error & { request?: { url: string } }
  expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 40029 })
  expect(error.request?.url).toContain('code=[REDACTED]')
  expect(inspect(error, { depth: 8 })).not.toContain(code)
})
