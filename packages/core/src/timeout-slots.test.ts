// The shared per-attempt timeout on a fake clock (timers and Date), where its promises can be
// checked exactly: a call is never timed out before its timeout and at most one slot (timeout/16,
// 1 to 10 ms) after it; a slot holds at most 32 calls; and a slot whose calls are done leaves no
// timer behind once it has closed. Over HTTP these are only visible as timing (see
// test/timeouts-with-signal-and-downloads.test.ts for the calls themselves).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AttemptTimeout, sharedTimeout } from './timeout-slots'

// Each test starts far past the last one's slots (they are module state), so none is joined.
let start = 1_000_000
beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime((start += 100_000))
})
afterEach(() => {
  vi.useRealTimers()
})

describe('sharedTimeout', () => {
  it('times a call out no earlier than its timeout and at most one 10 ms slot later', () => {
    const first = sharedTimeout(1000)
    vi.advanceTimersByTime(9)
    const later = sharedTimeout(1000)
    vi.advanceTimersByTime(1000)
    // 1009 ms after the first call, 1000 ms after the later one: neither is timed out yet.
    expect(first.signal.aborted).toBe(false)
    expect(later.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(first.signal.aborted).toBe(true)
    expect(later.signal.aborted).toBe(true)
    expect(first.signal.reason).toBeInstanceOf(AttemptTimeout)
    expect(first.signal.reason).toMatchObject({ name: 'TimeoutError', message: 'timed out after 1000 ms' })
  })

  it('makes the slot of a short timeout a sixteenth of it', () => {
    const call = sharedTimeout(80)
    vi.advanceTimersByTime(84)
    expect(call.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(call.signal.aborted).toBe(true)
  })

  it('puts at most 32 calls in one slot', () => {
    const calls = Array.from({ length: 33 }, () => sharedTimeout(1000))
    expect(new Set(calls.slice(0, 32).map((c) => c.signal)).size).toBe(1)
    expect(calls[32]?.signal).not.toBe(calls[0]?.signal)
  })

  it('leaves no timer behind once a slot whose calls are done has closed', () => {
    const done = sharedTimeout(1000)
    done.release()
    vi.advanceTimersByTime(20)
    // A new slot replaces the closed one: the done slot's timer is cleared, the new one's runs.
    const next = sharedTimeout(1000)
    expect(vi.getTimerCount()).toBe(1)
    // Released when its slot has closed (exactly at its end, and later): no timer is left.
    vi.advanceTimersByTime(10)
    next.release()
    expect(vi.getTimerCount()).toBe(0)
    const last = sharedTimeout(1000)
    vi.advanceTimersByTime(15)
    last.release()
    expect(vi.getTimerCount()).toBe(0)
  })
})
