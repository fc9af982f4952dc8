// A million followers, iterated over real HTTP: every openid once, in order, with the heap flat.
// No Set of a million strings here (it would be the biggest thing on the heap): uniqueness is
// checked through 53-bit hashes in a typed array, order through samples at page boundaries.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { beforeAll, expect, it } from 'vitest'
import { iterateFollowers } from './index'
import { useEmulator } from '../../../test-support/emulator'

const FOLLOWERS = 1_000_000
const PAGE = 10_000

const { emu, wx } = useEmulator()

beforeAll(async () => {
  await emu.control.seedFollowers(FOLLOWERS)
})

// A full collection before each heap sample, so garbage waiting to be collected is not counted.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Two FNV-1a variants folded into 53 bits: collisions among a million are ~1 in 18,000. */
function hash53(text: string): number {
  let a = 0x811c9dc5
  let b = 0x01234567
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    a = Math.imul(a ^ ch, 0x01000193) >>> 0
    b = Math.imul(b ^ ch, 0x5bd1e995) >>> 0
  }
  return (a & 0x1fffff) * 2 ** 32 + b
}

it('iterates 1,000,000 followers, each once and in order, with the heap flat', async () => {
  const hashes = new Float64Array(FOLLOWERS)
  const samples = new Map<number, string>()
  const heap: number[] = []
  let n = 0
  for await (const openid of iterateFollowers(wx)) {
    if (n < FOLLOWERS) hashes[n] = hash53(openid)
    if (n % PAGE === 0 || n % PAGE === PAGE - 1) samples.set(n, openid)
    n++
    if (n % PAGE === 0) {
      gc()
      heap.push(process.memoryUsage().heapUsed)
    }
  }

  expect(n).toBe(FOLLOWERS)
  hashes.sort()
  let duplicates = 0
  for (let i = 1; i < hashes.length; i++) if (hashes[i] === hashes[i - 1]) duplicates++
  expect(duplicates).toBe(0)

  // First and last openid of every page match the emulator's follow order.
  const expected = await Promise.all([...samples.keys()].map((i) => emu.control.followerAt(i)))
  expect([...samples.values()]).toEqual(expected)

  // Heap after page 10 vs. the largest after any later page: what one page holds, not what a
  // hundred would (100 pages of 10,000 28-character openids retained would be well over 50 MB).
  expect(heap).toHaveLength(FOLLOWERS / PAGE)
  const settled = heap[9] as number
  const growth = Math.max(...heap.slice(10)) - settled
  expect(growth).toBeLessThan(16 * 1024 * 1024)
}, 120_000)
