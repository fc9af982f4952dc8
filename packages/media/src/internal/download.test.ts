// Downloads are judged by their bytes, never by the Content-Type label: the emulator's `relabel`
// fault answers the real bytes under the labels WeChat has been seen to send.
// get_material: https://developers.weixin.qq.com/doc/service/api/material/permanent/api_getmaterial
//   (news and video answer JSON; "其他类型的素材消息，则响应的直接为素材的内容")
// media/get: https://developers.weixin.qq.com/doc/service/api/material/temporary/api_getmedia
//   (a video answers {"video_url"}; an unknown id answers {"errcode":40007,"errmsg":"invalid media_id"})
import { beforeEach, describe, expect, it } from 'vitest'
import { addMaterial, downloadTemporaryMedia, getMaterial, uploadTemporaryMedia } from '../index'
import { bytesOf } from './test-utils'
import { useEmulator } from '../../../../test-support/emulator'

const { emu, wx } = useEmulator({ client: { retry: false } })

// 21 bytes of a JPEG: the SOI marker, bytes that are not UTF-8 (decoded as text they would grow).
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x80, 0x81, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xd9,
])

beforeEach(async () => {
  await emu.control.reset()
})

describe('downloads judged by bytes', () => {
  it('returns a permanent image labelled text/plain as its 21 bytes, not re-encoded text', async () => {
    const { mediaId } = await addMaterial(wx, 'image', JPEG, { filename: 'a.jpg' })
    await emu.control.fault({ path: '/cgi-bin/material/get_material', kind: 'relabel', contentType: 'text/plain' })
    const material = await getMaterial(wx, mediaId)
    expect(material.kind).toBe('file')
    if (material.kind === 'file') expect(await material.bytes()).toEqual(JPEG)
  })

  for (const label of ['text/plain', null]) {
    it(`returns a temporary video's {video_url} labelled ${String(label)} as a video, not a file`, async () => {
      const { mediaId } = await uploadTemporaryMedia(wx, 'video', bytesOf(2048), { filename: 'v.mp4' })
      await emu.control.fault({ path: '/cgi-bin/media/get', kind: 'relabel', contentType: label })
      const media = await downloadTemporaryMedia(wx, mediaId)
      expect(media).toMatchObject({ kind: 'video', videoUrl: expect.stringContaining('/mmbiz/') })
    })
  }

  for (const label of ['application/octet-stream', null]) {
    it(`throws an errcode answer labelled ${String(label)} instead of returning it as a file`, async () => {
      await emu.control.fault({ path: '/cgi-bin/media/get', kind: 'relabel', contentType: label })
      await expect(downloadTemporaryMedia(wx, 'no-such-media-id')).rejects.toMatchObject({ name: 'WeChatApiError', errcode: 40007 })
    })
  }
})
