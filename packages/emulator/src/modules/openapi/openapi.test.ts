// The emulator's openApi management endpoints at the wire, where the SDK would refuse first.
// https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquotabyappsecret.html
// https://developers.weixin.qq.com/doc/service/api/apimanage/api_getridinfo.html
// https://developers.weixin.qq.com/doc/service/api/base/api_callbackcheck.html
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../index'

let emu: Emulator
let token: string
const post = async (path: string, body?: unknown) =>
  (await (
    await fetch(`${emu.url}${path}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  ).json()) as Record<string, unknown>

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  const res = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: emu.appId, secret: emu.appSecret })
  token = res.access_token as string
})
afterAll(() => emu.close())

describe('clear_quota/v2', () => {
  it('takes no token: appid and appsecret in the query', async () => {
    expect(await post(`/cgi-bin/clear_quota/v2?appid=${emu.appId}&appsecret=${emu.appSecret}`)).toMatchObject({ errcode: 0 })
  })

  it('reads them from a JSON body too (the parameter table lists them as the payload)', async () => {
    expect(await post('/cgi-bin/clear_quota/v2', { appid: emu.appId, appsecret: emu.appSecret })).toMatchObject({ errcode: 0 })
  })

  it('answers 41004 without the secret and 41002 without the appid', async () => {
    expect(await post(`/cgi-bin/clear_quota/v2?appid=${emu.appId}`)).toMatchObject({ errcode: 41004 })
    expect(await post(`/cgi-bin/clear_quota/v2?appsecret=${emu.appSecret}`)).toMatchObject({ errcode: 41002 })
  })
})

describe('rid/get', () => {
  it("records an errcode answer's rid with the request and answer, and not a success", async () => {
    const failed = await post(`/cgi-bin/message/custom/send?access_token=${token}`, {
      touser: 'nobody',
      msgtype: 'text',
      text: { content: 'hi' },
    })
    const rid = /rid: ([\w-]+)/.exec(failed.errmsg as string)![1]
    const info = await post(`/cgi-bin/openapi/rid/get?access_token=${token}`, { rid })
    expect(info).toMatchObject({
      errcode: 0,
      request: {
        request_body: expect.stringContaining('"touser":"nobody"') as string,
        response_body: expect.stringContaining(`"errcode":${String(failed.errcode)}`) as string,
      },
    })
  })

  it('answers 76002 for a malformed rid', async () => {
    expect(await post(`/cgi-bin/openapi/rid/get?access_token=${token}`, { rid: 'nope' })).toMatchObject({ errcode: 76002 })
  })

  it('forgets a rid after 7 days (76001)', async () => {
    const failed = await post(`/cgi-bin/openapi/rid/get?access_token=${token}`, { rid: 'nope' })
    const rid = /rid: ([\w-]+)/.exec(failed.errmsg as string)![1]
    await emu.control.advanceClock(7 * 24 * 3_600_000 + 1_000)
    const res = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: emu.appId, secret: emu.appSecret })
    token = res.access_token as string
    expect(await post(`/cgi-bin/openapi/rid/get?access_token=${token}`, { rid })).toMatchObject({ errcode: 76001 })
  })
})

describe('callback/check', () => {
  it('answers 40202 and 40203 for an action or operator WeChat does not know', async () => {
    expect(await post(`/cgi-bin/callback/check?access_token=${token}`, { action: 'trace', check_operator: 'DEFAULT' })).toMatchObject({
      errcode: 40202,
    })
    expect(await post(`/cgi-bin/callback/check?access_token=${token}`, { action: 'all', check_operator: 'MOBILE' })).toMatchObject({
      errcode: 40203,
    })
  })
})
