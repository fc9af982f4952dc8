// Benchmark: the same safe-mode pushes as server-push.ts, over real loopback HTTP to realistic mounts:
// node:http + @wxmp/server/node's toNodeHandler, @hono/node-server serving `server.fetch` (alone and
// as a Hono app's route), `wechat` as connect-style middleware on node:http, and the hand-written
// node:crypto loop on node:http (the floor). One node:http client with a keep-alive agent for all; servers and client in this process.
// Sides alternated batch by batch, order rotated each round, first round discarded; ratios paired
// (the median of each round's ratio, server-push.ts's ratioRows).
// Figures, never pass/fail. Alone: `pnpm exec tsx bench/src/push-loopback.ts [--quick]`.
import { createServer, Agent, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { toNodeHandler } from '@wxmp/server/node'
import { loopbackHandlers, makePushes, ratioRows, type Push } from './server-push'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

export interface LoopbackRow {
  readonly side: string
  readonly concurrency: number
  readonly pushesPerSecond: number
  readonly ratioToWechat: number
  readonly ratioToPrimitives: number
}

async function listen(handler: Handler): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export async function run(options: { quick?: boolean } = {}): Promise<LoopbackRow[]> {
  const h = loopbackHandlers()
  const closers: (() => Promise<void>)[] = []
  const sides: { name: string; port: number }[] = []
  const add = async (name: string, handler: Handler) => {
    const s = await listen(handler)
    closers.push(s.close)
    sides.push({ name, port: s.port })
  }
  await add('wxmp /node adapter on node:http (toNodeHandler)', toNodeHandler(h.nodeServer) as Handler)
  const hono = serve({ fetch: h.fetchServer.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => (hono.listening ? resolve() : hono.once('listening', () => resolve())))
  closers.push(() => new Promise<void>((resolve) => hono.close(() => resolve())))
  sides.push({ name: 'wxmp fetch(Request) on @hono/node-server', port: (hono.address() as AddressInfo).port })
  // The README's Hono mount: a route in a Hono app, passing c.env (the Node request beside the Request).
  const app = new Hono()
  app.on(['GET', 'POST'], '/wechat', (c) => h.fetchServer.fetch(c.req.raw, c.env))
  const honoApp = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => (honoApp.listening ? resolve() : honoApp.once('listening', () => resolve())))
  closers.push(() => new Promise<void>((resolve) => honoApp.close(() => resolve())))
  sides.push({ name: 'wxmp in a Hono app route (c.req.raw, c.env)', port: (honoApp.address() as AddressInfo).port })
  // What connect.query() (wechat's documented setup) or Express puts on req first.
  await add('wechat 2.1 on node:http', (req, res) =>
    h.wechat(Object.assign(req, { query: Object.fromEntries(new URLSearchParams(req.url!.slice(req.url!.indexOf('?') + 1))) }), res, () =>
      res.writeHead(500).end(),
    ),
  )
  await add('primitives only on node:http', (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const body = await h.floor({ query: req.url!.slice(req.url!.indexOf('?') + 1), body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(200, { 'content-type': 'application/xml' }).end(body)
    })
  })
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const post = (port: number, push: Push) =>
    new Promise<string>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: `/wechat?${push.query}`,
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(push.body) },
      })
      req.on('error', reject)
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${res.statusCode}`)),
        )
      })
      req.end(push.body)
    })
  for (const side of sides) {
    const reply = await post(side.port, makePushes(1)[0]!)
    if (!reply.includes('<Encrypt>')) throw new Error(`${side.name} did not answer an encrypted reply: ${reply.slice(0, 100)}`)
  }
  const rounds = options.quick ? 5 : 12
  const size = options.quick ? 150 : 300
  const rows: LoopbackRow[] = []
  try {
    for (const concurrency of [1, 32]) {
      const rates = new Map<string, number[]>(sides.map((s) => [s.name, []]))
      for (let round = 0; round <= rounds; round++) {
        const order = sides.map((_, k) => sides[(k + round) % sides.length]!)
        for (const side of order) {
          const pushes = makePushes(size)
          let i = 0
          const started = performance.now()
          await Promise.all(
            Array.from({ length: concurrency }, async () => {
              while (i < pushes.length) await post(side.port, pushes[i++]!)
            }),
          )
          if (round > 0) rates.get(side.name)!.push(size / ((performance.now() - started) / 1000))
        }
      }
      rows.push(...ratioRows(rates, concurrency, 'wechat 2.1 on node:http', 'primitives only on node:http'))
    }
  } finally {
    agent.destroy()
    for (const close of closers) await close()
  }
  return rows
}

export function toMarkdown(rows: readonly LoopbackRow[]): string {
  return [
    `The same safe-mode pushes over loopback HTTP (one node:http keep-alive client, servers in the same process, ${process.release.name} ${process.version}); sides alternated batch by batch, order rotated, first round discarded, medians.`,
    '',
    '| mount | concurrency | pushes/s | vs wechat | vs primitives only |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.side} | ${r.concurrency} | ${r.pushesPerSecond.toLocaleString('en')} | ${r.ratioToWechat.toFixed(2)}× | ${r.ratioToPrimitives.toFixed(2)}× |`,
    ),
  ].join('\n')
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  console.log(toMarkdown(await run({ quick: process.argv.includes('--quick') })))
}
