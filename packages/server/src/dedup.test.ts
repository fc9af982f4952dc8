import { describe, expect, it } from 'vitest'
import { createMemoryDedupStore } from './index'

describe('createMemoryDedupStore', () => {
  it('lets only the first claim of a key through until it expires', async () => {
    let now = 0
    const store = createMemoryDedupStore({ now: () => now })
    expect(await store.claim('k', 1000)).toBe(true)
    expect(await store.claim('k', 1000)).toBe(false)
    now = 1000
    expect(await store.claim('k', 1000)).toBe(true)
  })

  it('reads null while claimed and the value once settled', async () => {
    const store = createMemoryDedupStore()
    expect(await store.read('k')).toBeUndefined()
    await store.claim('k', 1000)
    expect(await store.read('k')).toBeNull()
    await store.settle('k', 'done', 1000)
    expect(await store.read('k')).toBe('done')
  })

  it('never drops a key younger than its TTL, even past maxEntries, and sweeps expired ones', async () => {
    let now = 0
    const store = createMemoryDedupStore({ maxEntries: 2, now: () => now })
    for (const key of ['a', 'b', 'c', 'd', 'e']) await store.claim(key, 60_000)
    // A replay of the oldest push inside its window is still known.
    expect(await store.claim('a', 60_000)).toBe(false)
    expect(await store.read('e')).toBeNull()
    now = 60_000
    for (const key of ['f', 'g', 'h', 'i', 'j', 'k']) await store.claim(key, 60_000)
    expect(await store.read('a')).toBeUndefined()
    expect(await store.claim('k', 60_000)).toBe(false)
  })

  it('refuses a maxEntries below 1', () => {
    expect(() => createMemoryDedupStore({ maxEntries: 0 })).toThrow(/maxEntries must be an integer of at least 1, got 0/)
  })
})
