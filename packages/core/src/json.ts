// Lossless JSON: integers beyond 2^53 (template msgid, mass msg_id) would be rounded by
// JSON.parse, so they are turned into strings before parsing. Strings are matched first so digits
// inside them are left alone; fractions and exponents are not integers and stay numbers.
// The closing quote is optional so an unterminated string is one match to the end: required, the
// engine restarted at every `"` inside it, each time scanning to the end (quadratic on a hostile body).
const TOKEN = /"(?:[^"\\]|\\[^])*"?|(?<![\d.eE+-])-?\d{16,}(?![.eE\d])/g

export function parseJsonLossless(text: string): unknown {
  const safe = text.replace(TOKEN, (match) => {
    if (match.startsWith('"')) return match
    return Number.isSafeInteger(Number(match)) ? match : `"${match}"`
  })
  return JSON.parse(safe)
}

/** JSON.parse, and the lossless parse only when the text holds a run of 16+ digits. */
export function parseJson(text: string): unknown {
  return LONG_DIGITS.test(text) ? parseJsonLossless(text) : JSON.parse(text)
}
const LONG_DIGITS = /\d{16}/
