// Mass image sends in WeChat's documented form only. 根据OpenID群发消息 lists "图片为image" as the
// msgtype with the body under the key `images`:
// https://developers.weixin.qq.com/doc/service/api/notify/message/api_masssend.html
// and a preview of one image as "msgtype":"image" with image.media_id:
// https://developers.weixin.qq.com/doc/service/guide/product/message/Batch_Sends.html
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../../../../../test-support/emulator'

const { emu } = useEmulator()
let token: string
let touser: string[]

async function call(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}${path}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })
  return (await res.json()) as Record<string, unknown>
}

beforeAll(async () => {
  const res = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
  token = ((await res.json()) as { access_token: string }).access_token
  touser = [await emu.control.followerAt(0), await emu.control.followerAt(1)]
})

const images = { media_ids: ['aZYFwb4rMqqK'], recommend: '推荐语', need_open_comment: 1, only_fans_can_comment: 0 }

describe('mass image sends', () => {
  it('sends "msgtype":"image" with the body under images, with a msg_data_id', async () => {
    const answer = await call('/cgi-bin/message/mass/send', { touser, msgtype: 'image', images, clientmsgid: 'img-ok' })
    expect(answer).toMatchObject({ errcode: 0 })
    expect(answer.msg_data_id).toBeDefined()
    expect(await emu.control.outbox({ touser: touser[0]!, channel: 'mass' })).toMatchObject([
      { msgtype: 'image', payload: { media_ids: ['aZYFwb4rMqqK'] } },
    ])
  })

  it('answers 40008 for the undocumented "msgtype":"images"', async () => {
    expect(await call('/cgi-bin/message/mass/send', { touser, msgtype: 'images', images, clientmsgid: 'img-bad' })).toMatchObject({
      errcode: 40008,
    })
    expect(
      await call('/cgi-bin/message/mass/sendall', { filter: { is_to_all: false, tag_id: 2 }, msgtype: 'images', images }),
    ).toMatchObject({ errcode: 40008 })
  })

  it('answers 47001 for "msgtype":"image" with the body under image instead of images', async () => {
    expect(
      await call('/cgi-bin/message/mass/send', { touser, msgtype: 'image', image: { media_id: 'x' }, clientmsgid: 'img-key' }),
    ).toMatchObject({ errcode: 47001 })
  })

  it('previews one image as "msgtype":"image" with image.media_id', async () => {
    expect(await call('/cgi-bin/message/mass/preview', { touser: touser[0], msgtype: 'image', image: { media_id: 'pv' } })).toMatchObject({
      errcode: 0,
    })
    expect(await call('/cgi-bin/message/mass/preview', { touser: touser[0], msgtype: 'images', images })).toMatchObject({ errcode: 40008 })
  })
})
