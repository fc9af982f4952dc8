// Benchmark: pushes per second through a receiving server (verify msg_signature, decrypt, parse,
// handle, build the reply, encrypt it), @wxmp/server side by side with the `wechat` npm package
// (node-webot, on `wechat-crypto`), on the same kind of pushes: safe-mode XML text messages, each
// with a fresh MsgId (wxmp deduplicates retries, so a repeated id would be a cache hit). In
// process, no sockets: the figure is the receiving code's own cost. Figures, never pass/fail.
// Alone: `pnpm exec tsx bench/src/server-push.ts [--quick]`.
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import { Readable } from 'node:stream'
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { createMessageServer, decryptMessage } from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'

const require = createRequire(import.meta.url)
// node-webot's middleware: `wechat(config, handler)` → connect-style (req, res, next).
const wechat = require('wechat') as (
  config: object,
  handler: (req: { weixin: Record<string, string> }, res: { reply(text: string): void }) => void,
) => Middleware
type Middleware = (req: object, res: object, next: (error?: unknown) => void) => void

const APP = { appId: 'wx1234567890abcdef', token: 'benchToken1', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }

export interface Push {
  readonly query: string
  readonly body: string
}

// Pushes are made with wechat-crypto (WeChat's sample scheme, synchronous, fast) and node:crypto's
// SHA-1, all before any timing starts: neither side's code builds the other's input.
const WXBizMsgCrypt = require('wechat-crypto') as new (
  token: string,
  encodingAESKey: string,
  appId: string,
) => { encrypt(text: string): string }
const pushCrypto = new WXBizMsgCrypt(APP.token, APP.encodingAESKey, APP.appId)
const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex')

