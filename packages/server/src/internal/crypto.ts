// WeChat's message crypto on Web Crypto (crypto.subtle), so it runs on every runtime.
// Scheme (消息加解密说明): AESKey = base64(EncodingAESKey + '='), AES-256-CBC, IV = the key's first
// 16 bytes, PKCS#7 padding to a multiple of 32 bytes, plaintext = 16 random bytes + 4-byte
// big-endian length + message + AppID; signatures are hex SHA-1 of the sorted, joined strings.
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
import { concatBytes } from '@wxmp/core'
import { fromBase64, fromUtf8, randomBytes, toBase64, toHex, utf8 } from './bytes'

// Web Crypto: Node 20+, Bun, Deno, Workers and browsers all have it.
const subtle = (): SubtleCrypto => crypto.subtle

const BLOCK = 16
const PAD_BLOCK = new Uint8Array(BLOCK).fill(BLOCK)

/**
 * The primitives, swappable: by default node:crypto's synchronous ones where the runtime hands them
 * out (Node 20.16+, Bun, Deno: no thread-pool round trip per operation), Web Crypto elsewhere;
 * `nodeCrypto` from `@wxmp/server/node` chooses node:crypto explicitly. Ciphers work on whole blocks, no padding.
 */
export interface CryptoProvider {
  sha1Hex(text: string): string | Promise<string>
  importKey(raw: Uint8Array): Promise<BlockCipher>
}

/** AES-256-CBC over whole 16-byte blocks, IV = the key's first 16 bytes, no padding either way. */
export interface BlockCipher {
  decrypt(data: Uint8Array): Uint8Array | Promise<Uint8Array>
  encrypt(data: Uint8Array): Uint8Array | Promise<Uint8Array>
}

export const webCrypto: CryptoProvider = {
  async sha1Hex(text) {
    return toHex(new Uint8Array(await subtle().digest('SHA-1', utf8(text) as BufferSource)))
  },
  async importKey(raw) {
    const key = await subtle().importKey('raw', raw as BufferSource, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt'])
    const iv = raw.slice(0, 16)
    // Web Crypto's AES-CBC insists on 16-byte PKCS#7 padding; WeChat pads to 32. So every
    // ciphertext gets two blocks appended, X1 || E(PAD xor X1), made once here: the last one
    // decrypts to a full 16-byte padding block, which Web Crypto strips, leaving the raw blocks
    // plus one block of garbage (from X1), dropped. One Web Crypto call per decryption.
    const x1 = new Uint8Array(BLOCK)
    const x2 = new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv: x1 as BufferSource }, key, PAD_BLOCK as BufferSource)).subarray(
      0,
      BLOCK,
    )
    const tail = concatBytes([x1, x2])
    return {
      async decrypt(data) {
        const out = new Uint8Array(
          await subtle().decrypt({ name: 'AES-CBC', iv: iv as BufferSource }, key, concatBytes([data, tail]) as BufferSource),
        )
        return out.subarray(0, out.length - BLOCK)
      },
      async encrypt(data) {
        // Whole blocks in, so Web Crypto appends one block of its own padding: dropped.
        const out = new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv: iv as BufferSource }, key, data as BufferSource))
        return out.subarray(0, data.length)
      },
    }
  },
}

/**
 * Hex SHA-1 of the strings sorted lexicographically and joined: WeChat's signature and msg_signature.
 * Synchronous when the provider is (node:crypto): no promise and no microtask hop a push. Sorts
 * `parts` in place, by insertion (3 or 4 strings): Array.prototype.sort allocates a work array a call.
 */
export function sortedSha1(parts: string[], provider: CryptoProvider = webCrypto): string | Promise<string> {
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string
    let j = i
    for (; j > 0 && (parts[j - 1] as string) > part; j--) parts[j] = parts[j - 1] as string
    parts[j] = part
  }
  return provider.sha1Hex(parts.join(''))
}

/** `f` of a provider's result: at once when it is a string, after it settles when it is a promise. */
export const whenHex = <T>(hex: string | Promise<string>, f: (hex: string) => T): T | Promise<T> =>
  typeof hex === 'string' ? f(hex) : hex.then(f)

/** Compares two strings in time that depends on their length only, not on where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** A ready AES key. */
export type AesKey = BlockCipher

/** The 32-byte AES key from a 43-character EncodingAESKey, or undefined when it does not decode. */
export function decodeEncodingAESKey(encodingAESKey: string): Uint8Array | undefined {
  const raw = fromBase64(encodingAESKey + '=')
  return raw && raw.length === 32 ? raw : undefined
}

export function importAesKey(encodingAESKey: string, provider: CryptoProvider = webCrypto): Promise<AesKey> {
  const raw = decodeEncodingAESKey(encodingAESKey)
  if (!raw) throw new TypeError('encodingAESKey must be 43 characters of base64')
  return provider.importKey(raw)
}

/** Why a ciphertext was refused; the message never carries key material or plaintext. */
export type DecryptFailure = 'bad-base64' | 'bad-length' | 'bad-padding' | 'bad-plaintext' | 'wrong-appid'

export type DecryptResult = { ok: true; message: string; appId: string } | { ok: false; reason: DecryptFailure }

export async function decrypt(aes: AesKey, encrypted: string, expectedAppId: string): Promise<DecryptResult> {
  const cipher = fromBase64(encrypted)
  if (!cipher) return { ok: false, reason: 'bad-base64' }
  if (cipher.length === 0 || cipher.length % BLOCK !== 0) return { ok: false, reason: 'bad-length' }
  const plain = await aes.decrypt(cipher)
  const pad = plain[plain.length - 1] as number
  if (pad < 1 || pad > 32 || pad > plain.length) return { ok: false, reason: 'bad-padding' }
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return { ok: false, reason: 'bad-padding' }
  const body = plain.subarray(0, plain.length - pad)
  if (body.length < 20) return { ok: false, reason: 'bad-plaintext' }
  const length = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(16)
  if (20 + length > body.length) return { ok: false, reason: 'bad-plaintext' }
  let message: string
  let appId: string
  try {
    message = fromUtf8(body.subarray(20, 20 + length))
    appId = fromUtf8(body.subarray(20 + length))
  } catch {
    return { ok: false, reason: 'bad-plaintext' }
  }
  if (appId !== expectedAppId) return { ok: false, reason: 'wrong-appid' }
  return { ok: true, message, appId }
}

/** Encrypts `message` for `appId`; `random` (16 bytes) only for reproducing WeChat's worked example. */
export async function encrypt(aes: AesKey, message: string, appId: string, random?: Uint8Array): Promise<string> {
  const msg = utf8(message)
  const id = utf8(appId)
  const size = 20 + msg.length + id.length
  const pad = 32 - (size % 32)
  // Written in place: random, length, message, AppID, padding (one buffer, no concatenation).
  const padded = new Uint8Array(size + pad).fill(pad, size)
  padded.set(random ?? randomBytes(16))
  new DataView(padded.buffer).setUint32(16, msg.length)
  padded.set(msg, 20)
  padded.set(id, 20 + msg.length)
  return toBase64(await aes.encrypt(padded))
}
