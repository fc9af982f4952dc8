// node:crypto's synchronous SHA-1 and AES-256-CBC as a CryptoProvider: the same results as Web
// Crypto without a thread-pool round trip per operation, one cipher each way per key. Built from
// whichever node:crypto the caller has: /node imports it; the main entry asks the runtime for it
// (`process.getBuiltinModule`, Node 20.16+, Bun, Deno), so it imports no Node built-in and falls
// back to Web Crypto where there is none.
import { webCrypto, type CryptoProvider } from './crypto'

type NodeCrypto = typeof import('node:crypto')
type Cipher = ReturnType<NodeCrypto['createCipheriv']>

export function nativeCryptoFrom(mod: NodeCrypto): CryptoProvider {
  // One-shot `hash()` (Node 20.12+) skips the Hash object.
  const sha1Hex =
    typeof mod.hash === 'function'
      ? (text: string) => mod.hash('sha1', text, 'hex')
      : (text: string) => mod.createHash('sha1').update(text).digest('hex')
  return {
    sha1Hex,
    async importKey(raw) {
      const key = Uint8Array.from(raw)
      const iv = key.subarray(0, 16)
      // One cipher each way for the key's life, not one a push (the setup was half the AES time, and
      // a native object a push for the GC). CBC goes on from the last ciphertext block, not from the
      // IV: XORing the first block with (that block XOR IV), on the way in when encrypting and on the
      // way out when decrypting, gives exactly a fresh cipher's result. Whole blocks only: a partial
      // one would stay buffered inside and shift every later result.
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
        decrypt: chained(mod.createDecipheriv('aes-256-cbc', key, iv), true),
        encrypt: chained(mod.createCipheriv('aes-256-cbc', key, iv)),
      }
    },
  }
}

let fastest: CryptoProvider | undefined

/** node:crypto when the runtime hands it out and it works, else Web Crypto. Decided once per process. */
export function fastestCrypto(): CryptoProvider {
  return (fastest ??= probe() ?? webCrypto)
}

type Runtime = { getBuiltinModule?: (id: string) => unknown } | undefined

/** node:crypto from `runtime` (the global `process`) when it hands it out and it works. Exported for tests. */
export function probe(runtime: Runtime = (globalThis as { process?: Runtime }).process): CryptoProvider | undefined {
  try {
    const mod = runtime?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
    if (!mod) return undefined
    // A runtime may list node:crypto but not implement these (a Workers compatibility layer): try them.
    const zero = new Uint8Array(32)
    mod.createCipheriv('aes-256-cbc', zero, zero.subarray(0, 16)).update(zero)
    const provider = nativeCryptoFrom(mod)
    // SHA-1 of '' (a prefix is enough to tell a working implementation from a stub).
    return (provider.sha1Hex('') as string).startsWith('da39a3ee') ? provider : undefined
  } catch {
    return undefined
  }
}
