import type { CallOptions } from '@wxmp/core'

/** `{ signal }` when the caller gave one (exactOptionalPropertyTypes forbids passing `undefined`). */
export function signalOf(options: CallOptions): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {}
}
