// Issue 28 (a newcomer's first hour): what goes wrong first, said so the user can fix it.
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html (Token, EncodingAESKey)
import { describe, expect, it, vi } from 'vitest'
import { computeSignature, createMessageServer } from './index'
import { listen } from './testing/listen'
import { sendPush } from './testing/push'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123' }
const handle = () => undefined

async function signedRequest(body: string): Promise<Request> {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const query = new URLSearchParams({ timestamp, nonce: '3', signature: await computeSignature(APP.token, timestamp, '3') })
  return new Request(`http://localhost/wechat?${query}`, { method: 'POST', body })
}

describe('a body already read by middleware', () => {
  it('answers 500 without a stack and tells onRejected what happened and what to do', async () => {
    const onRejected = vi.fn()
    const server = createMessageServer({ ...APP, handle, onRejected })
    const request = await signedRequest('<xml><MsgType>text</MsgType></xml>')
    await request.text() // what a body-reading middleware (c.req.text(), a body parser) did first
    const res = await server.fetch(request)
    expect(res.status).toBe(500)
    expect(await res.text()).toBe('')
    expect(onRejected).toHaveBeenCalledWith({ status: 500, reason: expect.stringMatching(/already read .*pass the untouched request/) })
  })

  it('says the same for a body stream another reader holds locked', async () => {
    const onRejected = vi.fn()
    const request = await signedRequest('<xml/>')
    request.body?.getReader()
    expect((await createMessageServer({ ...APP, handle, onRejected }).fetch(request)).status).toBe(500)
    expect(onRejected).toHaveBeenCalledWith(expect.objectContaining({ reason: expect.stringContaining('already read') }))
  })
})

describe('option errors name the problem without echoing the secret', () => {
  it("names the dash in a token like 'my-token'", () => {
    expect(() => createMessageServer({ ...APP, token: 'my-token', handle })).toThrow(
      'token must be 3-32 letters or digits (WeChat\'s rule), got "-" at index 2 (8 characters)',
    )
  })

  it("tells a 44-character EncodingAESKey to drop its trailing '='", () => {
    expect(() => createMessageServer({ ...APP, encodingAESKey: `${'A'.repeat(43)}=`, handle })).toThrow("drop the trailing '='")
  })

  it("asks whether the key matches the console's when a push does not decrypt (bad padding)", async () => {
    const onRejected = vi.fn()
    const url = await listen(
      createMessageServer({ ...APP, encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', handle, onRejected }),
    )
    const fields = {
      ToUserName: 'gh',
      FromUserName: 'o1',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'text',
      Content: 'hi',
      MsgId: '1',
    }
    // WeChat encrypted with the key the console shows; the server was given another one.
    const res = await sendPush({
      url,
      token: APP.token,
      fields,
      mode: 'safe',
      appId: APP.appId,
      encodingAESKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
    })
    expect(res.status).toBe(400)
    expect(onRejected.mock.calls[0]?.[0].reason).toMatch(
      /^Encrypt refused: bad-(padding|plaintext) \(does encodingAESKey match the console's EncodingAESKey\?\)$/,
    )
  })
})
