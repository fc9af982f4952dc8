// WeChat's push signing and message encryption (消息加解密说明), the sending side:
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
// AESKey = Base64_Decode(EncodingAESKey + "="), AES-256-CBC with IV = AESKey[0..16], PKCS#7 padding
// to a multiple of 32 bytes, plaintext = 16 random bytes + 4-byte big-endian msg length + msg + AppID.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

const BLOCK = 32

/** The 32-byte AES key of a 43-character EncodingAESKey; undefined when it is not one. */
export function aesKey(encodingAESKey: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAESKey)) return undefined
  const key = Buffer.from(`${encodingAESKey}=`, 'base64')
  return key.length === 32 ? key : undefined
}

/** signature: hex SHA-1 of the strings sorted and joined (token, timestamp, nonce [, Encrypt]). */
export function sha1Signature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex')
}

/** The base64 `Encrypt` text of `message` for `appId`; `random` (16 bytes) only for tests of fixed vectors. */
export function encrypt(key: Buffer, message: string, appId: string, random: Buffer = randomBytes(16)): string {
  const msg = Buffer.from(message, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(msg.length, 0)
  const plain = Buffer.concat([random, length, msg, Buffer.from(appId, 'utf8')])
  const pad = BLOCK - (plain.length % BLOCK)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64')
}

/** The message and AppID inside an `Encrypt` text; throws a plain Error saying what is wrong. */
export function decrypt(key: Buffer, encrypted: string): { message: string; appId: string } {
  const data = Buffer.from(encrypted, 'base64')
  if (data.length === 0 || data.length % 16 !== 0) throw new Error('Encrypt is not AES-CBC ciphertext')
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  const plain = Buffer.concat([decipher.update(data), decipher.final()])
  const pad = plain[plain.length - 1] ?? 0
  if (pad < 1 || pad > BLOCK) throw new Error('Encrypt has bad PKCS#7 padding')
  const body = plain.subarray(0, plain.length - pad)
  if (body.length < 20) throw new Error('Encrypt is too short')
  const length = body.readUInt32BE(16)
  if (20 + length > body.length) throw new Error('Encrypt has a bad message length')
  return { message: body.subarray(20, 20 + length).toString('utf8'), appId: body.subarray(20 + length).toString('utf8') }
}
