// The emulator's template control routes and wire-level checks the SDK would refuse first.
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../../../../../test-support/emulator'

const { emu } = useEmulator()
let token: string
let openid: string

async function call(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(
    `${emu.url}${path}?access_token=${token}`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  )
  return (await res.json()) as Record<string, unknown>
}

beforeAll(async () => {
  const res = await fetch(`${emu.url}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: emu.appId, secret: emu.appSecret }),
  })
  token = ((await res.json()) as { access_token: string }).access_token
  openid = await emu.control.followerAt(0)
})

describe('template control routes', () => {
  it('registers a template of your own by its keys, which sends then check', async () => {
    const { templateId } = await emu.control.addTemplate({ keys: ['thing1', 'phrase2'], title: 'Mine' })
    const list = (await call('/cgi-bin/template/get_all_private_template')).template_list as { template_id: string; content: string }[]
    expect(list.find((t) => t.template_id === templateId)?.content).toBe('thing1:{{thing1.DATA}}\nphrase2:{{phrase2.DATA}}')
    const bad = await call('/cgi-bin/message/template/send', {
      touser: openid,
      template_id: templateId,
      data: { thing1: { value: 'ok' }, phrase2: { value: 'not chinese' } },
    })
    expect(bad).toMatchObject({ errcode: 47003 })
    expect(bad.errmsg).toContain('data.phrase2.value invalid')
    const good = await call('/cgi-bin/message/template/send', {
      touser: openid,
      template_id: templateId,
      data: { thing1: { value: 'ok' }, phrase2: { value: '已预约' } },
    })
    expect(good).toMatchObject({ errcode: 0 })
  })

  it('refuses a template without keys', async () => {
    await expect(emu.control.addTemplate({ keys: [] })).rejects.toThrow('give keys')
  })

  it('reports and sets the daily quota', async () => {
    expect(await emu.control.setTemplateQuota({ daily: 5, used: 3 })).toMatchObject({ daily: 5, used: 3 })
    expect(await emu.control.templateQuota()).toMatchObject({ daily: 5, used: 3 })
    await expect(emu.control.setTemplateQuota({ daily: -1 })).rejects.toThrow('daily must be an integer >= 0')
  })
})

describe('POST /cgi-bin/message/template/send', () => {
  it('answers 40097 for a miniprogram without appid', async () => {
    const { templateId } = await emu.control.addTemplate({ keys: ['keyword1'] })
    const answer = await call('/cgi-bin/message/template/send', {
      touser: openid,
      template_id: templateId,
      miniprogram: { pagepath: 'x' },
      data: { keyword1: { value: 'x' } },
    })
    expect(answer.errcode).toBe(40097)
  })

  it('writes msgid as a bare 64-bit integer', async () => {
    await emu.control.setTemplateQuota({ daily: 100, used: 0 })
    const { templateId } = await emu.control.addTemplate({ keys: ['keyword1'] })
    const res = await fetch(`${emu.url}/cgi-bin/message/template/send?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify({
        touser: openid,
        template_id: templateId,
        data: { keyword1: { value: 'a long legacy value is folded, never refused' } },
      }),
    })
    expect(await res.text()).toMatch(/"msgid":\d{19}\}$/)
  })
})

// 发送模板消息: https://developers.weixin.qq.com/doc/service/api/notify/template/api_sendtemplatemessage.html
// client_msg_id: "对于同一个openid + client_msg_id, 只发送一条消息,10分钟有效,超过10分钟不保证效果";
// 43004 require subscribe (需要接收者关注) for a user who does not follow; 40003 for an openid that is not one.
describe('who a template send reaches', () => {
  const send = async (touser: string, extra: Record<string, unknown> = {}) => {
    const { templateId } = await emu.control.addTemplate({ keys: ['keyword1'] })
    return call('/cgi-bin/message/template/send', { touser, template_id: templateId, data: { keyword1: { value: 'x' } }, ...extra })
  }

  it('answers 43004 require subscribe for a valid openid that no longer follows', async () => {
    await emu.control.setTemplateQuota({ daily: 100, used: 0 })
    const gone = await emu.control.addFollower({ subscribed: false })
    expect(await send(gone)).toMatchObject({ errcode: 43004 })
  })

  it('answers 40003 for a malformed openid and for another account’s openid', async () => {
    expect(await send('not-an-openid')).toMatchObject({ errcode: 40003 })
    expect(await send('oAbCdE0000000000000000000000')).toMatchObject({ errcode: 40003 })
  })
})

describe('client_msg_id', () => {
  it('sends once per openid + client_msg_id within 10 minutes, and again after 10 minutes', async () => {
    await emu.control.setTemplateQuota({ daily: 100, used: 0 })
    const { templateId } = await emu.control.addTemplate({ keys: ['keyword1'] })
    const user = await emu.control.followerAt(7)
    const body = { touser: user, template_id: templateId, client_msg_id: 'MSG_000001', data: { keyword1: { value: 'x' } } }
    const count = async () => (await emu.control.outbox({ touser: user, channel: 'template' })).length
    const before = await count()
    expect(await call('/cgi-bin/message/template/send', body)).toMatchObject({ errcode: 0 })
    await emu.control.advanceClock(9 * 60_000)
    expect(await call('/cgi-bin/message/template/send', body)).toMatchObject({ errcode: 0 })
    expect(await count()).toBe(before + 1)
    await emu.control.advanceClock(60_000)
    expect(await call('/cgi-bin/message/template/send', body)).toMatchObject({ errcode: 0 })
    expect(await count()).toBe(before + 2)
  })

  it('keys the dedup by openid: the same client_msg_id reaches another user', async () => {
    const { templateId } = await emu.control.addTemplate({ keys: ['keyword1'] })
    const [a, b] = [await emu.control.followerAt(8), await emu.control.followerAt(9)]
    for (const touser of [a, b])
      await call('/cgi-bin/message/template/send', {
        touser,
        template_id: templateId,
        client_msg_id: 'SAME',
        data: { keyword1: { value: 'x' } },
      })
    expect(await emu.control.outbox({ touser: b!, channel: 'template' })).toHaveLength(1)
  })
})
