// getRidInfo hands back what a call sent and what WeChat answered: never the AppSecret or a token in
// them, under a secret name or quoted elsewhere (an errmsg). Against a local fixture server.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { getRidInfo } from '@wxmp/core/openapi'
import { json, startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
beforeAll(async () => {
  server = await startFixtureServer()
})
afterAll(() => server.close())

it("redacts a stable_token call's AppSecret and token in both bodies", async () => {
  const wx = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url })
  const request = {
    request_url: 'access_token=old-token-in-url-value&x=1',
    request_body:
      '{"grant_type":"client_credential","appid":"wxfixture","secret":"fixture-secret-value","force_refresh":false, "Code" : "oauth-code-value"}',
    response_body:
      '{"access_token":"answered-token-value","expires_in":7200,"errmsg":"seen old-token-in-url-value and fixture-secret-value and oauth-code-value"}',
  }
  server.queue('/cgi-bin/openapi/rid/get', json(JSON.stringify({ errcode: 0, errmsg: 'ok', request })))
  const info = await getRidInfo(wx, '61725984-6126f6f9-040f19c4')
  const all = JSON.stringify(info)
  for (const secret of [
    'fixture-secret-value',
    'answered-token-value',
    'old-token-in-url-value',
    'oauth-code-value',
    await wx.getAccessToken(),
  ])
    expect(all).not.toContain(secret)
  expect(JSON.parse(info.requestBody)).toEqual({
    grant_type: 'client_credential',
    appid: 'wxfixture',
    secret: '[REDACTED]',
    force_refresh: false,
    Code: '[REDACTED]',
  })
  expect(JSON.parse(info.responseBody)).toMatchObject({ access_token: '[REDACTED]', expires_in: 7200 })
  expect(info.requestUrl).toBe('access_token=[REDACTED]&x=1')
})

it("scrubs the client's current token quoted in a body", async () => {
  const wx = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url })
  const token = await wx.getAccessToken()
  server.queue(
    '/cgi-bin/openapi/rid/get',
    json(
      JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        request: { request_body: `{"note":"${token}"}`, response_body: `{"errcode":40001,"errmsg":"invalid ${token}"}` },
      }),
    ),
  )
  const info = await getRidInfo(wx, '61725984-6126f6f9-040f19c4')
  expect(JSON.stringify(info)).not.toContain(token)
  expect(info.responseBody).toContain('invalid [REDACTED]')
})
