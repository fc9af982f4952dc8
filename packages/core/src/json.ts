// Lossless JSON: integers beyond 2^53 (template msgid, mass msg_id) would be rounded by
// JSON.parse, so they are turned into strings before parsing. One pass that knows when it is inside
// a string, so digits there are left alone and a hostile body costs time in proportion to its size
// (a regex that had to find each string's end restarted at every quote of an unterminated one).
// Fractions and exponents are not integers and stay numbers.
export function parseJsonLossless(text: string): unknown {
  let out = ''
  let from = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i)
    // Inside a string: skip what a backslash escapes; a quote ends it.
    if (inString) c === '\\' ? i++ : (inString = c !== '"')
    else if (c === '"') inString = true
    else if (NUMBER.test(c)) {
      // A whole token of number characters (`e` alone, from `true`, is one too and stays as it is).
      let end = i
      while (NUMBER.test(text.charAt(++end)));
      const token = text.slice(i, end)
      if (BIG.test(token) && !Number.isSafeInteger(+token)) {
        out += `${text.slice(from, i)}"${token}"`
        from = end
      }
      i = end - 1
    }
  }
  return JSON.parse(out + text.slice(from))
}
const NUMBER = /[\d.eE+-]/
const BIG = /^-?\d{16,}$/

/** JSON.parse, and the lossless parse only when the text holds a run of 16+ digits. */
export function parseJson(text: string): unknown {
  return LONG_DIGITS.test(text) ? parseJsonLossless(text) : JSON.parse(text)
}
const LONG_DIGITS = /\d{16}/
