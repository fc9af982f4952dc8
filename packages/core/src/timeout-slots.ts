// The per-attempt timeout shared by calls that have no signal of their own (see sharedTimeout).

/** The reason a timed-out attempt is aborted with; told apart from the caller's own abort. */
export class AttemptTimeout extends Error {
  override name = 'TimeoutError'
}

/**
 * One AbortSignal shared by the calls that start within the same slot of `timeout / 16` (at least
 * 1 ms, at most 10 ms) with the same timeout, at most {@link SLOT_CALLS} of them: undici's fetch
 * adds a listener per request to the signal, dropped only when the request is garbage-collected,
 * and lists all of them on every add, so a slot stays small (1,000 calls at once on one signal
 * took twice as long). Its timer fires `timeout` after the slot closes, so every
 * call still pending then has been waiting at least `timeout` (at most a slot longer): aborting
 * them all is right, and a call that already finished is not touched (nothing is left to abort).
 * When the last call of a closed slot finishes, its timer is cleared. This replaces a controller,
 * a signal and a timer per call (AbortSignal creation and fetch's listener bookkeeping were a
 * visible share of a call's CPU).
 */
interface TimeoutSlot {
  readonly controller: AbortController
  readonly closesAt: number
  pending: number
  joined: number
  closed: boolean
  timer: ReturnType<typeof setTimeout> | undefined
}
const openSlots = new Map<number, TimeoutSlot>()
const SLOT_CALLS = 32

export function sharedTimeout(timeout: number): { signal: AbortSignal; release: () => void } {
  const now = Date.now()
  let slot = openSlots.get(timeout)
  if (slot === undefined || now >= slot.closesAt || slot.joined >= SLOT_CALLS) {
    if (slot) closeSlot(timeout, slot)
    const width = Math.min(10, Math.max(1, Math.floor(timeout / 16)))
    const fresh: TimeoutSlot = {
      controller: new AbortController(),
      closesAt: now + width,
      pending: 0,
      joined: 0,
      closed: false,
      // Fires after `fresh` is assigned (a timer never runs synchronously). Capped: Node's timers
      // hold at most 2^31-1 ms and fire after 1 ms beyond it.
      timer: setTimeout(
        () => {
          if (fresh.pending > 0) fresh.controller.abort(new AttemptTimeout(`timed out after ${timeout} ms`))
          if (openSlots.get(timeout) === fresh) openSlots.delete(timeout)
        },
        Math.min(width + timeout, 2_147_483_647),
      ),
    }
    // The requests themselves keep the process alive; a slot's timer must not.
    ;(fresh.timer as { unref?: () => void }).unref?.()
    openSlots.set(timeout, fresh)
    slot = fresh
  }
  const s = slot
  s.pending++
  s.joined++
  let released = false
  return {
    signal: s.controller.signal,
    release: () => {
      if (released) return
      released = true
      if (--s.pending === 0 && (s.closed || Date.now() >= s.closesAt)) closeSlot(timeout, s)
    },
  }
}

function closeSlot(timeout: number, slot: TimeoutSlot): void {
  slot.closed = true
  if (openSlots.get(timeout) === slot) openSlots.delete(timeout)
  if (slot.pending === 0 && slot.timer !== undefined) {
    clearTimeout(slot.timer)
    slot.timer = undefined
  }
}
