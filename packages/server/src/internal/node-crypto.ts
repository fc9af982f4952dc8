// node:crypto's synchronous primitives for the /node subpath (a static import: /node is Node only).
import * as nodeCryptoModule from 'node:crypto'
import type { CryptoProvider } from './crypto'
import { nativeCryptoFrom } from './native-crypto'

type Cipher = ReturnType<typeof nodeCryptoModule.createCipheriv>

/**
 * node:crypto's SHA-1 and AES-256-CBC, synchronous: the same results as Web Crypto, several times
 * faster on Node. `createMessageServer` already picks node:crypto on Node 20.16+ (and Bun, Deno)
 * without being asked; this one also keeps one cipher each way per key instead of one per push
 * (what `toNodeHandler` uses unless the server was given its own `crypto`). Pass it to choose it
 * explicitly.
 *
 * @example
 * ```ts
 * import { nodeCrypto } from '@wxmp/server/node'
 * const server = createMessageServer({ appId, token, encodingAESKey, handle, crypto: nodeCrypto })
 * ```
 */
export const nodeCrypto: CryptoProvider = {
  sha1Hex: /* @__PURE__ */ nativeCryptoFrom(nodeCryptoModule).sha1Hex,
  async importKey(raw) {
    const key = Uint8Array.from(raw)
    const iv = key.subarray(0, 16)
    // One cipher each way for the key's life, not one a push (the setup was half the AES time, and a
    // native object a push for the GC). CBC goes on from the last ciphertext block, not from the IV:
    // XORing the first block with (that block XOR IV), on the way in when encrypting and on the way
    // out when decrypting, gives exactly a fresh cipher's result. Whole blocks only: a partial one
    // would stay buffered inside and shift every later result.
    const chained = (cipher: Cipher, decrypting?: boolean) => {
      cipher.setAutoPadding(false)
      let last: Uint8Array = iv
      return (data: Uint8Array): Uint8Array => {
        if (!data.length || data.length % 16) throw new RangeError('whole 16-byte blocks only')
        const input = decrypting ? data : data.slice()
        const out = decrypting ? cipher.update(input) : input
        for (let i = 0; i < 16; i++) out[i] = (out[i] as number) ^ (last[i] as number) ^ (iv[i] as number)
        const result = decrypting ? out : cipher.update(out)
        last = (decrypting ? input : result).slice(-16)
        // A plain Uint8Array view, not a Buffer.
        return new Uint8Array(result.buffer, result.byteOffset, result.byteLength)
      }
    }
    return {
      decrypt: chained(nodeCryptoModule.createDecipheriv('aes-256-cbc', key, iv), true),
      encrypt: chained(nodeCryptoModule.createCipheriv('aes-256-cbc', key, iv)),
    }
  },
}
