// Byte helpers on plain Uint8Array: base64, hex, UTF-8. No Buffer, so the main entry runs on any
// runtime with Web APIs (Workers, Deno, Bun, browsers' service workers).

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export const utf8 = (text: string): Uint8Array => encoder.encode(text)

/** Decodes UTF-8; throws on malformed bytes rather than inventing U+FFFD characters. */
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes)

// With a length that is a multiple of 4: standard base64 with its `=` padding (2.5x faster than
// spelling out the 4-character groups).
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

// Node's and Bun's global Buffer codes base64 natively, several times faster than atob and a JS
// loop (Node 20's atob is JavaScript); found as a global, not imported, so other runtimes need none.
type BufferLike = {
  from(
    data: string | ArrayBufferLike,
    encodingOrOffset?: string | number,
    length?: number,
  ): Uint8Array & { toString(encoding: string): string }
}
const NativeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer

/** Strict standard base64 (with `=` padding): undefined for anything else, never a partial result. */
export function fromBase64(text: string): Uint8Array | undefined {
  // atob alone forgives whitespace and missing padding; WeChat's ciphertext has neither.
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined
  if (NativeBuffer) {
    const bytes = NativeBuffer.from(text, 'base64')
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

export function toBase64(bytes: Uint8Array): string {
  if (NativeBuffer) return NativeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

// Random bytes drawn 4 KiB at a time: one getRandomValues call per many replies.
let pool = new Uint8Array(0)
let used = 0

export function randomBytes(length: number): Uint8Array {
  if (used + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(4096))
    used = 0
  }
  used += length
  return pool.slice(used - length, used)
}

export const randomUint32 = (): number => new DataView(randomBytes(4).buffer).getUint32(0)

/** Lowercase hex: Web Crypto's SHA-1 digests (20 bytes; node:crypto gives hex itself). */
export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
