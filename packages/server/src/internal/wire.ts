// The one place WeChat's wire meets our objects: push bodies (XML or JSON) to plain field maps,
// and passive replies back to WeChat's XML or JSON.
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
import { parseJsonLossless } from '@wxmp/core'
import { nestingWithin, parseXml } from './xml'

export type WireFormat = 'xml' | 'json'
export type WireFields = Record<string, unknown>

// A DOCTYPE can define entities (billion laughs, external entities): WeChat never sends one.
const DOCTYPE = /<!(?:DOCTYPE|ENTITY)/i

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

/** The fields of a push body, or a short reason why it is not one. Never throws. */
export function parseBody(text: string): { ok: true; format: WireFormat; fields: WireFields } | { ok: false; reason: string } {
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
  // The root <xml> plus the containers below it.
  const doc = parseXml(text, MAX_DEPTH + 1)
  if (!doc)
    return {
      ok: false,
      reason: nestingWithin(text, MAX_DEPTH + 1) ? 'the body is not well-formed XML' : `the XML body nests more than ${MAX_DEPTH} levels`,
    }
  if (doc.name !== 'xml' || typeof doc.value !== 'object' || doc.value === null)
    return { ok: false, reason: 'the XML body has no <xml> root' }
  if (tooDeep(doc.value, MAX_DEPTH)) return { ok: false, reason: `the XML body nests more than ${MAX_DEPTH} levels` }
  return { ok: true, format, fields: doc.value as WireFields }
}

/**
 * An encrypted push's envelope, whose one use is its `Encrypt`: the caller found that by a scan and
 * checked msg_signature over it, so XML is checked, not parsed (the decrypted message is, with every
 * refusal above): no DOCTYPE or entity declaration, one `<xml>` root, one `Encrypt` (the fields come
 * back empty otherwise). JSON is parsed as any body. Saves a parse per push: README "Parsing XML".
 */
export function parseEnvelope(
  text: string,
  encrypt: string,
): { ok: true; format: WireFormat; fields: WireFields } | { ok: false; reason: string } {
  if (sniffFormat(text) !== 'xml') return parseBody(text)
  if (DOCTYPE.test(text)) return { ok: false, reason: 'the XML body has a DOCTYPE or entity declaration' }
  let root = text.trim()
  if (root.startsWith('<?xml')) root = root.slice(root.indexOf('?>') + 2).trimStart()
  if (!root.startsWith('<xml>') || !root.endsWith('</xml>')) return { ok: false, reason: 'the XML body has no <xml> root' }
  const first = text.indexOf('<Encrypt')
  return { ok: true, format: 'xml', fields: text.indexOf('<Encrypt', first + 1) < 0 ? { Encrypt: encrypt } : {} }
}

/** One reply body: plain fields to WeChat's XML (`<xml>...</xml>`, text in CDATA) or to JSON. */
export function render(format: WireFormat, fields: WireFields): string {
  return format === 'json' ? JSON.stringify(fields) : `<xml>${xmlFields(fields)}</xml>`
}

function xmlFields(fields: WireFields): string {
  let out = ''
  for (const [name, value] of Object.entries(fields)) {
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