let nextMsgId = 7_000_000_000_000_000_000n
export function makePushes(count: number): Push[] {
  const out: Push[] = []
  const timestamp = String(Math.floor(Date.now() / 1000))
  for (let i = 0; i < count; i++) {
    const nonce = String(100_000 + i)
    const inner = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBench${i % 100}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello ${i}]]></Content><MsgId>${nextMsgId++}</MsgId></xml>`
    const encrypt = pushCrypto.encrypt(inner)
    const query = new URLSearchParams({
      signature: sha1(APP.token, timestamp, nonce),
      timestamp,
      nonce,
      openid: `oBench${i % 100}`,
      encrypt_type: 'aes',
      msg_signature: sha1(APP.token, timestamp, nonce, encrypt),
    }).toString()
    out.push({ query, body: `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` })
  }
  return out
}

type Side = { readonly name: string; readonly send: (push: Push) => Promise<string> }

// The floor: what a push needs at the very least, written by hand on node:crypto (three SHA-1s, one
// AES-256-CBC decrypt and one encrypt, the base64 around them), no parsing, no checks, no handler.
function primitivesOnly(): Side['send'] {
  const key = Buffer.from(APP.encodingAESKey + '=', 'base64')
  const iv = key.subarray(0, 16)
  const cbc = (cipher: ReturnType<typeof createCipheriv>, data: Buffer) => {
    cipher.setAutoPadding(false)
    return Buffer.concat([cipher.update(data), cipher.final()])
  }
  return async (push) => {
    const q = new URLSearchParams(push.query)
    const timestamp = q.get('timestamp')!
    const nonce = q.get('nonce')!
    const encrypt = push.body.slice(push.body.indexOf('<Encrypt><![CDATA[') + 18, push.body.indexOf(']]></Encrypt>'))
    if (sha1(APP.token, timestamp, nonce) !== q.get('signature') || sha1(APP.token, timestamp, nonce, encrypt) !== q.get('msg_signature'))
      throw new Error('signature')
    const plain = cbc(createDecipheriv('aes-256-cbc', key, iv), Buffer.from(encrypt, 'base64'))
    const length = plain.readUInt32BE(16)
    const content = /<Content><!\[CDATA\[(.*?)\]\]>/.exec(plain.subarray(20, 20 + length).toString('utf8'))?.[1]
    const reply = Buffer.from(
      `<xml><ToUserName><![CDATA[oBench]]></ToUserName><FromUserName><![CDATA[gh_bench]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[echo: ${content}]]></Content></xml>`,
    )
    const lengthBytes = Buffer.alloc(4)
    lengthBytes.writeUInt32BE(reply.length)
    const body = Buffer.concat([randomBytes(16), lengthBytes, reply, Buffer.from(APP.appId)])
    const pad = 32 - (body.length % 32)
    const out = cbc(createCipheriv('aes-256-cbc', key, iv), Buffer.concat([body, Buffer.alloc(pad, pad)])).toString('base64')
    return `<xml><Encrypt><![CDATA[${out}]]></Encrypt><MsgSignature><![CDATA[${sha1(APP.token, timestamp, nonce, out)}]]></MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`
  }
}

const WECHAT = 'wechat 2.1 (node-webot)'
const FLOOR = 'primitives only (node:crypto, by hand)'

/** The receivers, each answering with an encrypted echo: also mounted on loopback HTTP by push-loopback.ts. */
export function loopbackHandlers() {
  const handle = (push: { msgType: string; content?: string }) =>
    push.msgType === 'text' ? { type: 'text' as const, content: `echo: ${push.content}` } : undefined
  // Default options: the crypto is whatever createMessageServer picks on this runtime.
  return {
    fetchServer: createMessageServer({ ...APP, handle }),
    nodeServer: createMessageServer({ ...APP, handle }),
    wechat: wechat({ token: APP.token, appid: APP.appId, encodingAESKey: APP.encodingAESKey }, (req, res) =>
      res.reply(`echo: ${req.weixin.Content}`),
    ),
    floor: primitivesOnly(),
  }
}

function sides(): Side[] {
  const parts = loopbackHandlers()
  const server = parts.fetchServer
  const nodeHandler = toNodeHandler(parts.nodeServer)
  const webot = parts.wechat
  // The smallest req/res node-webot and the /node adapter read: the body as a stream they read
  // themselves, as from a socket (a pre-read body would spare them the read the fetch side pays).
  // `req.query` only for node-webot, which reads it: its documented setup puts it there first
  // (connect.query() or Express, as push-loopback.ts does); node:http gives toNodeHandler none.
  const nodeCall = (handler: Middleware, push: Push, withQuery: boolean) =>
    new Promise<string>((resolve, reject) => {
      const req = Object.assign(Readable.from([Buffer.from(push.body)]), {
        method: 'POST',
        url: `/wechat?${push.query}`,
        ...(withQuery ? { query: Object.fromEntries(new URLSearchParams(push.query)) } : {}),
        headers: { host: 'bench', 'content-type': 'text/xml' },
      })
      const res = {
        statusCode: 200,
        headersSent: false,
        setHeader() {},
        writeHead() {},
        end: (data: unknown) => resolve(data instanceof Uint8Array ? Buffer.from(data).toString('utf8') : String(data)),
      }
      handler(req, res, reject)
    })
  return [
    // What Hono (`server.fetch(c.req.raw)`), Next.js route handlers and Bun.serve hand it.
    {
      name: 'wxmp fetch(Request), default options',
      send: async (push) =>
        (await server.fetch(new Request(`https://bench/wechat?${push.query}`, { method: 'POST', body: push.body }))).text(),
    },
    { name: 'wxmp /node adapter (toNodeHandler)', send: (push) => nodeCall(nodeHandler as unknown as Middleware, push, false) },
    { name: WECHAT, send: (push) => nodeCall(webot, push, true) },
    { name: FLOOR, send: parts.floor },
  ]
}

/** One side by its first word (fetch, node, wechat, primitives) and `count` fresh pushes, for a profile. */
export function profileSides(which: string, count: number): { send: Side['send']; pushes: Push[] } {
  const side = sides().find((s) => s.name.includes(which))
  if (!side) throw new Error(`no side matches ${which}`)
  return { send: side.send, pushes: makePushes(count) }
}

/** Pushes per second of wall time and per second of this process's CPU time (all its threads). */
async function batch(side: Side, pushes: readonly Push[], concurrency: number): Promise<{ wall: number; cpu: number }> {
  let i = 0
  const cpu = process.cpuUsage()
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < pushes.length) await side.send(pushes[i++]!)
    }),
  )
  const wall = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  return { wall: pushes.length / wall, cpu: pushes.length / ((used.user + used.system) / 1e6) }
}

