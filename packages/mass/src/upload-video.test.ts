import { describe, expect, it } from 'vitest'
import { sendMassMessage, uploadMassVideo } from '@wxmp/mass'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()

describe('uploadMassVideo', () => {
  it('turns an uploaded video into an mpvideo id that a mass send by openids accepts', async () => {
    // Uploaded the way @wxmp/media does it (this package does not depend on media).
    const form = new FormData()
    form.append('media', new Blob([new Uint8Array(2048).fill(7)], { type: 'video/mp4' }), 'launch.mp4')
    const video = {
      mediaId: (await wx.request<{ media_id: string }>('/cgi-bin/media/upload', { query: { type: 'video' }, body: form })).media_id,
    }
    const result = await uploadMassVideo(wx, { mediaId: video.mediaId, title: 'Launch', description: 'Two minutes' })
    expect(result.mediaId).not.toBe(video.mediaId)
    expect(result.createdAt).toBeGreaterThan(0)
    const openIds = [await emu.control.followerAt(0), await emu.control.followerAt(1)]
    const sent = await sendMassMessage(wx, { openIds }, { type: 'mpvideo', mediaId: result.mediaId })
    expect(sent.msgId).toMatch(/^\d+$/)
    const outbox = await emu.control.outbox({ channel: 'mass' })
    expect(outbox.filter((e) => e.msgtype === 'mpvideo').map((e) => e.payload.media_id)).toEqual([result.mediaId, result.mediaId])
  })

  it('reports a media_id that is not a video as 40007', async () => {
    await expect(uploadMassVideo(wx, { mediaId: 'no-such-media-id' })).rejects.toMatchObject({ errcode: 40007 })
  })

  it('refuses a missing mediaId or an overlong title before any request', async () => {
    const before = (await emu.control.globalCounters())['path:/cgi-bin/media/uploadvideo'] ?? 0
    await expect(uploadMassVideo(wx, { mediaId: '' })).rejects.toThrow('video.mediaId must not be empty')
    await expect(uploadMassVideo(wx, { mediaId: 'x', title: 't'.repeat(65) })).rejects.toThrow(
      'video.title must be at most 64 characters, got 65',
    )
    expect((await emu.control.globalCounters())['path:/cgi-bin/media/uploadvideo'] ?? 0).toBe(before)
  })
})
