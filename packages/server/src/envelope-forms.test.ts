// What onRejected says when an encrypted push cannot be decrypted (the hint names what to check,
// and no hint is invented where there is none), and the Encrypt forms WeChat's pages show besides
// CDATA: plain text in XML, and JSON (whose encoders may write `/` as `\/`).
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
import { expect, it, vi } from 'vitest'
import { computeSignature, createMessageServer, encryptMessage, type RejectedPush } from './index'
import { toXml } from './testing/push'

const APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
const now = () => Math.floor(Date.now() / 1000)
const fields = () => ({
  ToUserName: 'gh_7f083739789a',
  FromUserName: 'oForms',
  CreateTime: now(),
  MsgType: 'text',
  Content: 'hi',
  MsgId: String(Math.floor(Math.random() * 1e15)),
})

/** Posts `body`, signed over `encrypt`, to a safe-mode server for APP. */
async function post(body: string, encrypt: string) {
  const handle = vi.fn(() => undefined)
  const rejected: RejectedPush[] = []
  const server = createMessageServer({ ...APP, mode: 'safe', handle, onRejected: (r) => rejected.push(r) })
  const timestamp = String(now())
  const query = new URLSearchParams({
    signature: await computeSignature(APP.token, timestamp, '7'),
    timestamp,
    nonce: '7',
    encrypt_type: 'aes',
    msg_signature: await computeSignature(APP.token, timestamp, '7', encrypt),
  })
  const res = await server.fetch(new Request(`http://localhost/wx?${query}`, { method: 'POST', body }))
  return { status: res.status, handle, rejected }
}
const envelope = (encrypt: string) =>
  `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`

it('says a push sealed for another AppID is for another account, naming appId', async () => {
  const sealed = await encryptMessage(toXml(fields()), { ...APP, appId: 'wxffffffffffffffff' })
  const r = await post(envelope(sealed), sealed)
  expect(r.status).toBe(400)
  expect(r.handle).not.toHaveBeenCalled()
  expect(r.rejected).toEqual([{ status: 400, reason: 'Encrypt refused: wrong-appid (the push is for another account: check appId)' }])
})

it('adds no hint where it has none (a ciphertext that is not whole AES blocks)', async () => {
  const notBlocks = 'QUJDRA==' // "ABCD": 4 bytes
  const r = await post(envelope(notBlocks), notBlocks)
  expect(r.rejected).toEqual([{ status: 400, reason: 'Encrypt refused: bad-length' }])
})

it('reads an Encrypt written as plain text, not CDATA', async () => {
  const sealed = await encryptMessage(toXml(fields()), APP)
  const r = await post(`<xml><ToUserName>gh_7f083739789a</ToUserName><Encrypt>${sealed}</Encrypt></xml>`, sealed)
  expect(r.rejected).toEqual([])
  expect(r.status).toBe(200)
  expect(r.handle).toHaveBeenCalledOnce()
})

it('reads a JSON envelope whose encoder wrote / as \\/, signed over the unescaped value', async () => {
  let sealed = ''
  // A ciphertext with a `/` in it (almost every one of this length has several).
  while (!sealed.includes('/')) sealed = await encryptMessage(JSON.stringify(fields()), APP)
  const body = `{"ToUserName":"gh_7f083739789a","Encrypt":"${sealed.replaceAll('/', '\\/')}"}`
  const r = await post(body, sealed)
  expect(r.rejected).toEqual([])
  expect(r.status).toBe(200)
  expect(r.handle).toHaveBeenCalledOnce()
})
