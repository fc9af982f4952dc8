import { describe, expect, it } from 'vitest'
import { iterateCursor, type CursorPage } from '@wxmp/core'

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

describe('iterateCursor', () => {
  it('stops on the empty page that follows a last page with a non-empty cursor', async () => {
    const pages: Record<string, CursorPage<string>> = {
      '': { items: ['a', 'b'], next: 'b' },
      b: { items: ['c'], next: 'c' },
      c: { items: [], next: '' },
    }
    expect(await collect(iterateCursor(async (c) => pages[c]!))).toEqual(['a', 'b', 'c'])
  })

  it('stops on an empty cursor', async () => {
    expect(await collect(iterateCursor(async () => ({ items: ['x'], next: '' })))).toEqual(['x'])
  })

  it('refuses a cursor that repeats instead of looping', async () => {
    await expect(collect(iterateCursor(async () => ({ items: ['x'], next: 'same' })))).rejects.toThrow(/twice/)
  })
})
