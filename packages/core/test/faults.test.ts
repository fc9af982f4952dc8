// Reads retry through transient faults; sends never do, so nothing reaches a user twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'

let emu: Emulator
let wx: WeChatClient
const READ = '/cgi-bin/get_api_domain_ip'
const SEND = '/cgi-bin/openapi/quota/get'

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
beforeEach(async () => {
  await emu.control.reset()
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, retry: { limit: 2, backoffMs: 1 } })
  await wx.getAccessToken()
})

const hits = async (path: string) => (await emu.control.globalCounters())[`path:${path}`] ?? 0

describe.each([
  ['errcode -1', { kind: 'errcode', errcode: -1 }],
  ['HTTP 500', { kind: 'http', status: 500 }],
  ['HTTP 502', { kind: 'http', status: 502 }],
  ['a reset connection', { kind: 'reset' }],
  ['a malformed body', { kind: 'malformed' }],
] as const)('%s', (_name, fault) => {
  it('is retried on a read, which then succeeds', async () => {
    await emu.control.fault({ path: READ, ...fault })
    const data = await wx.request<{ ip_list: string[] }>(READ)
    expect(data.ip_list.length).toBeGreaterThan(0)
    expect(await hits(READ)).toBe(2)
  })

  it('is not retried on a send', async () => {
    await emu.control.fault({ path: SEND, ...fault })
    await expect(wx.request(SEND, { json: { cgi_path: READ } })).rejects.toBeTruthy()
    expect(await hits(SEND)).toBe(1)
  })
})

it('retries a send after a token error, which WeChat answers before doing anything', async () => {
  await emu.control.revokeTokens()
  await expect(wx.request(SEND, { json: { cgi_path: READ } })).resolves.toMatchObject({ errcode: 0 })
})

it('a timeout on a send is reported, not retried', async () => {
  await emu.control.fault({ path: SEND, kind: 'latency', ms: 400 })
  await expect(wx.request(SEND, { json: { cgi_path: READ }, timeout: 100 })).rejects.toMatchObject({ kind: 'timeout' })
  expect(await hits(SEND)).toBe(1)
})
