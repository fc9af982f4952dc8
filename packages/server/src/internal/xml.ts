// A strict parser for the XML WeChat pushes: elements, text, CDATA, comments, an XML declaration.
// Everything else is refused: DOCTYPE and entity declarations (never expanded, so no billion laughs
// or external entities), a bare `&`, mismatched or unclosed tags, a second root, nesting deeper than
// `maxDepth`. Iterative (an explicit stack), so no input can overflow the call stack. Our own rather
// than fast-xml-parser: that was 70% of the bundle and its dependency does not bundle on
// `--platform=neutral` (README "What runs before `handle`").

type Children = Record<string, unknown>

/** The root element's name and value, or undefined when the text is not well-formed (or too deep). */
export function parseXml(text: string, maxDepth: number): { readonly name: string; readonly value: unknown } | undefined {
  const stack: { name: string; children?: Children; text: string }[] = []
  let root: { name: string; value: unknown } | undefined
  let i = 0
  const close = (name: string, value: unknown) => {
    const parent = stack[stack.length - 1]
    if (!parent) return void (root = { name, value })
    const children = (parent.children ??= {})
    const seen = children[name]
    // `item` is WeChat's list element: always a list, even of one.
    if (seen === undefined) children[name] = name === 'item' ? [value] : value
    else if (Array.isArray(seen)) seen.push(value)
    else children[name] = [seen, value]
  }
  while (i < text.length) {
    const lt = text.indexOf('<', i)
    const between = text.slice(i, lt < 0 ? text.length : lt)
    const top = stack[stack.length - 1]
    if (top) {
      if (lt < 0) return undefined
      const decoded = decode(between.trim())
      if (decoded === undefined) return undefined
      top.text += decoded
    } else if (between.trim() !== '') return undefined
    if (lt < 0) break
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4)
      if (end < 0) return undefined
      i = end + 3
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9)
      if (!top || end < 0) return undefined
      top.text += text.slice(lt + 9, end)
      i = end + 3
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2)
      if (end < 0) return undefined
      i = end + 2
    } else if (text[lt + 1] === '/') {
      END_TAG.lastIndex = lt
      const m = END_TAG.exec(text)
      if (!m || !top || m[1] !== top.name) return undefined
      stack.pop()
      if (top.children && top.text !== '') top.children['#text'] = top.text
      close(top.name, top.children ?? top.text)
      i = END_TAG.lastIndex
    } else {
      // Anything else starting `<!` (DOCTYPE, ENTITY) fails the start-tag pattern: refused.
      START_TAG.lastIndex = lt
      const m = START_TAG.exec(text)
      const name = m?.[1]
      if (!m || !name || (root && !top) || RESERVED.has(name) || stack.length >= maxDepth) return undefined
      if (m[2]) close(name, '')
      else stack.push({ name, text: '' })
      i = START_TAG.lastIndex
    }
  }
  return stack.length ? undefined : root
}

// A name, then attributes (ignored; quoted values without `<`), then `>` or `/>`.
const START_TAG = /<([A-Za-z_][\w.:-]*)(?:\s+[A-Za-z_:][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*(\/?)>/y
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y
// Names that would reach an object's prototype when used as keys.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype'])
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const REFERENCE = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][\w.-]*));/g

/**
 * Text with XML's five entities and numeric character references decoded; HTML's named entities
 * (`&nbsp;`, not XML) stay as written. Undefined for a bare `&` or a reference to no character.
 */
function decode(text: string): string | undefined {
  if (!text.includes('&')) return text
  let bad = text.replace(REFERENCE, '').includes('&')
  const out = text.replace(REFERENCE, (whole, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return NAMED[name] ?? whole
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec)
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) bad = true
    return bad ? '' : String.fromCodePoint(code)
  })
  return bad ? undefined : out
}
