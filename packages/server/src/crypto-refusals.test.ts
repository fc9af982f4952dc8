// The public crypto helpers refuse what they cannot work with, and say why: a ciphertext that is
// not base64, not whole blocks, badly padded or too short inside, and arguments of the wrong kind.
// Broken ciphertexts are made with node:crypto the way WeChat's scheme describes
// (https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html): AES-256-CBC,
// key = base64(EncodingAESKey + '='), IV = the key's first 16 bytes, no padding of the cipher's own.
import { createCipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { computeSignature, decryptMessage, encryptMessage } from './index'

const OPTIONS = { appId: 'wx1234567890abcdef', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }

/** `plain` (whole 16-byte blocks) encrypted under OPTIONS' key, base64: any padding is the caller's. */
function rawCiphertext(plain: Uint8Array): string {
  const key = Buffer.from(`${OPTIONS.encodingAESKey}=`, 'base64')
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}
const padded = (body: Uint8Array) => {
  const pad = 32 - (body.length % 32)
  return Buffer.concat([body, Buffer.alloc(pad, pad)])
}
const lengthOf = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}

describe('decryptMessage refuses, naming why', () => {
  it('a ciphertext that is not base64', async () => {
    await expect(decryptMessage('not*base64!', OPTIONS)).rejects.toThrow('decryptMessage: bad-base64')
  })

  it('a ciphertext that is not whole 16-byte blocks', async () => {
    await expect(decryptMessage(Buffer.alloc(15).toString('base64'), OPTIONS)).rejects.toThrow('decryptMessage: bad-length')
  })

  it('an empty ciphertext', async () => {
    await expect(decryptMessage('', OPTIONS)).rejects.toThrow('decryptMessage: bad-length')
  })

  it('a plaintext whose last byte is no padding length', async () => {
    await expect(decryptMessage(rawCiphertext(Buffer.alloc(32, 0)), OPTIONS)).rejects.toThrow('decryptMessage: bad-padding')
  })

  it('a plaintext whose padding bytes are not all the same', async () => {
    const plain = Buffer.alloc(32, 7)
    plain[31] = 5
    await expect(decryptMessage(rawCiphertext(plain), OPTIONS)).rejects.toThrow('decryptMessage: bad-padding')
  })

  it('a padding length above 32, the block WeChat pads to', async () => {
    await expect(decryptMessage(rawCiphertext(Buffer.alloc(48, 33)), OPTIONS)).rejects.toThrow('decryptMessage: bad-padding')
  })

  it('a plaintext too short to hold the random prefix and the length', async () => {
    await expect(decryptMessage(rawCiphertext(Buffer.concat([Buffer.alloc(16, 7), Buffer.alloc(16, 16)])), OPTIONS)).rejects.toThrow(
      'decryptMessage: bad-plaintext',
    )
  })

  it('a plaintext whose length field runs past its end', async () => {
    const body = Buffer.concat([Buffer.alloc(16, 7), lengthOf(1000), Buffer.from('short'), Buffer.from(OPTIONS.appId)])
    await expect(decryptMessage(rawCiphertext(padded(body)), OPTIONS)).rejects.toThrow('decryptMessage: bad-plaintext')
  })

  it('a plaintext that is all padding, as too short (not as bad padding)', async () => {
    await expect(decryptMessage(rawCiphertext(Buffer.alloc(32, 32)), OPTIONS)).rejects.toThrow('decryptMessage: bad-plaintext')
  })

  it('a plaintext with nothing after the length, for its AppID (not as too short)', async () => {
    const body = Buffer.concat([Buffer.alloc(16, 7), lengthOf(0)])
    await expect(decryptMessage(rawCiphertext(padded(body)), OPTIONS)).rejects.toThrow('decryptMessage: wrong-appid')
  })

  it('a message that is not UTF-8', async () => {
    const body = Buffer.concat([Buffer.alloc(16, 7), lengthOf(2), Buffer.from([0xff, 0xfe]), Buffer.from(OPTIONS.appId)])
    await expect(decryptMessage(rawCiphertext(padded(body)), OPTIONS)).rejects.toThrow('decryptMessage: bad-plaintext')
  })

  it('a ciphertext made for another AppID', async () => {
    const encrypted = await encryptMessage('<xml/>', { ...OPTIONS, appId: 'wx0000000000000000' })
    await expect(decryptMessage(encrypted, OPTIONS)).rejects.toThrow('decryptMessage: wrong-appid')
  })
})

