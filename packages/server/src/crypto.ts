// WeChat's push crypto as plain functions: for tests that build pushes, for tools, and for
// anyone receiving pushes without createMessageServer. Web Crypto only.
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
import { decodeEncodingAESKey, decrypt, encrypt, importAesKey, sortedSha1 } from './internal/crypto'

export interface PushCryptoOptions {
  /** The 43-character EncodingAESKey. */
  readonly encodingAESKey: string
  /** The AppID inside the ciphertext. */
  readonly appId: string
}

/**
 * WeChat's signature: hex SHA-1 of the strings sorted and joined. `(token, timestamp, nonce)`
 * gives `signature`; with the `Encrypt` text as well it gives `msg_signature` / `MsgSignature`.
 *
 * @example
 * ```ts
 * await computeSignature('AAAAA', '1714036504', '1514711492') // 'f464b24fc39322e44b38aa78f5edd27bd1441696'
 * ```
 */
export function computeSignature(...parts: string[]): Promise<string> {
  for (const [i, part] of parts.entries())
    if (typeof part !== 'string') throw new TypeError(`computeSignature: part ${i} must be a string, got ${typeof part}`)
  return Promise.resolve(sortedSha1(parts))
}

/**
 * Encrypts a message as WeChat does (AES-256-CBC, 32-byte PKCS#7, random prefix, length, AppID),
 * base64. `random` (16 bytes) is only for reproducing a known ciphertext.
 */
export async function encryptMessage(message: string, options: PushCryptoOptions & { readonly random?: Uint8Array }): Promise<string> {
  if (typeof message !== 'string') throw new TypeError(`message must be a string, got ${typeof message}`)
  if (options.random !== undefined && options.random.length !== 16)
    throw new RangeError(`random must be 16 bytes, got ${options.random.length}`)
  return encrypt(await key(options), message, options.appId, options.random)
}

/**
 * Decrypts an `Encrypt` value; throws an Error saying why (bad base64, padding, wrong AppID),
 * never echoing the key or the plaintext.
 */
export async function decryptMessage(encrypted: string, options: PushCryptoOptions): Promise<string> {
  if (typeof encrypted !== 'string') throw new TypeError(`encrypted must be a string, got ${typeof encrypted}`)
  const result = await decrypt(await key(options), encrypted, options.appId)
  if (!result.ok) throw new Error(`decryptMessage: ${result.reason}`)
  return result.message
}

function key(options: PushCryptoOptions) {
  if (
    typeof options?.encodingAESKey !== 'string' ||
    options.encodingAESKey.length !== 43 ||
    !decodeEncodingAESKey(options.encodingAESKey)
  ) {
    throw new TypeError('encodingAESKey must be exactly 43 characters of base64')
  }
  if (typeof options.appId !== 'string' || options.appId === '') throw new TypeError('appId must be a non-empty string')
  return importAesKey(options.encodingAESKey)
}
