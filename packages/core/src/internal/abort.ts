// One 'abort' listener per signal, however many calls wait on it: a signal shared by many
// concurrent calls (one per request handler, say) would otherwise collect a listener per call,
// and Node warns past 10 (MaxListenersExceededWarning).
const watchers = /* @__PURE__ */ new WeakMap<AbortSignal, Set<() => void>>()

/** Runs `fn` when `signal` aborts; returns the function that stops watching. */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let fns = watchers.get(signal)
  if (!fns) {
    const set = new Set<() => void>()
    watchers.set(signal, (fns = set))
    signal.addEventListener('abort', () => set.forEach((f) => f()), { once: true })
  }
  fns.add(fn)
  return () => void fns.delete(fn)
}
