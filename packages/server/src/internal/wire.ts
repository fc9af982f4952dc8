// The one place WeChat's wire meets our objects: push bodies (XML or JSON) to plain field maps,
// and passive replies back to WeChat's XML or JSON.
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
import { parseJsonLossless } from '@wxmp/core'
import { nestingWithin, parseXml, RESERVED } from './xml'

export type WireFormat = 'xml' | 'json'
export type WireFields = Record<string, unknown>

// A DOCTYPE can define entities (billion laughs, external entities): WeChat never sends one.
const DOCTYPE = /<!(?:DOCTYPE|ENTITY)/i
const NO_ROOT = 'the XML body has no <xml> root'
// WeChat's safe-mode envelope: an XML declaration at most, <xml>, then flat fields of plain text or
// CDATA without `<`, read without the parser (linear: a field's end is its first `<`). Anything else
// (compatible mode's nested plaintext, a comment, a second root, a field left open) is parsed.
const FLAT = /^\s*(?:<\?xml[^>]*>\s*)?<xml>(?:\s*<(\w+)>(?:<!\[CDATA\[[^\]<]*\]\]>|[^<]*)<\/\1>)*\s*<\/xml>\s*$/

// A message in WeChat's flat shape (most pushes: text, image, voice, video, location, link, most
// events), read without the parser when the parser would read it the same way: none of `&`
// (entities), `\r` (line breaks are normalized), control characters, noncharacters or lone
// surrogates, an XML declaration, or anything but XML whitespace after the root; and below, every
// field named once, none a list (`item`), a prototype key or a name the parser refuses. Anything
// else is parsed. A differential test holds the two readers equal: wire.test.ts.
const NOT_SIMPLE = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\p{Cs}&\r]|<\?|<\/xml>[ \t\n]*[^ \t\n]/u
const FIELD = /<(\w+)>(?:<!\[CDATA\[([^\]<]*)\]\]>|([^<]*))<\/\1>/g

export function readFlat(text: string): WireFields | undefined {
  if (!FLAT.test(text) || NOT_SIMPLE.test(text)) return undefined
  const fields: WireFields = {}
  for (const [, name = '', cdata, plain = ''] of text.matchAll(FIELD)) {
    // A repeat is a list, and so is `item`; a prototype key or a leading digit is refused by the
    // parser; `xml` is the root itself when it holds no field (or a field of that name: left to the
    // parser too).
    if (name in fields || RESERVED.has(name) || /^(\d|item$|xml$)/.test(name) || plain.includes(']]>')) return undefined
    fields[name] = cdata ?? plain.trim()
  }
  // At least one field: `<xml></xml>` is no message, and the parser says why.
  for (const _ in fields) return fields
  return undefined
}

// WeChat's pushes nest at most 4 containers below the root (SendPicsInfo > PicList > item list >
// item); a few more are allowed. Deeper input (`[[[[…]]]]` in 10 KB) is refused before anything
// walks it recursively (the dedup key's canonical JSON would overflow the stack).
export const MAX_DEPTH = 8

/** True when `value` nests containers (objects, arrays) more than `max` deep. Iterative: no stack to overflow. */
function tooDeep(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length) {
    const [v, depth] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (depth >= max) return true
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
  }
  return false
}

/** The format of a body by its first character, or undefined when it is neither. */
export function sniffFormat(text: string): WireFormat | undefined {
  // trimStart also drops a byte-order mark.
  const first = text.trimStart()[0]
  return first === '<' ? 'xml' : first === '{' ? 'json' : undefined
}

/**
 * The fields of a push body, or a short reason why it is not one. Never throws. With `encrypt` (the
 * `Encrypt` value found by a scan and checked against msg_signature), the body is an encrypted push's
 * envelope, whose one use is that value: WeChat's flat envelope (`<xml>` and plain or CDATA fields) is
 * read without the parser, and its fields are `{ Encrypt }` only when it has exactly one, equal to
 * `encrypt` (empty otherwise); any other envelope is parsed with every refusal. The decrypted message
 * is always parsed. One parse a push instead of two: README "Parsing XML".
 */
export function parseBody(
  text: string,
  encrypt?: string,
): { ok: true; format: WireFormat; fields: WireFields } | { ok: false; reason: string } {
  const format = sniffFormat(text)
  if (format === 'json') {
    try {
      const value = parseJsonLossless(text)
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return { ok: false, reason: 'the JSON body is not an object' }
      if (tooDeep(value, MAX_DEPTH)) return { ok: false, reason: `the JSON body nests more than ${MAX_DEPTH} levels` }
      return { ok: true, format, fields: value as WireFields }
    } catch {
      return { ok: false, reason: 'the body is not valid JSON' }
    }
  }
  if (format !== 'xml') return { ok: false, reason: 'the body is neither XML nor JSON' }
  if (DOCTYPE.test(text)) return { ok: false, reason: 'the XML body has a DOCTYPE or entity declaration' }
  if (encrypt !== undefined && FLAT.test(text)) {
    // No `<` in a value, so every `<Encrypt>` is a field: exactly one, holding the signed value.
    const [, field = '', more] = text.split('<Encrypt>')
    const value = field.slice(0, field.indexOf('</')).trim()
    const one = more === undefined && (value === encrypt || value === `<![CDATA[${encrypt}]]>`)
    return { ok: true, format, fields: one ? { Encrypt: encrypt } : {} }
  }
  const flat = readFlat(text)
  if (flat) return { ok: true, format, fields: flat }
  // The root <xml> plus the containers below it.
  const doc = parseXml(text, MAX_DEPTH + 1)
  if (!doc)
    return {
      ok: false,
      reason: nestingWithin(text, MAX_DEPTH + 1) ? 'the body is not well-formed XML' : `the XML body nests more than ${MAX_DEPTH} levels`,
    }
  if (doc.name !== 'xml' || typeof doc.value !== 'object' || doc.value === null) return { ok: false, reason: NO_ROOT }
  if (tooDeep(doc.value, MAX_DEPTH)) return { ok: false, reason: `the XML body nests more than ${MAX_DEPTH} levels` }
  return { ok: true, format, fields: doc.value as WireFields }
}

/** One reply body: plain fields to WeChat's XML (`<xml>...</xml>`, text in CDATA) or to JSON. */
export function render(format: WireFormat, fields: WireFields): string {
  return format === 'json' ? JSON.stringify(fields) : `<xml>${xmlFields(fields)}</xml>`
}

function xmlFields(fields: WireFields): string {
  let out = ''
  // for...in, not Object.entries: no array a field (the fields are plain objects we built).
  for (const name in fields) {
    const value = fields[name]
    if (value === undefined) continue
    if (Array.isArray(value)) out += `<${name}>${value.map((item) => `<item>${xmlFields(item as WireFields)}</item>`).join('')}</${name}>`
    else if (typeof value === 'object' && value !== null) out += `<${name}>${xmlFields(value as WireFields)}</${name}>`
    else if (typeof value === 'number') out += `<${name}>${value}</${name}>`
    else out += `<${name}>${cdata(String(value))}</${name}>`
  }
  return out
}

// `]]>` cannot appear inside CDATA: split it across two sections.
const cdata = (text: string): string => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
