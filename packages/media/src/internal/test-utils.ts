// Test helpers (not exported): deterministic bytes of any size and their SHA-256.
import { createHash } from 'node:crypto'

/** `size` bytes of a deterministic pseudo-random sequence (no two files alike for a different seed). */
export function bytesOf(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size)
  let x = seed * 2654435761 || 1
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
