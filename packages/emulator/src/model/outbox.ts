// Every message the emulator delivered, across apps, in delivery order.
import type { OutboxEntry } from '../types'

export class Outbox {
  private readonly entries: OutboxEntry[] = []

  deliver(entry: Omit<OutboxEntry, 'seq'>): OutboxEntry {
    const full: OutboxEntry = { ...entry, seq: this.entries.length + 1 }
    this.entries.push(full)
    return full
  }

  list(filter: { appId?: string; touser?: string; channel?: string } = {}): OutboxEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.appId === undefined || e.appId === filter.appId) &&
        (filter.touser === undefined || e.touser === filter.touser) &&
        (filter.channel === undefined || e.channel === filter.channel),
    )
  }

  clear(): void {
    this.entries.length = 0
  }
}
