// The emulator's media answers for requests the SDK would refuse: sent raw with client.request, so
// the emulator's own checks are what answer.
import { describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { bytesOf } from './internal/test-utils'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator({ client: { timeout: 60_000 } })

function form(bytes: Uint8Array | undefined, filename: string, type = ''): FormData {
  const body = new FormData()
  if (bytes) body.append('media', new Blob([bytes as BlobPart], { type }), filename)
  else body.append('other', 'x')
  return body
}

/** The errcode WeChat answered; anything else comes back as it is, so a failure shows what happened. */
async function errcodeOf(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.catch((e: unknown) => e)
  return isWeChatApiError(error) ? error.errcode : error
}

const upload = (type: string, body: FormData) => wx.request('/cgi-bin/media/upload', { method: 'POST', query: { type }, body })

describe('emulator media errcodes', () => {
  it('answers 40004 for an unknown media type', async () => {
    expect(await errcodeOf(upload('file', form(bytesOf(10), 'a.png')))).toBe(40004)
  })

  it('answers 40005 for a format the kind does not take', async () => {
    expect(await errcodeOf(upload('image', form(bytesOf(10), 'a.bmp')))).toBe(40005)
  })

  it('answers 40009 for an image over 10 MB', async () => {
    expect(await errcodeOf(upload('image', form(new Uint8Array(10 * 1024 * 1024 + 1), 'a.png')))).toBe(40009)
  })

  it('answers 40012 for a thumb over 64 KB', async () => {
    expect(await errcodeOf(upload('thumb', form(new Uint8Array(64 * 1024 + 1), 'a.jpg')))).toBe(40012)
  })

  it('answers 41005 when the media part is missing', async () => {
    expect(await errcodeOf(upload('image', form(undefined, '')))).toBe(41005)
  })

  it('answers 44001 for an empty file', async () => {
    expect(await errcodeOf(upload('image', form(new Uint8Array(0), 'a.png')))).toBe(44001)
  })

  it('takes the format from the content type when the name has no extension', async () => {
    const answer = await upload('image', form(bytesOf(10), 'photo', 'image/png'))
    expect(answer).toMatchObject({ type: 'image' })
  })

  it('answers 40097 for a video material without its description', async () => {
    const body = form(bytesOf(10), 'a.mp4')
    expect(await errcodeOf(wx.request('/cgi-bin/material/add_material', { method: 'POST', query: { type: 'video' }, body }))).toBe(40097)
  })

  it('answers 45008 for nine articles', async () => {
    const articles = Array.from({ length: 9 }, () => ({ title: 't', thumb_media_id: 'x', content: 'c' }))
    expect(await errcodeOf(wx.request('/cgi-bin/media/uploadnews', { json: { articles } }))).toBe(45008)
  })

  it('answers 40035 for a list page of 21', async () => {
    expect(await errcodeOf(wx.request('/cgi-bin/material/batchget_material', { json: { type: 'image', offset: 0, count: 21 } }))).toBe(
      40035,
    )
  })

  it('answers 41006 when media_id is missing', async () => {
    expect(await errcodeOf(wx.request('/cgi-bin/media/get'))).toBe(41006)
  })

  it('serves no file for an unknown /mmbiz/ key', async () => {
    const res = await fetch(`${emu.url}/mmbiz/nope`)
    expect(res.status).toBe(404)
  })
})