it('reads a message whose padding is a single byte', async () => {
  // 16 + 4 + 5 + 18 = 43 bytes of body; with 20 bytes of '.' the body is 63 bytes, so 1 byte of padding.
  const message = `<xml>${'.'.repeat(20)}`
  const body = Buffer.concat([Buffer.alloc(16, 7), lengthOf(message.length), Buffer.from(message), Buffer.from(OPTIONS.appId)])
  expect(body.length % 32).toBe(31)
  expect(await decryptMessage(rawCiphertext(padded(body)), OPTIONS)).toBe(message)
})

it('reads a ciphertext built by hand the way the scheme describes', async () => {
  // The control for the refusals above: the same construction with a sound body decrypts.
  const body = Buffer.concat([Buffer.alloc(16, 7), lengthOf(6), Buffer.from('<xml/>'), Buffer.from(OPTIONS.appId)])
  expect(await decryptMessage(rawCiphertext(padded(body)), OPTIONS)).toBe('<xml/>')
})

describe('the helpers refuse arguments of the wrong kind, naming them', () => {
  it('computeSignature refuses a part that is not a string', () => {
    expect(() => computeSignature('token', 1714036504 as unknown as string)).toThrow(
      new TypeError('computeSignature: part 1 must be a string, got number'),
    )
  })

  it('encryptMessage refuses a message that is not a string', async () => {
    await expect(encryptMessage(42 as unknown as string, OPTIONS)).rejects.toThrow(new TypeError('message must be a string, got number'))
  })

  it('encryptMessage refuses a random prefix that is not 16 bytes', async () => {
    await expect(encryptMessage('<xml/>', { ...OPTIONS, random: new Uint8Array(8) })).rejects.toThrow(
      new RangeError('random must be 16 bytes, got 8'),
    )
  })

  it('decryptMessage refuses a ciphertext that is not a string', async () => {
    await expect(decryptMessage(null as unknown as string, OPTIONS)).rejects.toThrow(
      new TypeError('encrypted must be a string, got object'),
    )
  })

  it('refuses an EncodingAESKey that is not 43 characters of base64', async () => {
    await expect(encryptMessage('<xml/>', { ...OPTIONS, encodingAESKey: 'too-short' })).rejects.toThrow(
      new TypeError('encodingAESKey must be exactly 43 characters of base64'),
    )
    await expect(encryptMessage('<xml/>', { ...OPTIONS, encodingAESKey: '*'.repeat(43) })).rejects.toThrow(
      new TypeError('encodingAESKey must be exactly 43 characters of base64'),
    )
  })

  it('refuses a missing EncodingAESKey or options, naming the key', async () => {
    await expect(decryptMessage('AAAA', { ...OPTIONS, encodingAESKey: undefined as unknown as string })).rejects.toThrow(
      new TypeError('encodingAESKey must be exactly 43 characters of base64'),
    )
    await expect(decryptMessage('AAAA', undefined as never)).rejects.toThrow(
      new TypeError('encodingAESKey must be exactly 43 characters of base64'),
    )
  })

  it('refuses an AppID that is not a string', async () => {
    await expect(encryptMessage('<xml/>', { ...OPTIONS, appId: 42 as unknown as string })).rejects.toThrow(
      new TypeError('appId must be a non-empty string'),
    )
  })

  it('refuses an empty AppID', async () => {
    await expect(encryptMessage('<xml/>', { ...OPTIONS, appId: '' })).rejects.toThrow(new TypeError('appId must be a non-empty string'))
  })
})
