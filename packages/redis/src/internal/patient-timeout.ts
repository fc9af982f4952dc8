// A timeout that tells a slow Redis from a slow process. When this process's event loop is blocked
// (a GC pause, a CPU-bound burst, a starved container), Redis's answer may already sit unread in
// the socket while a plain setTimeout fires first (timers run before the loop reads sockets). So
// the wait is counted in slices, each credited no more than its planned length however late it
// fires: time the loop could not have noticed an answer in does not count against Redis. And the
// timeout is only declared after one more turn of the loop, which reads whatever has arrived.

/** How late a slice may fire and still count in full: ordinary timer jitter, not starvation. */
const JITTER_MS = 20

export interface PatientTimeoutOptions {
  /** Fires after this much wall time whatever the loop did, so the wait stays bounded. */
  readonly maxWallMs: number
}

/**
 * Calls `onTimeout` once `ms` of responsive time has passed (or `maxWallMs` of wall time),
 * unless the returned `cancel` is called first.
 */
export function patientTimeout(ms: number, onTimeout: () => void, { maxWallMs }: PatientTimeoutOptions): () => void {
  const slice = Math.max(10, Math.min(ms, Math.ceil(ms / 10)))
  const start = Date.now()
  let credited = 0
  let last = start
  let planned = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let cancelled = false

  const arm = () => {
    planned = Math.min(slice, ms - credited)
    last = Date.now()
    timer = setTimeout(tick, planned)
  }
  const tick = () => {
    const now = Date.now()
    credited += Math.min(now - last, planned + JITTER_MS)
    if (credited < ms && now - start < maxWallMs) return arm()
    // One more turn of the loop: its poll phase reads an answer that arrived while it was blocked.
    afterIo(() => {
      if (!cancelled) onTimeout()
    })
  }
  arm()
  return () => {
    cancelled = true
    clearTimeout(timer)
  }
}

// setImmediate runs after the poll phase (sockets read); where it is missing, a 0 ms timer is the
// nearest thing (the next turn's timers, after this turn's I/O).
const afterIo: (run: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (run) => void globalThis.setImmediate(run) : (run) => void setTimeout(run, 0)
