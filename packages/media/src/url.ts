// Files WeChat hands out as URLs (a video media's `video_url`, a video material's `down_url`, an
// image material's `url`): downloaded through the client, so its fetch, timeout and hooks apply.
import { assertHttpUrl, assertOptions, type WeChatClient } from '@wxmp/core'
import { checkDownloadOptions, requestBinary, toMediaFile, type DownloadOptions, type MediaFile } from './internal/download'

/**
 * Downloads a media file from a URL WeChat gave you (`videoUrl`, `downUrl`, an image `url`), as a
 * streamed {@link MediaFile} with the same `maxBytes` guard as the other downloads. No access
 * token is sent.
 *
 * @example
 * ```ts
 * const media = await downloadTemporaryMedia(wx, videoMediaId)
 * if (media.kind === 'video') {
 *   const video = await downloadMediaUrl(wx, media.videoUrl, { maxBytes: 10 * 1024 * 1024 })
 *   await pipeline(Readable.fromWeb(video.body), createWriteStream('clip.mp4'))
 * }
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_temporary_materials.html
 */
export async function downloadMediaUrl(client: WeChatClient, url: string, options: DownloadOptions = {}): Promise<MediaFile> {
  assertOptions('downloadMediaUrl options', options, ['maxBytes', 'signal'])
  assertHttpUrl('url', url)
  const parsed = new URL(url)
  const maxBytes = checkDownloadOptions(options)
  const { response, control } = await requestBinary(
    client,
    `${parsed.pathname}${parsed.search}`,
    { baseUrl: parsed.origin, accessToken: false },
    options,
  )
  return toMediaFile(response, control, maxBytes)
}
