// A request with no signature at all is refused like a forged one: every other signature test
// sends some signature, wrong or forged, never none. Requests are built as WeChat builds them
// (https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html), then the
// signature is left out, and handed to the server's public `fetch`.
import { describe, expect, it, vi } from 'vitest'
import { computeSignature, createMessageServer, encryptMessage, type MessageServerOptions, type RejectedPush } from './index'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
const URL_BASE = 'https://example.com/wechat'
const xmlText = (content: string) =>
  `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>1234567890123456</MsgId></xml>`

/** `encodingAESKey: undefined` drops the key (plaintext mode). */
function serve(options: { readonly [K in keyof MessageServerOptions]?: MessageServerOptions[K] | undefined }) {
  const handle = vi.fn(() => ({ type: 'text' as const, content: 'handled' }))
  const rejected: RejectedPush[] = []
  const server = createMessageServer({
    ...APP,
    ...options,
    handle,
    onRejected: (r: RejectedPush) => rejected.push(r),
  } as unknown as MessageServerOptions)
  return { server, handle, rejected }
}

const fresh = () => ({ timestamp: String(Math.floor(Date.now() / 1000)), nonce: String(Math.floor(Math.random() * 1e9)) })

describe.each([
  ['plaintext', { mode: 'plaintext' as const, encodingAESKey: undefined }],
  ['compatible', { mode: 'compatible' as const }],
])('%s mode', (_mode, options) => {
  it('refuses a plaintext push with no signature, without calling handle', async () => {
    const { server, handle, rejected } = serve(options)
    const { timestamp, nonce } = fresh()
    const res = await server.fetch(
      new Request(`${URL_BASE}?${new URLSearchParams({ timestamp, nonce })}`, { method: 'POST', body: xmlText('unsigned') }),
    )
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('handled')
    expect(handle).not.toHaveBeenCalled()
    expect(rejected).toEqual([{ status: 403, reason: 'signature does not match' }])
  })

  it('refuses a URL verification with no signature, without echoing echostr', async () => {
    const { server, rejected } = serve(options)
    const { timestamp, nonce } = fresh()
    const echostr = 'echo-1234567890'
    const res = await server.fetch(new Request(`${URL_BASE}?${new URLSearchParams({ echostr, timestamp, nonce })}`))
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain(echostr)
    expect(rejected).toEqual([{ status: 403, reason: 'signature does not match' }])
  })
})

it('refuses a safe-mode push with a valid signature but no msg_signature, without calling handle', async () => {
  const { server, handle, rejected } = serve({ mode: 'safe' })
  const { timestamp, nonce } = fresh()
  const signature = await computeSignature(APP.token, timestamp, nonce)
  const encrypt = await encryptMessage(xmlText('no msg_signature'), { encodingAESKey: APP.encodingAESKey, appId: APP.appId })
  const body = `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
  const query = new URLSearchParams({ signature, timestamp, nonce, encrypt_type: 'aes' })
  const res = await server.fetch(new Request(`${URL_BASE}?${query}`, { method: 'POST', body }))
  expect(res.status).toBe(403)
  expect(handle).not.toHaveBeenCalled()
  expect(rejected).toEqual([{ status: 403, reason: 'msg_signature does not match' }])
})

it('answers the same safe-mode push once its msg_signature is there', async () => {
  // The control for the test above: the push it sends is refused only for the missing msg_signature.
  const { server, handle } = serve({ mode: 'safe' })
  const { timestamp, nonce } = fresh()
  const signature = await computeSignature(APP.token, timestamp, nonce)
  const encrypt = await encryptMessage(xmlText('with msg_signature'), { encodingAESKey: APP.encodingAESKey, appId: APP.appId })
  const body = `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
  const msgSignature = await computeSignature(APP.token, timestamp, nonce, encrypt)
  const query = new URLSearchParams({ signature, timestamp, nonce, encrypt_type: 'aes', msg_signature: msgSignature })
  const res = await server.fetch(new Request(`${URL_BASE}?${query}`, { method: 'POST', body }))
  expect(res.status).toBe(200)
  expect(handle).toHaveBeenCalledTimes(1)
})
