import { expect, it, vi } from 'vitest'
import { fromBase64, toBase64 } from './bytes'

it('reads strict standard base64 only: padded to 4, no whitespace, no URL-safe letters, = only at the end', () => {
  expect(fromBase64('QUJD')).toEqual(new Uint8Array([65, 66, 67]))
  expect(fromBase64('QUI=')).toEqual(new Uint8Array([65, 66]))
  expect(fromBase64('QQ==')).toEqual(new Uint8Array([65]))
  expect(fromBase64('')).toEqual(new Uint8Array(0))
  for (const bad of ['QUJ', 'QQ', 'Q===', '====', 'QU=D', 'QUJD\n', ' QUJD', 'QU-_', 'QUJD====', 'QQ==QUJD', 'QUJ*'])
    expect(fromBase64(bad)).toBeUndefined()
})

it('codes base64 the same without a global Buffer (Workers, Deno)', async () => {
  vi.stubGlobal('Buffer', undefined)
  vi.resetModules()
  try {
    const plain = await import('./bytes')
    for (let length = 0; length < 40; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length))
      const text = plain.toBase64(bytes)
      expect(text).toBe(toBase64(bytes))
      expect(plain.fromBase64(text)).toEqual(bytes)
    }
    expect(plain.fromBase64('QU-_')).toBeUndefined()
  } finally {
    vi.unstubAllGlobals()
  }
})
