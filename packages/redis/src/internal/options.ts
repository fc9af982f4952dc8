// The factories' options, checked in core's style (core's client options work the same way): one
// table of name -> integer range, `assertOptions` for unknown or misspelt names ("did you mean"),
// core's asserts for each value. The table's keys are the names each factory accepts.
import { assertInteger, assertOptions, assertString } from '@wxmp/core'

/** `[min, max]` for an integer option, `'prefix'` for the key prefix, `0` for one checked where it is used. */
export type OptionKind = readonly [number, number] | 'prefix' | 0
export type OptionTable = { readonly [name: string]: OptionKind }

/** Throws TypeError / RangeError naming the option, the limit and what was given. */
export function checkOptions(name: string, options: unknown, table: OptionTable): asserts options is Readonly<Record<string, unknown>> {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${name}: options must be an object with a redis client`)
  assertOptions(`${name} options`, options, Object.keys(table))
  for (const [key, kind] of Object.entries(table)) {
    const value = (options as Record<string, unknown>)[key]
    if (value === undefined || kind === 0) continue
    if (kind === 'prefix') assertString(key, value, { min: 0, max: 200 })
    else assertInteger(key, value, { min: kind[0], max: kind[1] })
  }
}
