// Small pure helpers the views share: times, durations, safe links.

/** `HH:MM:SS` of an emulator epoch ms, in the browser's time zone. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString('zh-CN', { hour12: false })
}

/** Date and time, for the clock panel. */
export function dateTime(ms: number): string {
  return new Date(ms).toLocaleString('zh-CN', { hour12: false })
}

/** `in 1 h 59 min` / `5 min ago` from `now`. */
export function relative(at: number, now: number): string {
  const d = at - now
  const abs = Math.abs(d)
  const text =
    abs < 60_000
      ? `${Math.round(abs / 1000)} s`
      : abs < 3_600_000
        ? `${Math.round(abs / 60_000)} min`
        : abs < 172_800_000
          ? `${Math.floor(abs / 3_600_000)} h ${Math.floor((abs % 3_600_000) / 60_000)} min`
          : `${Math.round(abs / 86_400_000)} d`
  return d >= 0 ? `in ${text}` : `${text} ago`
}

/** Only http(s) URLs become links; anything else (javascript:, data:) stays text. */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

// Bidi controls (U+200E/F, U+202A-E, U+2066-9) end a link: inside one they would reorder its text.
const URL_IN_TEXT = /https?:\/\/[^\s<>"'，。、）)\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g

/** Splits text into plain parts and http(s) links, for rendering each part as text or a link. */
export function linkParts(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = []
  let last = 0
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const start = m.index ?? 0
    if (start > last) parts.push({ text: text.slice(last, start) })
    const href = safeHref(m[0])
    parts.push(href === undefined ? { text: m[0] } : { text: m[0], href })
    last = start + m[0].length
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}

/** Initials for an avatar: the first character (CJK) or the first two letters. */
export function initials(name: string): string {
  const t = name.trim()
  if (t === '') return '?'
  const first = [...t][0] as string
  return /[\u3400-\u9fff]/.test(first) ? first : t.slice(0, 2).toUpperCase()
}

/** A string field of a payload, or ''. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
