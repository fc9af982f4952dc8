// 64-bit ids (template msgid, mass msg_id / msg_data_id) as exact decimal strings.

/** `value` as an exact decimal string; core's JSON parsing already keeps big ones as strings. */
export function toIdString(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  throw new TypeError(`expected a 64-bit id, got ${typeof value === 'number' ? `an unsafe number ${value}` : typeof value}`)
}
