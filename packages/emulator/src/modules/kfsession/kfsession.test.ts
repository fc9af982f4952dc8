// Customer-service sessions and chat records, as WeChat documents them:
// https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html
// ("指定的客服帐号必须已经绑定微信号且在线"; a session that already exists answers 0; getsession's
// kf_account is empty when no one serves the user; 65401 / 65402 / 65413 / 65414 / 65415)
// https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Obtain_chat_transcript.html
// (msgrecord/getmsglist: starttime/endtime within one day, msgid from 1, number ≤ 10000)
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../../../../../test-support/emulator'

const { emu } = useEmulator()
let token: string
let alice: string
let bob: string

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const sep = path.includes('?') ? '&' : '?'
  const res = await fetch(`${emu.url}${path}${sep}access_token=${token}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return (await res.json()) as Record<string, unknown>
}

async function addAccount(account: string, { bind = true, online = true } = {}): Promise<void> {
  await call('POST', '/customservice/kfaccount/add', { kf_account: account, nickname: account.split('@')[0] })
  if (bind) {
    await call('POST', '/customservice/kfaccount/inviteworker', { kf_account: account, invite_wx: `${account.split('@')[0]}_wx` })
    await emu.control.acceptKfInvite(account)
  }
  if (online) await emu.control.setKfOnline(account)
}

beforeAll(async () => {
  const res = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
  token = ((await res.json()) as { access_token: string }).access_token
  alice = await emu.control.followerAt(0)
  bob = await emu.control.followerAt(1)
  await addAccount('anna@test')
  await addAccount('ben@test')
  await addAccount('unbound@test', { bind: false })
  await addAccount('away@test', { online: false })
})

describe('kfsession', () => {
  it('creates a session that getsession and getsessionlist then show', async () => {
    expect(await call('POST', '/customservice/kfsession/create', { kf_account: 'anna@test', openid: alice })).toMatchObject({ errcode: 0 })
    expect(await call('GET', `/customservice/kfsession/getsession?openid=${alice}`)).toMatchObject({
      kf_account: 'anna@test',
      createtime: expect.any(Number),
    })
    const { sessionlist } = await call('GET', '/customservice/kfsession/getsessionlist?kf_account=anna@test')
    expect(sessionlist).toEqual([{ openid: alice, createtime: expect.any(Number) }])
  })

  it('answers 0 to creating the same session again, and 65414 when another account serves the user', async () => {
    expect(await call('POST', '/customservice/kfsession/create', { kf_account: 'anna@test', openid: alice })).toMatchObject({ errcode: 0 })
    expect(await call('POST', '/customservice/kfsession/create', { kf_account: 'ben@test', openid: alice })).toMatchObject({
      errcode: 65414,
    })
  })

  it('refuses an unknown account (65401), one not bound to a WeChat user (65402) and one offline (65415)', async () => {
    const codes = []
    for (const kf_account of ['nobody@test', 'unbound@test', 'away@test']) {
      codes.push((await call('POST', '/customservice/kfsession/create', { kf_account, openid: bob })).errcode)
    }
    expect(codes).toEqual([65401, 65402, 65415])
  })

  it('refuses an openid that is not a follower with 40003', async () => {
    expect(
      await call('POST', '/customservice/kfsession/create', { kf_account: 'anna@test', openid: 'oNotAFollower000000000000000' }),
    ).toMatchObject({ errcode: 40003 })
  })

  it('closes a session, after which getsession shows no account and closing again answers 65413', async () => {
    await call('POST', '/customservice/kfsession/create', { kf_account: 'ben@test', openid: bob })
    expect(await call('POST', '/customservice/kfsession/close', { kf_account: 'ben@test', openid: bob })).toMatchObject({ errcode: 0 })
    expect(await call('GET', `/customservice/kfsession/getsession?openid=${bob}`)).toMatchObject({ kf_account: '' })
    expect(await call('POST', '/customservice/kfsession/close', { kf_account: 'ben@test', openid: bob })).toMatchObject({ errcode: 65413 })
  })

  it('lists waiting users in getwaitcase until a session takes them', async () => {
    const carol = await emu.control.followerAt(2)
    await emu.control.customerWaits(carol, { text: 'hello?' })
    expect(await call('GET', '/customservice/kfsession/getwaitcase')).toMatchObject({
      count: 1,
      waitcaselist: [{ openid: carol, latest_time: expect.any(Number) }],
    })
    await call('POST', '/customservice/kfsession/create', { kf_account: 'ben@test', openid: carol })
    expect(await call('GET', '/customservice/kfsession/getwaitcase')).toMatchObject({ count: 0, waitcaselist: [] })
  })
})

describe('msgrecord/getmsglist', () => {
  const now = () => Math.floor(Date.now() / 1000)

  it('returns the sessions opened and closed as records, with the next msgid to ask for', async () => {
    const clock = Math.floor((await emu.control.now()) / 1000)
    const answer = await call('POST', '/customservice/msgrecord/getmsglist', {
      starttime: clock - 3600,
      endtime: clock + 60,
      msgid: 1,
      number: 10000,
    })
    const records = answer.recordlist as { opercode: number; openid: string; worker: string }[]
    expect(records.map((r) => [r.opercode, r.worker])).toContainEqual([1002, 'anna@test'])
    expect(records.map((r) => [r.opercode, r.worker])).toContainEqual([1004, 'ben@test'])
    expect(answer.number).toBe(records.length)
    expect(answer.msgid).toBe(records.length + 1)
  })

  it('pages by msgid and number', async () => {
    const clock = Math.floor((await emu.control.now()) / 1000)
    const first = await call('POST', '/customservice/msgrecord/getmsglist', {
      starttime: clock - 3600,
      endtime: clock + 60,
      msgid: 1,
      number: 2,
    })
    const second = await call('POST', '/customservice/msgrecord/getmsglist', {
      starttime: clock - 3600,
      endtime: clock + 60,
      msgid: first.msgid,
      number: 2,
    })
    expect(first).toMatchObject({ number: 2, msgid: 3 })
    expect(second.recordlist).not.toEqual(first.recordlist)
  })

  it('answers 65417 for a span over one day and 65416 for a number over 10000', async () => {
    const t = now()
    expect(
      await call('POST', '/customservice/msgrecord/getmsglist', { starttime: t - 86401, endtime: t, msgid: 1, number: 10 }),
    ).toMatchObject({ errcode: 65417 })
    expect(
      await call('POST', '/customservice/msgrecord/getmsglist', { starttime: t - 60, endtime: t, msgid: 1, number: 10001 }),
    ).toMatchObject({ errcode: 65416 })
  })
})
