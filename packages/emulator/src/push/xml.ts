// The small XML dialect of WeChat pushes and passive replies: one <xml> root, elements only, text
// in CDATA or escaped, arrays as repeated <item>. (fast-xml-parser would do; it is not a
// dependency of the emulator yet, and this dialect has no attributes, namespaces or DTDs.)

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
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element('item', v)).join('')}</${name}>`
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join('')}</${name}>`
  }
  if (typeof value === 'number' || typeof value === 'bigint') return `<${name}>${value.toString()}</${name}>`
  return `<${name}>${cdata(String(value))}</${name}>`
}

/** `<xml>...</xml>` of `fields`: strings in CDATA, numbers bare, objects nested, arrays as <item>s. */
export function toXml(fields: Record<string, unknown>): string {
  return element('xml', fields)
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
    return ENTITIES[e] ?? m
  })
}

/** Parses the root element's content; throws an Error saying where the XML is broken. */
export function parseXml(text: string): { root: string; value: XmlValue } {
  let i = 0
  const src = text.replace(/^\uFEFF/, '')
  const skip = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i] as string)) i++
      if (src.startsWith('<?', i)) i = expectEnd('?>')
      else if (src.startsWith('<!--', i)) i = expectEnd('-->')
      else return
    }
  }
  const expectEnd = (end: string) => {
    const at = src.indexOf(end, i)
    if (at < 0) throw new Error(`unterminated ${end}`)
    return at + end.length
  }
  const parseElement = (): { name: string; value: XmlValue } => {
    const open = /^<([A-Za-z_][\w.-]*)\s*(\/?)>/.exec(src.slice(i, i + 200))
    if (!open) throw new Error(`expected an element at ${i}`)
    const name = open[1] as string
    i += open[0].length
    if (open[2] === '/') return { name, value: '' }
    let textValue = ''
    const children: [string, XmlValue][] = []
    for (;;) {
      if (i >= src.length) throw new Error(`<${name}> is not closed`)
      if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i)
        if (end < 0) throw new Error('unterminated CDATA')
        textValue += src.slice(i + 9, end)
        i = end + 3
      } else if (src.startsWith('<!--', i)) {
        i = expectEnd('-->')
      } else if (src.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(src.slice(i, i + 200))
        if (!close || close[1] !== name) throw new Error(`</${name}> expected at ${i}`)
        i += close[0].length
        break
      } else if (src[i] === '<') {
        const child = parseElement()
        children.push([child.name, child.value])
      } else {
        const next = src.indexOf('<', i)
        textValue += unescape(src.slice(i, next < 0 ? src.length : next))
        i = next < 0 ? src.length : next
      }
    }
    if (children.length === 0) return { name, value: textValue }
    if (children.every(([n]) => n === 'item')) return { name, value: children.map(([, v]) => v) }
    const obj: XmlObject = {}
    for (const [n, v] of children) {
      const prev = obj[n]
      obj[n] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
    }
    return { name, value: obj }
  }
  skip()
  const { name, value } = parseElement()
  skip()
  if (i !== src.length) throw new Error('content after the root element')
  return { root: name, value }
}
