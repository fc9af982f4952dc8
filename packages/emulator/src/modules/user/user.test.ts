// 设置用户备注名: "新的备注名，长度必须小于30字节" (bytes of UTF-8, not characters), 40092 invalid remark name.
// https://developers.weixin.qq.com/doc/subscription/api/usermanage/userinfo/api_updateremark.html
// The page says "under 30"; accounts report 10 Chinese characters (30 bytes) accepted and 11 refused
// (https://developers.weixin.qq.com/community/develop/doc/00060231114618581ddc7d71551000), so 30 bytes pass here.
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../../../../../test-support/emulator'

const { emu } = useEmulator()
let token: string
let openid: string

const remark = async (value: string) =>
  (await (
    await fetch(`${emu.url}/cgi-bin/user/info/updateremark?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify({ openid, remark: value }),
    })
  ).json()) as { errcode: number; errmsg: string }

beforeAll(async () => {
  const res = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
  token = ((await res.json()) as { access_token: string }).access_token
  openid = await emu.control.followerAt(0)
})

describe('updateremark', () => {
  it('takes 10 Chinese characters (30 bytes of UTF-8)', async () => {
    expect(await remark('一二三四五六七八九十')).toMatchObject({ errcode: 0 })
  })

  it('answers 40092 invalid remark name for 11 Chinese characters (33 bytes), though only 11 characters', async () => {
    const answer = await remark('一二三四五六七八九十百')
    expect(answer.errcode).toBe(40092)
    expect(answer.errmsg).toMatch(/^invalid remark name/)
  })

  it('answers 40092 for 31 ASCII bytes', async () => {
    expect((await remark('a'.repeat(31))).errcode).toBe(40092)
  })
})
