// A token this client only read from a shared TokenStore (a fleet: another process fetched it) is
// scrubbed like one it fetched: every token the client sends is. Against a local fixture server.
import { inspect } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient, createMemoryTokenStore, type ErrorEvent } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeAll(async () => {
  server = await startFixtureServer()
})
afterAll(() => server.close())

it('scrubs a token read from a shared store from errors and the onError payload', async () => {
  const store = createMemoryTokenStore()
  const app = { appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url, tokenStore: store }
  const token = await createClient(app).getAccessToken()
  const events: ErrorEvent[] = []
  const b = createClient({ ...app, hooks: { onError: (e) => events.push(e) } })
  server.queue('/probe', json(JSON.stringify({ errcode: 45009, errmsg: `limit for ${token} rid: 1-2-3` })))
  const error = (await b.request('/probe').catch((e: unknown) => e)) as Error
  expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 45009 })
  expect(events).toHaveLength(1)
  for (const text of [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    inspect(error, { depth: 8 }),
    inspect(events[0], { depth: 8 }),
  ]) {
    expect(text).not.toContain(token)
  }
  expect(error.message).toContain('[REDACTED]')
})
