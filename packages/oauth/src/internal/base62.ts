// Bytes <-> [0-9A-Za-z]: the only alphabet WeChat lets `state` carry. A leading 0x01 byte keeps
// leading zero bytes through the BigInt round trip.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

export function toBase62(bytes: Uint8Array): string {
  let n = 1n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  let out = ''
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out
    n /= 62n
  }
  return out
}

/** The bytes, or undefined when `text` is not base62 produced by {@link toBase62}. */
export function fromBase62(text: string): Uint8Array | undefined {
  // Canonical text only: toBase62 never writes a leading '0', and accepting one would give the
  // same bytes many spellings ('0' + state), so an app that keys one-time use on the string
  // could be replayed.
  if (text[0] === '0') return undefined
  let n = 0n
  for (const ch of text) {
    const d = ALPHABET.indexOf(ch)
    if (d < 0) return undefined
    n = n * 62n + BigInt(d)
  }
  // toString(16) drops the sentinel's leading zero nibble: "1..." stands for 0x01...
  const hex = `0${n.toString(16)}`
  if (hex.length % 2 !== 0 || !hex.startsWith('01')) return undefined
  const out = new Uint8Array(hex.length / 2 - 1)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 + i * 2, 4 + i * 2), 16)
  return out
}
