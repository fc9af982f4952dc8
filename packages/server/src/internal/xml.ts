// Push XML to plain fields, read by @rgrove/parse-xml: a strict XML 1.0 parser (a bare `&`, a
// mismatched or unclosed tag, a second root, an unterminated CDATA or comment all throw), which
// expands no entity a DOCTYPE declares (wire.ts refuses a DOCTYPE before this runs anyway). Chosen
// by measurement over fast-xml-parser, htmlparser2, txml and saxes: README "Parsing XML".
import { parseXml as parseDocument, type XmlDocument, type XmlElement, type XmlText } from '@rgrove/parse-xml'

type Children = Record<string, unknown>

// Names that would reach an object's prototype when used as keys.
export const RESERVED: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** The root element's name and value, or undefined when the text is not well-formed (or too deep). */
export function parseXml(text: string, maxDepth: number): { readonly name: string; readonly value: unknown } | undefined {
  // The library descends recursively: bound the nesting first, so no input can overflow the stack.
  if (!nestingWithin(text, maxDepth)) return undefined
  let doc: XmlDocument
  try {
    // Kept as written, as before: `&nbsp;` (HTML's, not XML's) outside CDATA is not a refusal.
    // Leading whitespace before an XML declaration is not XML, but the old reader took it: still taken.
    doc = parseDocument(text.trimStart(), { preserveCdata: true, preserveDocumentType: true, ignoreUndefinedEntities: true })
  } catch {
    return undefined
  }
  const root = doc.root
  // A DOCTYPE can declare entities: WeChat never sends one.
  if (!root || doc.children.some((node) => node.type === 'doctype')) return undefined
  const value = valueOf(root)
  return value === undefined ? undefined : { name: root.name, value }
}

/** An element with child elements as an object (`#text` beside them), else its text; undefined for a reserved name. */
function valueOf(element: XmlElement): unknown {
  let text = ''
  let children: Children | undefined
  for (const node of element.children) {
    // Text outside CDATA is trimmed, CDATA kept as written (what fast-xml-parser's trimValues did).
    if (node.type === 'text') text += (node as XmlText).text.trim()
    else if (node.type === 'cdata') text += (node as XmlText).text
    else if (node.type === 'element') {
      const child = node as XmlElement
      if (RESERVED.has(child.name)) return undefined
      const value = valueOf(child)
      if (value === undefined) return undefined
      children ??= {}
      // Own fields only: `<toString>` is a field, not Object.prototype.toString seen before.
      const seen = Object.hasOwn(children, child.name) ? children[child.name] : undefined
      // `item` is WeChat's list element: always a list, even of one.
      if (seen === undefined) children[child.name] = child.name === 'item' ? [value] : value
      else if (Array.isArray(seen)) seen.push(value)
      else children[child.name] = [seen, value]
    }
  }
  if (!children) return text
  if (text !== '') children['#text'] = text
  return children
}

/**
 * False when elements may nest deeper than `max`. A linear scan that over-counts rather than
 * under-counts: CDATA, comments, declarations and quoted attribute values are skipped.
 */
export function nestingWithin(text: string, max: number): boolean {
  let depth = 0
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i)) {
    const skip = text.startsWith('<![CDATA[', i)
      ? ']]>'
      : text.startsWith('<!--', i)
        ? '-->'
        : text[i + 1] === '?' || text[i + 1] === '!'
          ? '>'
          : undefined
    if (skip) {
      const end = text.indexOf(skip, i + 2)
      if (end < 0) return true // unterminated: the parser refuses it
      i = end + skip.length
    } else if (text[i + 1] === '/') {
      depth--
      i += 2
    } else {
      // To the tag's `>`, over quoted attribute values (which may hold `>` or `/>`).
      let j = i + 1
      let quote = ''
      for (; j < text.length; j++) {
        const c = text[j]
        if (quote) quote = c === quote ? '' : quote
        else if (c === '"' || c === "'") quote = c
        else if (c === '>') break
      }
      if (text[j - 1] !== '/' && ++depth > max) return false
      i = j + 1
    }
  }
  return true
}
