// node:crypto's synchronous SHA-1 and AES-256-CBC as a CryptoProvider: the same results as Web
// Crypto without a thread-pool round trip per operation. Built from whichever node:crypto the caller
// has: /node imports it; the main entry asks the runtime for it (`process.getBuiltinModule`, Node
// 20.16+, Bun, Deno), so it imports no Node built-in and falls back to Web Crypto where there is none.
import { webCrypto, type CryptoProvider } from './crypto'

type NodeCrypto = typeof import('node:crypto')

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
      const run = (cipher: ReturnType<NodeCrypto['createCipheriv']>, data: Uint8Array) => {
        cipher.setAutoPadding(false)
        // Whole blocks without padding: final() adds nothing. A plain Uint8Array view, not a Buffer.
        const out = cipher.update(data)
        cipher.final()
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
      }
      return {
        decrypt: (data) => run(mod.createDecipheriv('aes-256-cbc', key, iv), data),
        encrypt: (data) => run(mod.createCipheriv('aes-256-cbc', key, iv), data),
      }
    },
  }
}

let fastest: CryptoProvider | undefined

/** node:crypto when the runtime hands it out and it works, else Web Crypto. Decided once per process. */
export function fastestCrypto(): CryptoProvider {
  return (fastest ??= probe() ?? webCrypto)
}

function probe(): CryptoProvider | undefined {
  try {
    const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    const mod = process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
    if (!mod) return undefined
    // A runtime may list node:crypto but not implement these (a Workers compatibility layer): try them.
    const zero = new Uint8Array(32)
    const cipher = mod.createCipheriv('aes-256-cbc', zero, zero.subarray(0, 16))
    cipher.setAutoPadding(false)
    cipher.update(zero)
    cipher.final()
    const provider = nativeCryptoFrom(mod)
    return provider.sha1Hex('') === 'da39a3ee5e6b4b0d3255bfef95601890afd80709' ? provider : undefined
  } catch {
    return undefined
  }
}
