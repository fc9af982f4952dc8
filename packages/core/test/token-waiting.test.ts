// A caller waiting for the token can stop waiting with its signal, without stopping the fetch that
// other callers share; and credentialCacheOf says what it needs when handed something else. The
// token endpoint's answer is held on a local fixture server until the test releases it.
import type { ServerResponse } from 'node:http'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createClient, credentialCacheOf } from '@wxmp/core'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeEach(async () => {
  server = await startFixtureServer()
})
afterEach(() => server.close())

const client = () => createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url })
const holdToken = () => new Promise<ServerResponse>((resolve) => server.queue('/cgi-bin/stable_token', (res) => resolve(res)))

it('rejects at once a token request whose signal is already aborted', async () => {
  const reason = new Error('caller gave up before asking')
  await expect(client().getAccessToken({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
})

it('stops waiting for the token when its signal aborts, while the fetch goes on for others', async () => {
  const wx = client()
  const held = holdToken()
  const controller = new AbortController()
  const patient = wx.getAccessToken()
  const impatient = wx.getAccessToken({ signal: controller.signal }).catch((e: unknown) => e)
  const res = await held
  const reason = new Error('caller gave up')
  controller.abort(reason)
  // Rejected while the token endpoint still has not answered.
  expect(await impatient).toBe(reason)
  json('{"access_token":"the-shared-token-abcdef","expires_in":7200}')(res)
  expect(await patient).toBe('the-shared-token-abcdef')
  expect(server.received.filter((r) => r.url.startsWith('/cgi-bin/stable_token'))).toHaveLength(1)
})

it('refuses to cache a credential for an object that createClient did not make', () => {
  expect(() => credentialCacheOf({ appId: 'wx1' }, 'ticket:jsapi', async () => ({ value: 't', expiresIn: 7200 }))).toThrow(
    new TypeError('credentialCacheOf: client must be made by createClient from @wxmp/core'),
  )
})
