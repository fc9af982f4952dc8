// Customer-service sessions against the emulator, and the kf session events it pushes.
// https://developers.weixin.qq.com/doc/service/Customer_Service/Session_control.html
// https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_createkfsession
// https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_getkfsessionlist
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { addKfAccount, closeKfSession, createKfSession, getKfSession, inviteKfWorker, listKfSessions, listKfWaitCases } from './index'

let emu: Emulator
let wx: WeChatClient
let server: Server
let alice: string
let bob: string

async function readyAccount(account: string): Promise<void> {
  await addKfAccount(wx, account, account.split('@')[0]!)
  await inviteKfWorker(wx, account, `${account.split('@')[0]!}_wx`)
  await emu.control.request('POST', '/kfsession/accept-invite', { kfAccount: account })
  await emu.control.request('POST', '/custom/kf/online', { kfAccount: account })
}

beforeAll(async () => {
  server = createServer((_req, res) => res.end('success'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  emu = await startEmulator({ port: 0, push: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, token: 'AAAAA' } })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  alice = await emu.control.followerAt(0)
  bob = await emu.control.followerAt(1)
  await readyAccount('anna@test')
  await readyAccount('ben@test')
})
afterAll(async () => {
  await emu.close()
  server.close()
})

describe('kf sessions', () => {
  it('opens a session that getKfSession and listKfSessions show, and pushes kf_create_session', async () => {
    const seq = await emu.control.lastPushSeq()
    await createKfSession(wx, 'anna@test', alice)
    expect(await getKfSession(wx, alice)).toEqual({ kfAccount: 'anna@test', createTime: expect.any(Number) as number })
    expect(await listKfSessions(wx, 'anna@test')).toEqual([{ openid: alice, createTime: expect.any(Number) as number }])
    const push = await emu.control.waitForPush('kf_create_session', { after: seq })
    expect(push.fields).toMatchObject({ FromUserName: alice, KfAccount: 'anna@test' })
  })

  it('fails with 65414 when another account serves the follower', async () => {
    await createKfSession(wx, 'anna@test', bob)
    await expect(createKfSession(wx, 'ben@test', bob)).rejects.toMatchObject({ errcode: 65414 })
  })

  it('pushes kf_switch_session when a worker transfers the follower', async () => {
    const push = await emu.control.switchKfSession(bob, 'ben@test')
    expect(push.fields).toMatchObject({ Event: 'kf_switch_session', FromKfAccount: 'anna@test', ToKfAccount: 'ben@test' })
    expect((await getKfSession(wx, bob)).kfAccount).toBe('ben@test')
  })

  it('closes the session, pushes kf_close_session, and no one serves the follower after', async () => {
    const seq = await emu.control.lastPushSeq()
    await closeKfSession(wx, 'anna@test', alice)
    expect(await getKfSession(wx, alice)).toEqual({ kfAccount: '', createTime: 0 })
    const push = await emu.control.waitForPush('kf_close_session', { after: seq })
    expect(push.fields).toMatchObject({ FromUserName: alice, KfAccount: 'anna@test' })
  })

  it('fails with 65413 closing a session that does not exist', async () => {
    await expect(closeKfSession(wx, 'anna@test', alice)).rejects.toMatchObject({ errcode: 65413 })
  })

  it('lists the followers waiting, with the count', async () => {
    const carol = await emu.control.followerAt(2)
    await emu.control.request('POST', '/kfsession/wait', { openid: carol, text: 'anyone?' })
    const { count, waitCases } = await listKfWaitCases(wx)
    expect(count).toBe(waitCases.length)
    expect(waitCases).toContainEqual({ openid: carol, latestTime: expect.any(Number) as number })
  })
})
