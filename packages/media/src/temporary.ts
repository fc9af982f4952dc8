// Temporary media: upload (kept 3 days by WeChat), download, and high-definition JS-SDK voice.
// https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia
import { assertOptions, type WeChatClient } from '@wxmp/core'
import { TEMPORARY_RULES } from './internal/formats'
import { prepareUpload, sendUpload, UPLOAD_OPTIONS, type MediaSource, type UploadOptions } from './internal/upload'
import { checkDownloadOptions, requestBinary, toMediaFile, type DownloadOptions, type MediaFile } from './internal/download'
import { assertMediaId, seconds } from './internal/wire'

/** Kinds of temporary media. */
export type TemporaryMediaType = 'image' | 'voice' | 'video' | 'thumb'

/** What an upload of temporary media returns. */
export interface UploadedMedia {
  readonly type: TemporaryMediaType
  /** The media id (WeChat's `thumb_media_id` for thumbs), valid for 3 days. */
  readonly mediaId: string
  /** Upload time, epoch seconds. */
  readonly createdAt: number
}

/** Video media: WeChat answers a download URL instead of the bytes (fetch it with `downloadMediaUrl`). */
export interface VideoMediaUrl {
  readonly kind: 'video'
  readonly videoUrl: string
}

/** A downloaded temporary media: the file, or for video a URL to it. */
export type TemporaryMedia = MediaFile | VideoMediaUrl

interface WireUploaded {
  type?: string
  media_id?: string
  thumb_media_id?: string
  created_at?: number | string
}

const TYPES = Object.keys(TEMPORARY_RULES) as TemporaryMediaType[]

/**
 * Uploads a temporary image, voice, video or thumb (kept by WeChat for 3 days). Format and size
 * are checked before anything is sent: image 10 MB png/jpeg/jpg/gif, voice 2 MB amr/mp3 (≤ 60 s),
 * video 10 MB mp4, thumb 64 KB jpg. A stream with `options.size` is streamed as it is read; one
 * of unknown length is read into memory, only up to the limit.
 *
 * @example
 * ```ts
 * const { mediaId } = await uploadTemporaryMedia(wx, 'image', new Blob([png], { type: 'image/png' }))
 * const voice = await uploadTemporaryMedia(wx, 'voice', bytes, { filename: 'hello.mp3' })
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia
 */
export async function uploadTemporaryMedia(
  client: WeChatClient,
  type: TemporaryMediaType,
  file: MediaSource,
  options: UploadOptions = {},
): Promise<UploadedMedia> {
  assertOptions('uploadTemporaryMedia options', options, UPLOAD_OPTIONS)
  if (!TYPES.includes(type)) throw new RangeError(`type must be one of ${TYPES.join(', ')}, got ${JSON.stringify(type)}`)
  const upload = await prepareUpload(TEMPORARY_RULES[type], file, options)
  const answer = await sendUpload<WireUploaded>(client, '/cgi-bin/media/upload', { type }, upload, options)
  const mediaId = answer.media_id ?? answer.thumb_media_id
  if (typeof mediaId !== 'string' || mediaId === '') throw new TypeError('WeChat answered the upload without a media_id')
  return { type, mediaId, createdAt: seconds(answer.created_at) }
}

/**
 * Downloads a temporary media. The body streams (`result.body`), or read it whole with
 * `result.bytes()` / `result.blob()`; more than `maxBytes` stops the download with a
 * `MediaSizeError` and closes its connection. Video answers `{ kind: 'video', videoUrl }`.
 *
 * @example
 * ```ts
 * const media = await downloadTemporaryMedia(wx, mediaId, { maxBytes: 2 * 1024 * 1024 })
 * if (media.kind === 'file') await writeFile('photo.jpg', await media.bytes())
 * else console.log('video at', media.videoUrl)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_temporary_materials.html
 */
export async function downloadTemporaryMedia(
  client: WeChatClient,
  mediaId: string,
  options: DownloadOptions = {},
): Promise<TemporaryMedia> {
  assertOptions('downloadTemporaryMedia options', options, ['maxBytes', 'signal'])
  assertMediaId('mediaId', mediaId)
  const maxBytes = checkDownloadOptions(options)
  const { response, control } = await requestBinary(client, '/cgi-bin/media/get', { query: { media_id: mediaId } }, options)
  if (isJson(response)) {
    // Core has already thrown for an errcode body; a JSON success here is video's URL document.
    control.release()
    const data = (await response.json()) as { video_url?: unknown }
    if (typeof data.video_url !== 'string') throw new TypeError('WeChat answered the media download with JSON that has no video_url')
    return { kind: 'video', videoUrl: data.video_url }
  }
  return toMediaFile(response, control, maxBytes)
}

/**
 * Downloads a high-definition voice (speex, 16 kHz) recorded with the JS-SDK and uploaded with
 * `wx.uploadVoice`; a `MediaFile` like {@link downloadTemporaryMedia}'s.
 *
 * @example
 * ```ts
 * const voice = await downloadHdVoice(wx, serverId)
 * const speex = await voice.bytes()
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/material/temporary/api_gethdvoice
 */
export async function downloadHdVoice(client: WeChatClient, mediaId: string, options: DownloadOptions = {}): Promise<MediaFile> {
  assertOptions('downloadHdVoice options', options, ['maxBytes', 'signal'])
  assertMediaId('mediaId', mediaId)
  const maxBytes = checkDownloadOptions(options)
  const { response, control } = await requestBinary(client, '/cgi-bin/media/get/jssdk', { query: { media_id: mediaId } }, options)
  if (isJson(response)) {
    control.release()
    throw new TypeError('WeChat answered the HD voice download with JSON instead of audio')
  }
  return toMediaFile(response, control, maxBytes)
}

export function isJson(response: Response): boolean {
  return /json/i.test(response.headers.get('content-type') ?? '')
}
