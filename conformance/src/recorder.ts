// A recording server: it keeps what each request carried (method, path, query, headers, body) and
// answers with the documented answer it was given. No emulator in between: what the SDK sends is
// compared with WeChat's documentation, and what it reads is WeChat's documented answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DocAnswer } from './corpus'

/** A multipart field as received: a file (its name, type and size) or a text value. */
export type RecordedField = { readonly file: true; readonly filename: string; readonly contentType: string; readonly size: number } | string

export interface Recorded {
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly headers: Record<string, string | string[] | undefined>
  /** The parsed JSON body, the multipart fields, or null for no body. */
  readonly body: unknown
  readonly multipart?: Record<string, RecordedField>
  readonly raw: string
}

export interface Recorder {
  readonly url: string
  readonly requests: Recorded[]
  /** The answer every following request gets. */
  answerWith(answer: DocAnswer): void
  close(): Promise<void>
}

export async function startRecorder(): Promise<Recorder> {
  const requests: Recorded[] = []
  let answer: DocAnswer = { body: { errcode: 0, errmsg: 'ok' } }
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const buffer = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://recorder')
    const contentType = String(req.headers['content-type'] ?? '')
    let body: unknown = null
    let multipart: Record<string, RecordedField> | undefined
    if (/multipart\/form-data/i.test(contentType)) {
      // undici parses multipart for us: the same parser fetch uses.
      const form = await new Response(buffer, { headers: { 'content-type': contentType } }).formData()
      multipart = {}
      for (const [name, value] of form.entries()) {
        multipart[name] =
          typeof value === 'string' ? value : { file: true, filename: value.name, contentType: value.type, size: value.size }
      }
      body = multipart
    } else if (buffer.length > 0) {
      const text = buffer.toString('utf8')
      try {
        body = JSON.parse(text)
      } catch {
        body = text
      }
    }
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      ...(multipart ? { multipart } : {}),
      raw: buffer.toString('utf8'),
    })
    res.statusCode = answer.status ?? 200
    const headers = answer.headers ?? {}
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v)
    if (answer.base64 !== undefined) {
      res.end(Buffer.from(answer.base64, 'base64'))
    } else if (answer.raw !== undefined) {
      if (!('content-type' in headers)) res.setHeader('content-type', 'application/json; charset=utf-8')
      res.end(answer.raw)
    } else {
      if (!('content-type' in headers)) res.setHeader('content-type', 'application/json; charset=utf-8')
      res.end(JSON.stringify(answer.body ?? {}))
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answerWith(next) {
      answer = next
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
