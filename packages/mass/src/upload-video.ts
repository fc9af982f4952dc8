// POST /cgi-bin/media/uploadvideo: mass sends by openid take an `mpvideo` media_id made from an
// uploaded video plus the title and description fans see.
import { assertOptions, assertString, type CallOptions, type WeChatClient } from '@wxmp/core'

export interface MassVideo {
  /** A video uploaded with `uploadTemporaryMedia(wx, 'video', ...)` or `addMaterial` (@wxmp/media). */
  readonly mediaId: string
  readonly title?: string
  readonly description?: string
}

export interface MassVideoResult {
  /** Use as `{ type: 'mpvideo', mediaId }` in `sendMassMessage`. */
  readonly mediaId: string
  /** Epoch seconds. */
  readonly createdAt: number
}

/**
 * Turns an uploaded video into the `mpvideo` media_id a mass send by openids takes.
 *
 * @example
 * ```ts
 * const video = await uploadTemporaryMedia(wx, 'video', bytes, { filename: 'launch.mp4' }) // @wxmp/media
 * const { mediaId } = await uploadMassVideo(wx, { mediaId: video.mediaId, title: 'Launch', description: 'Two minutes, sound on' })
 * await sendMassMessage(wx, { openIds }, { type: 'mpvideo', mediaId })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */
export async function uploadMassVideo(client: WeChatClient, video: MassVideo, options: CallOptions = {}): Promise<MassVideoResult> {
  assertOptions('uploadMassVideo options', options, ['signal'])
  assertOptions('video', video, ['mediaId', 'title', 'description'])
  if (video === undefined) throw new TypeError('video must be an object, got undefined')
  assertString('video.mediaId', video.mediaId, { max: 128, controls: 'none' })
  if (video.title !== undefined) assertString('video.title', video.title, { min: 0, max: 64 })
  if (video.description !== undefined) assertString('video.description', video.description, { min: 0, max: 120 })
  // A repeat only makes another unused media_id: safe to retry.
  const answer = await client.request<{ media_id: string; created_at: number }>('/cgi-bin/media/uploadvideo', {
    json: { media_id: video.mediaId, title: video.title ?? '', description: video.description ?? '' },
    idempotent: true,
    signal: options.signal,
  })
  return { mediaId: answer.media_id, createdAt: Number(answer.created_at) }
}
