// The small XML dialect of WeChat pushes and passive replies: one <xml> root, elements only, text
// in CDATA or escaped, arrays as repeated <item>. Writing it is a few lines of our own; reading what a
// receiver answers goes through fast-xml-parser, with DOCTYPEs refused as WeChat's side would.
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { Repeated } from './by-format'

export { Repeated }

export type XmlValue = string | XmlObject | XmlValue[]
export interface XmlObject {
  [name: string]: XmlValue
}

function cdata(text: string): string {
  // "]]>" cannot sit inside one CDATA section: split it across two.
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Repeated) return value.items.map((v) => element(name, v)).join('')
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element('item', v)).join('')}</${name}>`
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`
  }
  if (typeof value === 'number' || typeof value === 'bigint') return `<${name}>${value.toString()}</${name}>`
  return `<${name}>${cdata(String(value))}</${name}>`
}

/** `<xml>...</xml>` of `fields`: strings in CDATA, numbers bare, objects nested, arrays as <item>s. */
export function toXml(fields: Record<string, unknown>): string {
  return element('xml', fields)
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Values stay strings: ids and counts are compared as WeChat sent them.
  parseTagValue: false,
  trimValues: true,
  htmlEntities: true,
})

/** Parses the root element's content; throws an Error saying where the XML is broken. */
export function parseXml(text: string): { root: string; value: XmlValue } {
  const src = text.replace(/^\uFEFF/, '')
  if (/<!(?:DOCTYPE|ENTITY)/i.test(src)) throw new Error('a DOCTYPE or entity declaration')
  const valid = XMLValidator.validate(src)
  if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line})`)
  const doc = parser.parse(src) as Record<string, unknown>
  const roots = Object.keys(doc)
  if (roots.length !== 1) throw new Error(roots.length === 0 ? 'no root element' : 'content after the root element')
  const root = roots[0] as string
  return { root, value: normalize(doc[root]) }
}

// fast-xml-parser gives '' for an empty element and { item: [...] } for a list; the dialect reads a
// list of <item>s as an array.
function normalize(value: unknown): XmlValue {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(normalize)
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 1 && entries[0]?.[0] === 'item') return [(value as { item: unknown }).item].flat().map(normalize)
    const out: XmlObject = {}
    for (const [name, child] of entries) out[name] = normalize(child)
    return out
  }
  return String(value)
}
