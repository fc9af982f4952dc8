// Media state of one app: temporary media (3 days on the emulator clock), permanent materials,
// article images, news, and a record of every file download (for tests about connections).
import { randomBytes } from 'node:crypto'
import type { AppState } from '../../context'

export const TEMPORARY_TTL_MS = 3 * 24 * 60 * 60 * 1000
export const MB = 1024 * 1024

export type FileType = 'image' | 'voice' | 'video' | 'thumb'
export type Scope = 'temporary' | 'permanent' | 'article-image'

export interface StoredFile {
  readonly kind: 'file'
  readonly id: string
  readonly type: FileType
  readonly scope: Scope
  readonly bytes: Uint8Array
  readonly filename: string
  readonly contentType: string
  /** Key under /mmbiz/ where the file is served without a token (URLs WeChat hands out). */
  readonly cdnKey: string
  readonly createdAt: number
  updatedAt: number
  readonly title?: string
  readonly introduction?: string
}

/** An article as stored: the wire form. */
export interface StoredArticle {
  title: string
  thumb_media_id: string
  content: string
  author: string
  digest: string
  content_source_url: string
  show_cover_pic: number
  need_open_comment: number
  only_fans_can_comment: number
}

export interface StoredNews {
  readonly kind: 'news'
  readonly id: string
  /** `temporary`: uploadnews (for mass send, 3 days); `permanent`: add_news material. */
  readonly scope: 'temporary' | 'permanent'
  articles: StoredArticle[]
  readonly createdAt: number
  updatedAt: number
}

export type StoredMedia = StoredFile | StoredNews

/** One file download as the server saw it. */
export interface DownloadRecord {
  readonly seq: number
  readonly mediaId: string
  readonly path: string
  readonly size: number
  /** Bytes handed to the connection so far. */
  sent: number
  /** The whole body was handed over. */
  finished: boolean
  /** The client went away before the body was over. */
  cancelled: boolean
  /** The TCP connection that carried it is still open (keep-alive keeps it after a full read). */
  socketOpen: boolean
}

export class MediaStore {
  readonly items = new Map<string, StoredMedia>()
  readonly cdn = new Map<string, StoredFile>()
  readonly downloads: DownloadRecord[] = []
  /** Serve downloads without Content-Length (chunked), to test readers that cannot know the size. */
  chunkedDownloads = false
  /**
   * add_news / update_news. WeChat took both down in 2022-02 (45103 "This API has been
   * unsupported") for every account, so they answer that; tests of old code can turn them back on.
   */
  legacyNews = false
  private seq = 0

  /** The item, or undefined when unknown or (temporary) older than 3 days. */
  get(id: string, now: number): StoredMedia | undefined {
    const item = this.items.get(id)
    if (!item) return undefined
    if (item.scope === 'temporary' && now - item.createdAt >= TEMPORARY_TTL_MS) return undefined
    return item
  }

  addFile(init: Omit<StoredFile, 'kind' | 'id' | 'cdnKey' | 'updatedAt'>): StoredFile {
    const file: StoredFile = {
      kind: 'file',
      id: newId(init.scope === 'temporary' ? 48 : 32),
      cdnKey: randomBytes(24).toString('hex'),
      updatedAt: init.createdAt,
      ...init,
    }
    this.items.set(file.id, file)
    this.cdn.set(file.cdnKey, file)
    return file
  }

  addNews(scope: StoredNews['scope'], articles: StoredArticle[], now: number): StoredNews {
    const news: StoredNews = { kind: 'news', id: newId(scope === 'temporary' ? 48 : 32), scope, articles, createdAt: now, updatedAt: now }
    this.items.set(news.id, news)
    return news
  }

  delete(id: string): void {
    const item = this.items.get(id)
    if (item?.kind === 'file') this.cdn.delete(item.cdnKey)
    this.items.delete(id)
  }

  /** Permanent materials, newest first (WeChat lists the latest first). */
  permanent(): StoredMedia[] {
    return [...this.items.values()]
      .filter((m) => m.scope === 'permanent')
      .reverse()
      .sort((a, b) => b.updatedAt - a.updatedAt)
  }

  recordDownload(mediaId: string, path: string, size: number): DownloadRecord {
    const record: DownloadRecord = { seq: ++this.seq, mediaId, path, size, sent: 0, finished: false, cancelled: false, socketOpen: true }
    this.downloads.push(record)
    if (this.downloads.length > 200) this.downloads.shift()
    return record
  }
}

/** The media state of `app`. */
export function mediaOf(appState: AppState): MediaStore {
  return appState.ext('media', () => new MediaStore())
}

/**
 * What a media id names for this app, for other modules (mass send checks `mpnews` / `image`
 * media ids with it): the kind and scope, or undefined when unknown or expired.
 */
export function lookupMedia(
  appState: AppState,
  mediaId: string,
  now: number,
): { readonly type: FileType | 'news'; readonly scope: Scope } | undefined {
  const item = mediaOf(appState).get(mediaId, now)
  if (!item) return undefined
  return { type: item.kind === 'news' ? 'news' : item.type, scope: item.scope }
}

/** A media id like WeChat's: letters, digits, `-` and `_`. */
function newId(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}
