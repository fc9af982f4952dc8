// Permanent materials: add (image, voice, video, thumb), get, delete.
// https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
import { assertOptions, assertString, type CallOptions, type WeChatClient } from '@wxmp/core'
import { MATERIAL_RULES } from './internal/formats'
import { prepareUpload, sendUpload, UPLOAD_OPTIONS, type MediaSource, type UploadOptions } from './internal/upload'
import { checkDownloadOptions, requestBinary, toMediaFile, type DownloadOptions, type MediaFile } from './internal/download'
import { articleFromWire, assertMediaId, type NewsArticleInfo, type WireArticleInfo } from './internal/wire'
import { isJson } from './temporary'

/** Kinds of permanent file material (news is added with `addNewsMaterial`). */
export type MaterialType = 'image' | 'voice' | 'video' | 'thumb'

/** Options of {@link addMaterial} for a video: WeChat requires its title and introduction. */
export interface VideoMaterialOptions extends UploadOptions {
  readonly title: string
  readonly introduction: string
}

/** What {@link addMaterial} returns. */
export interface AddedMaterial {
  readonly mediaId: string
  /** Where WeChat serves the image (images only). */
  readonly url: string | undefined
}

/** A news material: its articles. */
export interface NewsMaterial {
  readonly kind: 'news'
  readonly articles: readonly NewsArticleInfo[]
}

/** A video material: its description and a download URL (fetch it with `downloadMediaUrl`). */
export interface VideoMaterial {
  readonly kind: 'video'
  readonly title: string
  readonly description: string
  readonly downUrl: string
}

/** What {@link getMaterial} returns: news and video answer JSON, the other kinds their bytes. */
export type Material = NewsMaterial | VideoMaterial | MediaFile

const TYPES = Object.keys(MATERIAL_RULES) as MaterialType[]

/**
 * Adds a permanent image, voice, video or thumb material. A video needs `title` and
 * `introduction`. Checked first: image 10 MB bmp/png/jpeg/jpg/gif, voice 2 MB mp3/wma/wav/amr
 * (≤ 60 s), video 10 MB mp4, thumb 64 KB jpg.
 *
 * @example
 * ```ts
 * const image = await addMaterial(wx, 'image', file)                 // image.url is its URL
 * const video = await addMaterial(wx, 'video', mp4, { filename: 'intro.mp4', title: 'Intro', introduction: 'Our shop in 30 s' })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
 */
export function addMaterial(client: WeChatClient, type: 'video', file: MediaSource, options: VideoMaterialOptions): Promise<AddedMaterial>
export function addMaterial(
  client: WeChatClient,
  type: Exclude<MaterialType, 'video'>,
  file: MediaSource,
  options?: UploadOptions,
): Promise<AddedMaterial>
export async function addMaterial(
  client: WeChatClient,
  type: MaterialType,
  file: MediaSource,
  options: UploadOptions | VideoMaterialOptions = {},
): Promise<AddedMaterial> {
  if (!TYPES.includes(type)) throw new RangeError(`type must be one of ${TYPES.join(', ')}, got ${JSON.stringify(type)}`)
  assertOptions('addMaterial options', options, type === 'video' ? [...UPLOAD_OPTIONS, 'title', 'introduction'] : UPLOAD_OPTIONS)
  let description: string | undefined
  if (type === 'video') {
    const video = options as Partial<VideoMaterialOptions>
    assertString('options.title', video.title)
    assertString('options.introduction', video.introduction)
    description = JSON.stringify({ title: video.title, introduction: video.introduction })
  }
  const upload = await prepareUpload(MATERIAL_RULES[type], file, options, description === undefined ? {} : { description })
  const answer = await sendUpload<{ media_id?: unknown; url?: unknown }>(
    client,
    '/cgi-bin/material/add_material',
    { type },
    upload,
    options,
  )
  if (typeof answer.media_id !== 'string') throw new TypeError('WeChat answered add_material without a media_id')
  return { mediaId: answer.media_id, url: typeof answer.url === 'string' && answer.url !== '' ? answer.url : undefined }
}

/**
 * Gets a permanent material: news answers its articles, video its title, description and download
 * URL, and image / voice / thumb their bytes as a streamed `MediaFile` (guarded by `maxBytes`).
 *
 * @example
 * ```ts
 * const material = await getMaterial(wx, mediaId)
 * if (material.kind === 'news') console.log(material.articles[0]?.title)
 * else if (material.kind === 'video') console.log(material.downUrl)
 * else await writeFile(material.filename ?? 'material', await material.bytes())
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_getmaterial
 */
export async function getMaterial(client: WeChatClient, mediaId: string, options: DownloadOptions = {}): Promise<Material> {
  assertOptions('getMaterial options', options, ['maxBytes', 'signal'])
  assertMediaId('mediaId', mediaId)
  const maxBytes = checkDownloadOptions(options)
  const { response, control } = await requestBinary(
    client,
    '/cgi-bin/material/get_material',
    { json: { media_id: mediaId }, idempotent: true },
    options,
  )
  if (!isJson(response)) return toMediaFile(response, control, maxBytes)
  control.release()
  const data = (await response.json()) as { news_item?: WireArticleInfo[]; title?: unknown; description?: unknown; down_url?: unknown }
  if (Array.isArray(data.news_item)) return { kind: 'news', articles: data.news_item.map(articleFromWire) }
  if (typeof data.down_url === 'string') {
    return { kind: 'video', title: String(data.title ?? ''), description: String(data.description ?? ''), downUrl: data.down_url }
  }
  throw new TypeError('WeChat answered get_material with JSON that is neither news nor video')
}

/**
 * Deletes a permanent material (any kind, news too).
 *
 * @example
 * ```ts
 * await deleteMaterial(wx, mediaId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Deleting_Permanent_Assets.html
 */
export async function deleteMaterial(client: WeChatClient, mediaId: string, options: CallOptions = {}): Promise<void> {
  assertOptions('deleteMaterial options', options, ['signal'])
  assertMediaId('mediaId', mediaId)
  await client.request('/cgi-bin/material/del_material', {
    json: { media_id: mediaId },
    signal: options.signal,
  })
}
