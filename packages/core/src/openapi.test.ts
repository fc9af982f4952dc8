// @wxmp/core/openapi against the emulator over HTTP. Doc pages:
// clear_quota https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquota.html
// clear_quota/v2 https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquotabyappsecret.html
// openapi/quota/get https://developers.weixin.qq.com/doc/service/api/apimanage/api_getapiquota.html
// openapi/rid/get https://developers.weixin.qq.com/doc/service/api/apimanage/api_getridinfo.html
// callback/check https://developers.weixin.qq.com/doc/service/api/base/api_callbackcheck.html
// getcallbackip https://developers.weixin.qq.com/doc/service/api/base/api_getcallbackip.html
// get_api_domain_ip https://developers.weixin.qq.com/doc/service/api/base/api_getapidomainip.html
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError, type WeChatClient } from '@wxmp/core'
import {
  checkCallback,
  clearQuota,
  clearQuotaByAppSecret,
  getApiDomainIps,
  getApiQuota,
  getCallbackIps,
  getRidInfo,
} from '@wxmp/core/openapi'
import { startEmulator, type Emulator } from '@wxmp/emulator'

let emu: Emulator
let wx: WeChatClient

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
})
afterAll(() => emu.close())

async function failure(call: Promise<unknown>): Promise<{ errcode: number; rid?: string; message: string }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isWeChatApiError(error)) throw new Error(`expected a WeChatApiError, got ${String(error)}`)
  return error as unknown as { errcode: number; rid?: string; message: string }
}

describe('quotas', () => {
  it("reads a path's calls used today", async () => {
    await getCallbackIps(wx)
    await getCallbackIps(wx)
    expect(await getApiQuota(wx, '/cgi-bin/getcallbackip')).toMatchObject({
      used: 2,
      remain: expect.any(Number) as number,
      dailyLimit: expect.any(Number) as number,
    })
  })

  it("clears the day's counts with the token, then with the AppSecret and no token", async () => {
    await getCallbackIps(wx)
    await clearQuota(wx)
    expect((await getApiQuota(wx, '/cgi-bin/getcallbackip')).used).toBe(0)
    await getCallbackIps(wx)
    await clearQuotaByAppSecret(wx, emu.appSecret)
    expect((await getApiQuota(wx, '/cgi-bin/getcallbackip')).used).toBe(0)
  })

  it('fails with 48006 after 10 resets in a month', async () => {
    const own = await startEmulator({ port: 0 })
    try {
      const client = createClient({ appId: own.appId, appSecret: own.appSecret, baseUrl: own.url })
      for (let i = 0; i < 5; i++) await clearQuota(client)
      for (let i = 0; i < 5; i++) await clearQuotaByAppSecret(client, own.appSecret)
      expect((await failure(clearQuota(client))).errcode).toBe(48006)
    } finally {
      await own.close()
    }
  })

  it('keeps the AppSecret out of the error when WeChat refuses it', async () => {
    const wrong = 'a'.repeat(32)
    const error = await failure(clearQuotaByAppSecret(wx, wrong))
    expect(error.errcode).toBe(40125)
    expect(JSON.stringify(error) + error.message + String((error as unknown as Error).stack)).not.toContain(wrong)
  })
})

describe('getRidInfo', () => {
  it("tells what a failed call was, from its error's rid", async () => {
    const error = await failure(wx.request('/cgi-bin/user/info', { query: { openid: 'not-a-follower' } }))
    expect(error.rid).toMatch(/^[0-9a-f-]+$/)
    const info = await getRidInfo(wx, error.rid!)
    expect(info.responseBody).toContain(`"errcode":${error.errcode}`)
    expect(info.requestUrl).toContain('openid=not-a-follower')
    // The recorded URL carries the token: never handed back.
    expect(info.requestUrl).toContain('access_token=[REDACTED]')
    expect(info.requestUrl).not.toContain(await wx.getAccessToken())
  })

  it('fails with 76001 for a rid WeChat does not know', async () => {
    expect((await failure(getRidInfo(wx, '61725984-6126f6f9-040f19c4'))).errcode).toBe(76001)
  })

  it("fails with 76003 for another account's rid", async () => {
    const two = await startEmulator({
      port: 0,
      apps: [
        { appId: 'wx1111111111111111', appSecret: 's'.repeat(32) },
        { appId: 'wx2222222222222222', appSecret: 't'.repeat(32) },
      ],
    })
    try {
      const a = createClient({ appId: 'wx1111111111111111', appSecret: 's'.repeat(32), baseUrl: two.url })
      const b = createClient({ appId: 'wx2222222222222222', appSecret: 't'.repeat(32), baseUrl: two.url })
      const { rid } = await failure(a.request('/cgi-bin/user/info', { query: { openid: 'nobody' } }))
      expect((await failure(getRidInfo(b, rid!))).errcode).toBe(76003)
    } finally {
      await two.close()
    }
  })
})

describe('network', () => {
  let server: Server
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('success'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => server.close())

  it("lists WeChat's push and API addresses", async () => {
    expect(await getCallbackIps(wx)).not.toHaveLength(0)
    expect(await getApiDomainIps(wx)).not.toHaveLength(0)
  })

  it('fails with 40201 when no push URL is configured', async () => {
    expect((await failure(checkCallback(wx))).errcode).toBe(40201)
  })

  it('resolves and pings the push URL from the operator asked for', async () => {
    await emu.control.configurePush({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, token: 'AAAAA' })
    try {
      const result = await checkCallback(wx, { action: 'all', operator: 'UNICOM' })
      expect(result.dns).toEqual([{ ip: '127.0.0.1', realOperator: expect.any(String) as string }])
      expect(result.ping[0]).toMatchObject({ ip: '127.0.0.1', fromOperator: 'UNICOM', packageLoss: '0%' })
    } finally {
      await emu.control.configurePush(null)
    }
  })
})
