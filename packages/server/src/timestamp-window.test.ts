// The timestamp window: a push exactly at the limit is accepted, one millisecond past it is not,
// and `maxTimestampSkewSeconds: 0` turns the check off. On the server's injected clock.
import { expect, it, vi } from 'vitest'
import { computeSignature, createMessageServer, type MessageServerOptions, type RejectedPush } from './index'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123' }
const TIMESTAMP = '1714036504'
const XML_TEXT = `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1714036504</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>1234567890123456</MsgId></xml>`

async function push(options: Partial<MessageServerOptions>) {
  const handle = vi.fn(() => undefined)
  const rejected: RejectedPush[] = []
  const server = createMessageServer({ ...APP, ...options, handle, onRejected: (r) => rejected.push(r) } as MessageServerOptions)
  const nonce = '1514711492'
  const query = new URLSearchParams({ signature: await computeSignature(APP.token, TIMESTAMP, nonce), timestamp: TIMESTAMP, nonce })
  const res = await server.fetch(new Request(`https://example.com/wechat?${query}`, { method: 'POST', body: XML_TEXT }))
  return { status: res.status, handled: handle.mock.calls.length, rejected }
}
const at = (ms: number) => () => Number(TIMESTAMP) * 1000 + ms

it('accepts a push exactly maxTimestampSkewSeconds old, and refuses one a millisecond older', async () => {
  expect(await push({ now: at(300_000) })).toMatchObject({ status: 200, handled: 1 })
  expect(await push({ now: at(300_001) })).toMatchObject({
    status: 403,
    handled: 0,
    rejected: [{ status: 403, reason: 'timestamp is 300 s old (limit 300 s)' }],
  })
})

it('refuses a push from more than maxTimestampSkewSeconds in the future, saying so', async () => {
  expect(await push({ now: at(-300_001) })).toMatchObject({
    status: 403,
    handled: 0,
    rejected: [{ status: 403, reason: 'timestamp is 300 s in the future (limit 300 s)' }],
  })
})

it('accepts a day-old push when maxTimestampSkewSeconds is 0 (the check turned off)', async () => {
  expect(await push({ now: at(86_400_000), maxTimestampSkewSeconds: 0 })).toMatchObject({ status: 200, handled: 1 })
})
