// The emulator clock: real time plus an offset, so tokens and windows expire on their own while a
// test can still jump hours ahead without waiting.
import type { Clock } from './context'

export class EmulatorClock implements Clock {
  private offset: number
  private readonly startOffset: number
  private readonly listeners = new Set<() => void>()

  /** `start`: the emulator time now, epoch ms. Defaults to the real time. */
  constructor(start: number = Date.now()) {
    this.offset = start - Date.now()
    this.startOffset = this.offset
  }

  /** Back to the offset it started with: what it would read had no test moved it. */
  reset(): void {
    this.offset = this.startOffset
    this.changed()
  }

  now(): number {
    return Date.now() + this.offset
  }

  advance(ms: number): void {
    this.offset += ms
    this.changed()
  }

  set(epochMs: number): void {
    this.offset = epochMs - Date.now()
    this.changed()
  }

  /** Calls `fn` whenever a test moves the clock (things due on the emulator clock run then). */
  onChange(fn: () => void): void {
    this.listeners.add(fn)
  }

  private changed(): void {
    for (const fn of this.listeners) fn()
  }
}
