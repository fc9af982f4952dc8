// The emulator's push crypto against WeChat's own worked examples (Token "AAAAA", EncodingAESKey
// 43 × "A", AppID wxba5fad812f8e6fb9), kept here as data, checked without any receiver in between.
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html (消息加解密说明, 接入指引)
import { describe, expect, it } from 'vitest'
import { aesKey, decrypt, encrypt, sha1Signature } from './crypto'
import { WECHAT_DOC_CRYPTO as DOC } from '../../../../test-support/vectors'

const key = aesKey(DOC.encodingAESKey)!

describe('push crypto on WeChat worked examples', () => {
  it('signs the documented safe-mode push: signature and msg_signature', () => {
    const p = DOC.safePush
    expect(sha1Signature(DOC.token, p.timestamp, p.nonce)).toBe(p.signature)
    expect(sha1Signature(DOC.token, p.timestamp, p.nonce, p.encrypt)).toBe(p.msgSignature)
  })

  it('encrypts with the documented random bytes to the documented ciphertext', () => {
    const r = DOC.reply
    expect(encrypt(key, r.plaintext, DOC.appId, Buffer.from(r.random16))).toBe(r.encrypt)
  })

  it('decrypts the documented push and the documented encrypted reply', () => {
    expect(decrypt(key, DOC.safePush.encrypt)).toEqual({ message: DOC.safePush.plaintext, appId: DOC.appId })
    expect(decrypt(key, DOC.reply.encrypt)).toEqual({ message: DOC.reply.plaintext, appId: DOC.appId })
  })

  it('refuses an EncodingAESKey that is not 43 characters of base64', () => {
    expect(aesKey('A'.repeat(42))).toBeUndefined()
    expect(aesKey(`${'A'.repeat(42)}!`)).toBeUndefined()
  })
})
