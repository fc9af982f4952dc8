// An error answer that carries a secret field keeps the field but not its value, wherever the
// field sits (inside a list) and however WeChat cased its name. Against a local fixture server.
import { inspect } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeAll(async () => {
  server = await startFixtureServer()
})
afterAll(() => server.close())

const wx = () => createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url })

it('redacts a secret field inside a list in an error answer', async () => {
  server.queue('/probe', json('{"errcode":45009,"errmsg":"limit","items":[{"refresh_token":"rt-inside-a-list-value"}]}'))
  const error = (await wx()
    .request('/probe')
    .catch((e: unknown) => e)) as { data?: unknown }
  expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 45009, data: { items: [{ refresh_token: '[REDACTED]' }] } })
  expect(inspect(error, { depth: 8 })).not.toContain('rt-inside-a-list-value')
})

it('redacts a secret field whatever the case of its name', async () => {
  server.queue('/probe', json('{"errcode":45009,"errmsg":"limit","AppSecret":"upper-case-secret-value"}'))
  const error = (await wx()
    .request('/probe')
    .catch((e: unknown) => e)) as { data?: unknown }
  expect(error).toMatchObject({ name: 'WeChatApiError', data: { AppSecret: '[REDACTED]' } })
  expect(inspect(error, { depth: 8 })).not.toContain('upper-case-secret-value')
})
