// A tiny local server for core's own transport tests: routes answer fixed shapes so each test can
// check one behaviour of `request` over real HTTP.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
}

export interface FixtureServer {
  url: string
  received: Received[]
  /** Queue answers for a path: each request to it takes the next one. */
  queue(path: string, ...answers: Array<(res: ServerResponse, req: Received) => void>): void
  close(): Promise<void>
}

export const json =
  (body: string, status = 200) =>
  (res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body)
  }

export async function startFixtureServer(): Promise<FixtureServer> {
  const received: Received[] = []
  const queues = new Map<string, Array<(res: ServerResponse, req: Received) => void>>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const entry: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) }
      received.push(entry)
      const path = new URL(entry.url, 'http://x').pathname
      // A queued answer wins, the token endpoints' included (a token answer of another shape).
      const next = queues.get(path)?.shift()
      if (next) return next(res, entry)
      if (path === '/cgi-bin/stable_token' || path === '/cgi-bin/token') {
        return json(JSON.stringify({ access_token: `fixture-token-${received.length}-abcdefgh`, expires_in: 7200 }))(res)
      }
      if (path === '/echo') {
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end(
          JSON.stringify({
            method: entry.method,
            url: entry.url,
            contentType: req.headers['content-type'] ?? null,
            body: entry.body.toString('utf8'),
          }),
        )
      }
      json('{"errcode":0,"errmsg":"ok"}')(res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    queue(path, ...answers) {
      queues.set(path, [...(queues.get(path) ?? []), ...answers])
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
