import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { iterateFollowerInfo, type UserInfo } from './index'

let emu: Emulator
let wx: WeChatClient
const BATCH = 'path:/cgi-bin/user/info/batchget'
const INFO = 'path:/cgi-bin/user/info'
const LIST = 'path:/cgi-bin/user/get'

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
})
afterAll(() => emu.close())
beforeEach(() => emu.control.reset())

const calls = async (key: string) => (await emu.control.counters())[key] ?? 0
async function all(iterable: AsyncIterable<UserInfo>): Promise<UserInfo[]> {
  const out: UserInfo[] = []
  for await (const user of iterable) out.push(user)
  return out
}

describe('iterateFollowerInfo', () => {
  it('yields every follower in follow order, 100 profiles a request', async () => {
    await emu.control.seedFollowers(250)
    const users = await all(iterateFollowerInfo(wx, { lang: 'en' }))
    expect(users).toHaveLength(250)
    expect(users[0]?.openid).toBe(await emu.control.followerAt(0))
    expect(users[249]?.openid).toBe(await emu.control.followerAt(249))
    expect(users.every((u) => u.subscribed)).toBe(true)
    // 250 followers: 3 batch requests (100 + 100 + 50), never one user/info per follower.
    expect(await calls(BATCH)).toBe(3)
    expect(await calls(INFO)).toBe(0)
  })

  it('walks more than one page of the follower list', async () => {
    await emu.control.seedFollowers(10_050)
    let n = 0
    let last = ''
    for await (const user of iterateFollowerInfo(wx)) {
      n++
      last = user.openid
    }
    expect(n).toBe(10_050)
    expect(last).toBe(await emu.control.followerAt(10_049))
    expect(await calls(BATCH)).toBe(101)
    expect(await calls(LIST)).toBe(3)
  })

  it('starts after nextOpenid', async () => {
    const from = await emu.control.followerAt(89)
    const users = await all(iterateFollowerInfo(wx, { nextOpenid: from }))
    expect(users.map((u) => u.openid)).toEqual([
      await emu.control.followerAt(90),
      ...(await Promise.all(Array.from({ length: 9 }, (_, i) => emu.control.followerAt(91 + i)))),
    ])
  })

  it('sends nothing until iterated, and refuses bad options before any request', async () => {
    expect(() => iterateFollowerInfo(wx, { lang: 'fr' as 'en' })).toThrow(/lang must be one of/)
    expect(() => iterateFollowerInfo(wx, { nextOpenid: 'not an openid' })).toThrow(/nextOpenid/)
    expect(() => iterateFollowerInfo(wx, { langg: 'en' } as never)).toThrow(/did you mean "lang"/)
    expect(await calls(LIST)).toBe(0)
  })

  it('throws the first failed batch and stops', async () => {
    await emu.control.seedFollowers(250)
    await emu.control.fault({ path: '/cgi-bin/user/info/batchget', kind: 'errcode', errcode: 45009, times: 1 })
    const error = await all(iterateFollowerInfo(wx)).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(45009)
    // The faulted request is not counted as served; a walk that went on would have sent two more.
    expect(await calls(BATCH)).toBe(0)
  })
})