export interface ServerPushRow {
  readonly side: string
  readonly concurrency: number
  /** Median pushes per second over the rounds. */
  readonly pushesPerSecond: number
  /** pushesPerSecond / the `wechat` package's, same concurrency, same run. */
  readonly ratioToWechat: number
  /** pushesPerSecond / the hand-written primitives loop's, same concurrency, same run. */
  readonly ratioToPrimitives: number
  /**
   * The same ratio to `wechat` in pushes per second of CPU time (process.cpuUsage, every thread):
   * steadier than wall time on a shared machine, where other guests' work stretches wall time only.
   */
  readonly cpuRatioToWechat?: number
}

export async function run(options: { quick?: boolean } = {}): Promise<ServerPushRow[]> {
  const all = sides()
  // Each side's reply must be a real encrypted reply: decrypt one before timing anything.
  for (const side of all) {
    const [push] = makePushes(1)
    const reply = await side.send(push!)
    const cipher = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(reply)?.[1]
    if (!cipher || !(await decryptMessage(cipher, APP)).includes('echo: hello 0'))
      throw new Error(`${side.name} did not answer an encrypted echo: ${reply.slice(0, 100)}`)
  }
  // Small batches over many rounds: on a shared machine, a burst of someone else's work then hits
  // every side about equally.
  const rounds = options.quick ? 6 : 40
  const size = options.quick ? 150 : 300
  const rows: ServerPushRow[] = []
  for (const concurrency of [1, 32]) {
    const rates = new Map<string, number[]>(all.map((s) => [s.name, []]))
    const cpuRates = new Map<string, number[]>(all.map((s) => [s.name, []]))
    const batches = Array.from({ length: (rounds + 1) * all.length }, () => makePushes(size))
    for (let round = 0; round <= rounds; round++) {
      // Sides take turns, the order rotated each round; round 0 warms up and is discarded.
      const order = all.map((_, k) => all[(k + round) % all.length]!)
      for (const side of order) {
        const rate = await batch(side, batches.pop()!, concurrency)
        if (round > 0) {
          rates.get(side.name)!.push(rate.wall)
          cpuRates.get(side.name)!.push(rate.cpu)
        }
      }
    }
    const cpuRows = ratioRows(cpuRates, concurrency, WECHAT, FLOOR)
    rows.push(...ratioRows(rates, concurrency, WECHAT, FLOOR).map((row, k) => ({ ...row, cpuRatioToWechat: cpuRows[k]!.ratioToWechat })))
  }
  return rows
}

/**
 * One row per side (in `rates`' order): its median rate over the rounds (the upper middle of an even
 * count), and its ratios to the `wechat` side and the primitives-only floor: the median over the
 * rounds of the ratio within each round (paired: the sides of one round ran back to back, so a burst
 * of someone else's work on a shared machine slows both sides of a pair more alike than two medians).
 */
export function ratioRows(rates: ReadonlyMap<string, number[]>, concurrency: number, wechat: string, floor: string): ServerPushRow[] {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const paired = (xs: number[], base: number[]) => median(xs.map((x, round) => x / base[round]!))
  const base = rates.get(wechat)!
  const bottom = rates.get(floor)!
  return [...rates].map(([side, xs]) => ({
    side,
    concurrency,
    pushesPerSecond: Math.round(median(xs)),
    ratioToWechat: Math.round(paired(xs, base) * 100) / 100,
    ratioToPrimitives: Math.round(paired(xs, bottom) * 100) / 100,
  }))
}

export function toMarkdown(rows: readonly ServerPushRow[]): string {
  const lines = [
    `Safe-mode XML text pushes, each verified, decrypted, parsed, answered with a text reply and encrypted; in process (no sockets), ${process.release.name} ${process.version}; sides alternated batch by batch, order rotated each round, first round discarded; pushes/s the median of the rounds, ratios the median of each round's ratio. "primitives only" is the floor: the crypto of one push and its reply written by hand on node:crypto, nothing else.`,
    '',
    '| receiver | concurrency | pushes/s | vs wechat | vs wechat, per CPU second | vs primitives only |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.side} | ${r.concurrency} | ${r.pushesPerSecond.toLocaleString('en')} | ${r.ratioToWechat.toFixed(2)}× | ${(r.cpuRatioToWechat ?? 0).toFixed(2)}× | ${r.ratioToPrimitives.toFixed(2)}× |`,
    ),
  ]
  return lines.join('\n')
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const rows = await run({ quick: process.argv.includes('--quick') })
  console.log(toMarkdown(rows))
}
