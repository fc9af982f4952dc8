// Byte helpers shared by the packages that read bodies whole (core's binary judging, QR images, the
// push receiver): one place, so the copy loop is written once.

/** The chunks joined into one Uint8Array, in order. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let size = 0
  for (const c of chunks) size += c.byteLength
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}
