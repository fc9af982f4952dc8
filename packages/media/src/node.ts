// @wxmp/media/node: Node-only helpers. The main entry stays free of Node built-ins so it runs in
// browsers and edge runtimes; reading a file path needs `node:fs`, so it lives here.
import { openAsBlob } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { assertOptions } from '@wxmp/core/validate'
import { extensionOf, mimeForExtension } from './internal/formats'

/** Options of {@link fileFromPath}. */
export interface FileFromPathOptions {
  /** The name WeChat sees. @default the path's base name */
  readonly filename?: string
  /** @default guessed from the extension (jpg → image/jpeg, mp4 → video/mp4 ...) */
  readonly contentType?: string
}

/**
 * A `File` backed by a file on disk, for any upload function. The bytes are read when the upload
 * sends them, not before: a 10 MB video is not loaded into memory by this call.
 *
 * @example
 * ```ts
 * import { fileFromPath } from '@wxmp/media/node'
 * const { mediaId } = await uploadTemporaryMedia(wx, 'video', await fileFromPath('./intro.mp4'))
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia
 */
export async function fileFromPath(path: string, options: FileFromPathOptions = {}): Promise<File> {
  assertOptions('fileFromPath options', options, ['filename', 'contentType'])
  if (typeof path !== 'string' || path === '') throw new TypeError('path must be a non-empty string')
  const filename = options.filename ?? basename(path)
  const ext = extensionOf(filename)
  const type = options.contentType ?? (ext === undefined ? undefined : mimeForExtension(ext)) ?? ''
  // stat first: its error names the path and the reason (ENOENT, EISDIR), openAsBlob's does not.
  const info = await stat(path)
  if (!info.isFile()) throw new TypeError(`path must name a file, got ${JSON.stringify(path)}`)
  const blob = await openAsBlob(path, { type })
  return new File([blob], filename, { type })
}
