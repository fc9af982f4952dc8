// Dates for time/date keys, written in China Standard Time (UTC+8, no daylight saving): the zone
// of the users who read them. Pass a string for any other zone or format.
const CST_OFFSET_MS = 8 * 3_600_000

const pad = (n: number) => String(n).padStart(2, '0')

/** `2023-09-12 19:43:07` (time keys) or `2023-09-12` (date keys). */
export function formatChinaTime(date: Date, withTime: boolean): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('a Date value must be a valid date, got Invalid Date')
  const d = new Date(date.getTime() + CST_OFFSET_MS)
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  return withTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : day
}
