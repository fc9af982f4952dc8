// Multipart uploads checked the way WeChat checks them, and file answers streamed in slices with
// a record of how each download ended.
import type { Context } from 'hono'
import type { Socket } from 'node:net'
import type { EmuEnv } from '../../context'
import { wxError } from '../../wechat'
import { MB, type DownloadRecord, type FileType, type MediaStore, type StoredFile } from './store'

export interface FileRule {
  readonly formats: readonly string[]
  readonly maxBytes: number
  /** Errcode for a file over the limit: 40009 image, 40010 voice, 40011 video, 40012 thumb. */
  readonly sizeErrcode: number
}

const IMAGE_SIZE = 40009
export const TEMPORARY: Record<FileType, FileRule> = {
  image: { formats: ['png', 'jpeg', 'jpg', 'gif'], maxBytes: 10 * MB, sizeErrcode: IMAGE_SIZE },
  voice: { formats: ['amr', 'mp3'], maxBytes: 2 * MB, sizeErrcode: 40010 },
  video: { formats: ['mp4'], maxBytes: 10 * MB, sizeErrcode: 40011 },
  thumb: { formats: ['jpg', 'jpeg'], maxBytes: 64 * 1024, sizeErrcode: 40012 },
}
export const PERMANENT: Record<FileType, FileRule> = {
  image: { formats: ['bmp', 'png', 'jpeg', 'jpg', 'gif'], maxBytes: 10 * MB, sizeErrcode: IMAGE_SIZE },
  voice: { formats: ['mp3', 'wma', 'wav', 'amr'], maxBytes: 2 * MB, sizeErrcode: 40010 },
  video: { formats: ['mp4'], maxBytes: 10 * MB, sizeErrcode: 40011 },
  thumb: { formats: ['jpg', 'jpeg'], maxBytes: 64 * 1024, sizeErrcode: 40012 },
}
export const ARTICLE_IMAGE: FileRule = { formats: ['jpg', 'jpeg', 'png'], maxBytes: MB, sizeErrcode: IMAGE_SIZE }

/** Past this a request body is refused unread (45001): no media kind comes near it. */
const BODY_CAP = 20 * MB

export const MESSAGES: Record<number, string> = {
  40009: 'invalid image size',
  40010: 'invalid voice size',
  40011: 'invalid video size',
  40012: 'invalid thumb size',
  41005: 'media data missing',
  45008: 'article size out of limit',
  45103: 'This API has been unsupported',
}

export const fail = (c: Context, errcode: number): Response => wxError(c, errcode, MESSAGES[errcode])

const EXT_BY_MIME: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/x-ms-wma': 'wma',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'video/mp4': 'mp4',
}

export interface ParsedUpload {
  readonly file: File
  readonly bytes: Uint8Array
  readonly ext: string
  /** Other form fields (add_material's `description`). */
  readonly fields: Record<string, string>
}

/** The `media` part of a multipart body, checked against `rule`; or WeChat's errcode answer. */
export async function readUpload(c: Context<EmuEnv>, rule: FileRule): Promise<ParsedUpload | Response> {
  const declared = Number(c.req.header('content-length') ?? 'NaN')
  if (declared > BODY_CAP) return fail(c, 45001)
  if (!/multipart\/form-data/i.test(c.req.header('content-type') ?? '')) return fail(c, 41005)
  let form: Record<string, string | File>
  try {
    form = (await c.req.parseBody()) as Record<string, string | File>
  } catch {
    return fail(c, 41005)
  }
  const file = form.media
  if (!(file instanceof File)) return fail(c, 41005)
  if (file.size === 0) return fail(c, 44001)
  const ext = extension(file.name) ?? EXT_BY_MIME[file.type.split(';')[0]?.trim().toLowerCase() ?? '']
  if (ext === undefined || !rule.formats.includes(ext)) return fail(c, 40005)
  if (file.size > rule.maxBytes) return fail(c, rule.sizeErrcode)
  const fields: Record<string, string> = {}
  for (const [key, value] of Object.entries(form)) if (typeof value === 'string') fields[key] = value
  return { file, bytes: new Uint8Array(await file.arrayBuffer()), ext, fields }
}

function extension(name: string): string | undefined {
  const dot = name.lastIndexOf('.')
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : undefined
}

const SLICE = 64 * 1024

/**
 * The file as a download: streamed in 64 KB slices, pulled as the connection drains, so a client
 * that stops reading stops the server too. Records how it ended and whether its socket closed.
 */
export function sendFile(
  c: Context<EmuEnv>,
  store: MediaStore,
  file: StoredFile,
  options: { filename?: string; contentType?: string } = {},
): Response {
  const bytes = file.bytes
  const record = store.recordDownload(file.id, c.req.path, bytes.byteLength)
  watchSocket(c, record)
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (record.sent >= bytes.byteLength) {
          record.finished = true
          controller.close()
          return
        }
        const next = bytes.subarray(record.sent, record.sent + SLICE)
        record.sent += next.byteLength
        controller.enqueue(next)
      },
      cancel() {
        record.cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  const headers: Record<string, string> = {
    'Content-Type': options.contentType ?? file.contentType,
    'Content-Disposition': `attachment; filename="${options.filename ?? file.filename}"`,
    'Cache-Control': 'no-cache, must-revalidate',
  }
  if (!store.chunkedDownloads) headers['Content-Length'] = String(bytes.byteLength)
  return new Response(body, { status: 200, headers })
}

// One 'close' listener per socket, however many downloads a keep-alive connection carries.
const watched = new WeakMap<Socket, DownloadRecord[]>()

function watchSocket(c: Context<EmuEnv>, record: DownloadRecord): void {
  // On @hono/node-server, `c.env.incoming` is the Node request; served in-process there is none.
  const socket = (c.env as { incoming?: { socket?: Socket } } | undefined)?.incoming?.socket
  if (!socket) return
  if (socket.destroyed) {
    record.socketOpen = false
    return
  }
  let records = watched.get(socket)
  if (!records) {
    const list: DownloadRecord[] = []
    records = list
    watched.set(socket, list)
    socket.once('close', () => {
      for (const r of list) r.socketOpen = false
    })
  }
  records.push(record)
}
