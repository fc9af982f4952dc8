// Images for article bodies: uploaded once, referenced by URL inside news content.
import { assertOptions, type WeChatClient } from '@wxmp/core'
import { ARTICLE_IMAGE_RULE } from './internal/formats'
import { prepareUpload, sendUpload, UPLOAD_OPTIONS, type MediaSource, type UploadOptions } from './internal/upload'

/** An image usable inside article content. */
export interface ArticleImage {
  /** Where WeChat serves it; put it in an `<img src>` of news content. */
  readonly url: string
}

/**
 * Uploads an image for use inside article (news) content and returns its URL. jpg or png, at most
 * 1 MB; does not count against the material library's limits.
 *
 * @example
 * ```ts
 * const { url } = await uploadArticleImage(wx, new Blob([jpeg], { type: 'image/jpeg' }))
 * const content = `<p>Hello</p><img src="${url}">`
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
 */
export async function uploadArticleImage(client: WeChatClient, file: MediaSource, options: UploadOptions = {}): Promise<ArticleImage> {
  assertOptions('uploadArticleImage options', options, UPLOAD_OPTIONS)
  const upload = await prepareUpload(ARTICLE_IMAGE_RULE, file, options)
  const answer = await sendUpload<{ url?: unknown }>(client, '/cgi-bin/media/uploadimg', undefined, upload, options)
  if (typeof answer.url !== 'string') throw new TypeError('WeChat answered the image upload without a url')
  return { url: answer.url }
}
