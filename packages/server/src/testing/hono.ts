// A fetch handler on @hono/node-server (the Node request beside the Request, as `env.incoming`) on a
// real port, closed when the test ends: the push URL it serves.
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { onTestFinished } from 'vitest'

export async function serveOnHono(fetch: (request: Request, env: unknown) => Response | Promise<Response>): Promise<string> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`
}

/** A POST that sends `part` of its body and drops the connection after `ms`: a client gone mid-body. */
export function abortMidBody(url: string, headers: Record<string, string>, part: string, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const req = httpRequest(url, { method: 'POST', headers })
    req.on('error', () => resolve())
    req.write(part)
    setTimeout(() => {
      req.destroy()
      resolve()
    }, ms)
  })
}
