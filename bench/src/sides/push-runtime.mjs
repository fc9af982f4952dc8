// One runtime's receiving speed (run by push-runtimes.ts under Node, Bun and Deno): the BUILT
// @wxmp/server's fetch(Request) with default options on safe-mode text pushes, then the same
// pushes through a hand-written node:crypto loop (the floor). Prints one JSON line.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto'
import { computeSignature, createMessageServer, encryptMessage } from '../../../packages/server/dist/index.js'

const APP = { appId: 'wx1234567890abcdef', token: 'benchToken1', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
const count = Number(process.argv[2] ?? 2000)
const round = Number(process.argv[3] ?? 0)
const timestamp = String(Math.floor(Date.now() / 1000))
async function makePushes(offset) {
  const pushes = []
  for (let i = offset; i < offset + count; i++) {
    const nonce = String(100000 + i)
    const inner = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBench${i % 100}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello ${i}]]></Content><MsgId>${7100000000000000000n + BigInt(round * 1000000 + i)}</MsgId></xml>`
    const encrypt = await encryptMessage(inner, APP)
    const query = new URLSearchParams({
      signature: await computeSignature(APP.token, timestamp, nonce),
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: await computeSignature(APP.token, timestamp, nonce, encrypt),
    })
    pushes.push({
      query: query.toString(),
      body: `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
      encrypt,
      timestamp,
      nonce,
    })
  }
  return pushes
}
// Fresh MsgIds for every timed pass: a repeated one would be a dedup hit.
const sets = [await makePushes(0), await makePushes(count), await makePushes(2 * count)]
const server = createMessageServer({
  ...APP,
  handle: (push) => (push.msgType === 'text' ? { type: 'text', content: `echo: ${push.content}` } : undefined),
})
const sha1 = (...parts) => createHash('sha1').update(parts.sort().join('')).digest('hex')
const key = Buffer.from(APP.encodingAESKey + '=', 'base64')
const cbc = (cipher, data) => (cipher.setAutoPadding(false), Buffer.concat([cipher.update(data), cipher.final()]))
const floor = (p) => {
  sha1(APP.token, p.timestamp, p.nonce)
  sha1(APP.token, p.timestamp, p.nonce, p.encrypt)
  const plain = cbc(createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)), Buffer.from(p.encrypt, 'base64'))
  const out = cbc(createCipheriv('aes-256-cbc', key, key.subarray(0, 16)), plain).toString('base64')
  return sha1(APP.token, p.timestamp, p.nonce, out)
}
const rate = async (fn, concurrency, pushes) => {
  let i = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < pushes.length) await fn(pushes[i++])
    }),
  )
  return Math.round(count / ((performance.now() - started) / 1000))
}
const viaFetch = async (p) => {
  const res = await server.fetch(new Request(`https://bench/wechat?${p.query}`, { method: 'POST', body: p.body }))
  const text = await res.text()
  if (!text.includes('<Encrypt>')) throw new Error(`no encrypted reply: ${text.slice(0, 80)}`)
}
await rate(viaFetch, 8, sets[0]) // warm-up
const out = {
  runtime:
    typeof Bun !== 'undefined'
      ? `Bun ${Bun.version}`
      : typeof Deno !== 'undefined'
        ? `Deno ${Deno.version.deno}`
        : `Node ${process.versions.node}`,
}
out.fetch1 = await rate(viaFetch, 1, sets[1])
out.fetch32 = await rate(viaFetch, 32, sets[2])
out.floor1 = await rate(floor, 1, sets[1])
out.floor32 = await rate(floor, 32, sets[2])
// Which crypto createMessageServer picked: node:crypto's SHA-1 answers synchronously.
out.crypto =
  typeof (await import('../../../packages/server/dist/internal/native-crypto.js')).fastestCrypto().sha1Hex('') === 'string'
    ? 'node:crypto'
    : 'Web Crypto'
console.log(JSON.stringify(out))
