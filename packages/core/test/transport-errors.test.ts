// A transport error says where the call went and why it failed (issue 28): a test that forgot
// `baseUrl` silently aimed at the real WeChat, and "WeChat request failed (GET /cgi-bin/x)" named
// neither the host nor the refused connection. The host is named, never the query or the token.
import { expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { startFixtureServer } from './fixture-server'

const token = 'transport-token-0123456789abcdef'

it('names the host and the cause of a refused connection, and not the token', async () => {
  const closed = await startFixtureServer()
  await closed.close()
  const host = new URL(closed.url).host
  const wx = createClient({ appId: 'wx0123456789abcdef', baseUrl: closed.url, getAccessToken: async () => token, retry: false })
  const error = (await wx.request('/cgi-bin/get_api_domain_ip', { query: { lang: 'en' } }).catch((e: unknown) => e)) as Error
  expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'network' })
  expect(error.message).toContain(`(GET ${host}/cgi-bin/get_api_domain_ip)`)
  expect(error.message).toMatch(/^WeChat request failed: .*ECONNREFUSED/)
  expect(error.message).not.toContain(token)
  expect(error.message).not.toContain('lang=en')
})

it('names the host of an HTTP error answer', async () => {
  const server = await startFixtureServer()
  server.queue('/cgi-bin/x', (res) => {
    res.writeHead(502)
    res.end()
  })
  const wx = createClient({ appId: 'wx0123456789abcdef', baseUrl: server.url, getAccessToken: async () => token, retry: false })
  const error = (await wx.request('/cgi-bin/x').catch((e: unknown) => e)) as Error
  await server.close()
  expect(error.message).toBe(`WeChat answered HTTP 502 (GET ${new URL(server.url).host}/cgi-bin/x)`)
})
