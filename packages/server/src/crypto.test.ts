// WeChat's own worked examples, checked without the emulator in between.
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html (消息加解密说明, 接入指引)
// https://developers.weixin.qq.com/doc/oplatform/developers/dev/push/encryption.md (the same examples)
import { describe, expect, it, vi } from 'vitest'
import { computeSignature, decryptMessage, encryptMessage } from './index'
import { DOC } from './testing/doc-examples'
import { webCrypto } from './internal/crypto'
import { fastestCrypto } from './internal/native-crypto'

describe('WeChat signatures', () => {
  it('matches the URL-verification signature of the documented example', async () => {
    expect(await computeSignature(DOC.token, DOC.verify.timestamp, DOC.verify.nonce)).toBe(DOC.verify.signature)
  })

  it('matches the plaintext push signature of the documented example', async () => {
    expect(await computeSignature(DOC.token, DOC.plainPush.timestamp, DOC.plainPush.nonce)).toBe(DOC.plainPush.signature)
  })

  it('matches the msg_signature of the documented safe-mode push', async () => {
    expect(await computeSignature(DOC.token, DOC.safePush.timestamp, DOC.safePush.nonce, DOC.safePush.encrypt)).toBe(
      DOC.safePush.msgSignature,
    )
  })
})

describe('WeChat message crypto', () => {
  it('decrypts the documented safe-mode push to its documented plaintext', async () => {
    const plain = await decryptMessage(DOC.safePush.encrypt, { encodingAESKey: DOC.encodingAESKey, appId: DOC.appId })
    expect(plain).toBe(DOC.safePush.plaintext)
  })

  it('encrypts the documented reply to the documented ciphertext and signature', async () => {
    const encrypted = await encryptMessage(DOC.reply.plaintext, {
      encodingAESKey: DOC.encodingAESKey,
      appId: DOC.appId,
      random: new TextEncoder().encode(DOC.reply.random16),
    })
    expect(encrypted).toBe(DOC.reply.encrypt)
    expect(await computeSignature(DOC.token, DOC.reply.timestamp, DOC.reply.nonce, encrypted)).toBe(DOC.reply.msgSignature)
  })

  it('refuses the documented ciphertext for another AppID', async () => {
    await expect(decryptMessage(DOC.safePush.encrypt, { encodingAESKey: DOC.encodingAESKey, appId: 'wx0000000000000000' })).rejects.toThrow(
      /wrong-appid/,
    )
  })

  it('round-trips non-ASCII text whose length is a multiple of 32 bytes', async () => {
    const options = { encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx1234567890abcdef' }
    for (const message of ['', '你好', 'x'.repeat(12), 'y'.repeat(44), '<xml><Content><![CDATA[中文]]></Content></xml>']) {
      expect(await decryptMessage(await encryptMessage(message, options), options)).toBe(message)
    }
  })
})

describe('the two crypto providers', () => {
  it('agree: node:crypto (the /node adapter) and Web Crypto make the same ciphertext and read each other', async () => {
    const { webCrypto } = await import('./internal/crypto')
    const { nodeCrypto } = await import('./internal/node-crypto')
    const { importAesKey, encrypt, decrypt, sortedSha1 } = await import('./internal/crypto')
    const [web, node] = await Promise.all([importAesKey(DOC.encodingAESKey, webCrypto), importAesKey(DOC.encodingAESKey, nodeCrypto)])
    const random = new TextEncoder().encode(DOC.reply.random16)
    expect(await encrypt(node, DOC.reply.plaintext, DOC.appId, random)).toBe(DOC.reply.encrypt)
    expect(await encrypt(web, DOC.reply.plaintext, DOC.appId, random)).toBe(DOC.reply.encrypt)
    expect(await decrypt(node, DOC.safePush.encrypt, DOC.appId)).toMatchObject({ ok: true, message: DOC.safePush.plaintext })
    expect(await sortedSha1([DOC.token, DOC.verify.timestamp, DOC.verify.nonce], nodeCrypto)).toBe(DOC.verify.signature)
  })
})

describe('the default crypto provider', () => {
  it('is node:crypto only where the runtime hands it out and it works', async () => {
    const { probe, nativeCryptoFrom } = await import('./internal/native-crypto')
    const real = await import('node:crypto')
    const runtime = (mod: unknown) => ({ getBuiltinModule: (id: string) => (id === 'node:crypto' ? mod : undefined) })
    expect(probe({})).toBeUndefined()
    expect(probe(runtime(undefined))).toBeUndefined()
    // A compatibility layer that lists the module but not the cipher, or whose hash is a stub.
    const notImplemented = () => {
      throw new Error('not implemented')
    }
    expect(probe(runtime({ ...real, createCipheriv: notImplemented }))).toBeUndefined()
    expect(probe(runtime({ ...real, hash: () => '0'.repeat(40) }))).toBeUndefined()
    const found = probe(runtime(real))
    expect(found?.sha1Hex('abc')).toBe(nativeCryptoFrom(real).sha1Hex('abc'))
    expect(found?.sha1Hex('abc')).toBe(await webCrypto.sha1Hex('abc'))
  })

  it("hashes with node:crypto's one-shot hash() where it exists (Node 20.12+), else a Hash object", async () => {
    const { nativeCryptoFrom } = await import('./internal/native-crypto')
    const real = await import('node:crypto')
    const expected = await webCrypto.sha1Hex('abc')
    const hash = vi.fn(real.hash)
    expect(nativeCryptoFrom({ ...real, hash: hash as never }).sha1Hex('abc')).toBe(expected)
    expect(hash).toHaveBeenCalledTimes(1)
    expect(nativeCryptoFrom({ ...real, hash: undefined as never }).sha1Hex('abc')).toBe(expected)
  })

  it("is node:crypto's synchronous one on Node (process.getBuiltinModule), giving Web Crypto's results", async () => {
    const provider = fastestCrypto()
    expect(typeof provider.sha1Hex('abc')).toBe('string')
    expect(provider.sha1Hex('abc')).toBe(await webCrypto.sha1Hex('abc'))
    const raw = new Uint8Array(32).map((_, i) => i)
    const block = new Uint8Array(64).map((_, i) => 255 - i)
    const [ours, web] = [await provider.importKey(raw), await webCrypto.importKey(raw)]
    expect(await ours.encrypt(block)).toEqual(await web.encrypt(block))
    expect(await ours.decrypt(block)).toEqual(await web.decrypt(block))
  })
})

// /node's nodeCrypto and the main entry's default on Node are the same chained provider, built by
// nativeCryptoFrom from the node:crypto each has: both are checked.
describe.each([
  ["/node's nodeCrypto", async () => (await import('./node')).nodeCrypto],
  ['the default provider on Node (fastestCrypto)', async () => fastestCrypto()],
])('%s: one cipher each way per key', (_, providerOf) => {
  // Every call's result must be what a fresh cipher from the IV gives, however many came before it,
  // whatever their length, in whichever order the two directions run.
  it("gives Web Crypto's result on every call, in any order and length", async () => {
    const nodeCrypto = await providerOf()
    const raw = new Uint8Array(32).map((_, i) => i * 7)
    const [ours, web] = [await nodeCrypto.importKey(raw), await webCrypto.importKey(raw)]
    for (let n = 1; n <= 12; n++) {
      const data = new Uint8Array(16 * n).map((_, i) => (i * 31 + n) & 255)
      const copy = data.slice()
      const encrypted = await ours.encrypt(data)
      expect(encrypted).toEqual(await web.encrypt(data))
      expect(encrypted).toBeInstanceOf(Uint8Array)
      expect(Object.getPrototypeOf(encrypted)).toBe(Uint8Array.prototype)
      expect(data).toEqual(copy) // the caller's bytes are not touched
      if (n % 3) expect(await ours.decrypt(data)).toEqual(await web.decrypt(data))
      const decrypted = await ours.decrypt(encrypted)
      expect(decrypted).toEqual(data)
      expect(Object.getPrototypeOf(decrypted)).toBe(Uint8Array.prototype)
    }
  })

  it('refuses anything but whole blocks before the cipher sees it, and stays in step after', async () => {
    const nodeCrypto = await providerOf()
    const raw = new Uint8Array(32).fill(9)
    const [ours, web] = [await nodeCrypto.importKey(raw), await webCrypto.importKey(raw)]
    const block = new Uint8Array(32).fill(1)
    for (const bad of [new Uint8Array(0), new Uint8Array(15), new Uint8Array(33)]) {
      expect(() => ours.encrypt(bad)).toThrow(new RangeError('whole 16-byte blocks only'))
      expect(() => ours.decrypt(bad)).toThrow(new RangeError('whole 16-byte blocks only'))
    }
    expect(await ours.encrypt(block)).toEqual(await web.encrypt(block))
    expect(await ours.decrypt(block)).toEqual(await web.decrypt(block))
  })
})
