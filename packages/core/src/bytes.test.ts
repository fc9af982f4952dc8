import { describe, expect, it } from 'vitest'
import { concatBytes } from './index'

describe('concatBytes', () => {
  it('joins chunks in order into one Uint8Array, views into larger buffers included', () => {
    const backing = new Uint8Array([9, 9, 3, 4, 9])
    const out = concatBytes([new Uint8Array([1, 2]), backing.subarray(2, 4), new Uint8Array(0), new Uint8Array([5])])
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5])
    expect(out.buffer.byteLength).toBe(5)
  })

  it('gives an empty Uint8Array for no chunks', () => {
    expect(concatBytes([]).byteLength).toBe(0)
  })
})
