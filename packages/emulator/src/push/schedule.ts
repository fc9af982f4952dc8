// Work due at a time on the emulator clock (a mass job finishing, a template delivered): run when
// real time gets there, or at once when a test moves the clock past it.
import type { EmulatorClock } from '../clock'

interface Entry {
  readonly at: number
  readonly run: () => void
}

export class Scheduler {
  private entries: Entry[] = []
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly clock: EmulatorClock) {
    clock.onChange(() => this.poke())
  }

  /** Runs `run` once the emulator clock reaches `at` (epoch ms); never before the current request ends. */
  at(at: number, run: () => void): void {
    this.entries.push({ at, run })
    this.entries.sort((a, b) => a.at - b.at)
    // A macrotask later: the API answer that scheduled it goes out first, as with WeChat.
    setImmediate(() => this.poke())
  }

  /** Drops everything pending (reset, close). */
  clear(): void {
    this.entries = []
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  private poke(): void {
    const now = this.clock.now()
    const due = this.entries.filter((e) => e.at <= now)
    this.entries = this.entries.filter((e) => e.at > now)
    for (const e of due) {
      try {
        e.run()
      } catch (err) {
        console.error('[wxmp-emulator] scheduled work failed:', err)
      }
    }
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const next = this.entries[0]
    if (next) {
      // Capped so a far-off job re-checks now and then; unref'd so it never holds a process open.
      this.timer = setTimeout(() => this.poke(), Math.min(Math.max(next.at - now, 1), 60_000))
      this.timer.unref?.()
    }
  }
}
