// What WeChat accepts per media kind: file formats (by extension) and sizes. One table, used by the
// upload checks and by the `/node` helper that guesses a content type from a path.

/** 1 MB as WeChat counts it (binary megabyte). */
export const MB = 1024 * 1024

export interface MediaRule {
  /** Words for errors: `image media`, `article image`. */
  readonly label: string
  /** Accepted extensions, lower case, without the dot. */
  readonly formats: readonly string[]
  readonly maxBytes: number
}

// https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia
export const TEMPORARY_RULES = {
  image: { label: 'image media', formats: ['png', 'jpeg', 'jpg', 'gif'], maxBytes: 10 * MB },
  voice: { label: 'voice media', formats: ['amr', 'mp3'], maxBytes: 2 * MB },
  video: { label: 'video media', formats: ['mp4'], maxBytes: 10 * MB },
  thumb: { label: 'thumb media', formats: ['jpg', 'jpeg'], maxBytes: 64 * 1024 },
} as const satisfies Record<string, MediaRule>

// https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
export const MATERIAL_RULES = {
  image: { label: 'image material', formats: ['bmp', 'png', 'jpeg', 'jpg', 'gif'], maxBytes: 10 * MB },
  voice: { label: 'voice material', formats: ['mp3', 'wma', 'wav', 'amr'], maxBytes: 2 * MB },
  video: { label: 'video material', formats: ['mp4'], maxBytes: 10 * MB },
  thumb: { label: 'thumb material', formats: ['jpg', 'jpeg'], maxBytes: 64 * 1024 },
} as const satisfies Record<string, MediaRule>

// https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
export const ARTICLE_IMAGE_RULE: MediaRule = { label: 'article image', formats: ['jpg', 'jpeg', 'png'], maxBytes: MB }

const MIME_BY_EXT: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  amr: 'audio/amr',
  mp3: 'audio/mpeg',
  wma: 'audio/x-ms-wma',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  speex: 'audio/speex',
}

const EXT_BY_MIME: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/x-ms-bmp': 'bmp',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/x-ms-wma': 'wma',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'video/mp4': 'mp4',
  'audio/speex': 'speex',
}

/** Lower-case extension of `filename` without the dot, or undefined. */
export function extensionOf(filename: string): string | undefined {
  const base = filename.slice(filename.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : undefined
}

export function mimeForExtension(ext: string): string | undefined {
  return MIME_BY_EXT[ext.toLowerCase()]
}

export function extensionForMime(contentType: string): string | undefined {
  return EXT_BY_MIME[contentType.split(';')[0]?.trim().toLowerCase() ?? '']
}
