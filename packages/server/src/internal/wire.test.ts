// The flat-message reader (readFlat, wire.ts) against the parser it stands in for: on every document
// it takes, it must give exactly what the parser gives (fields, or the parser's refusal is never
// skipped: a document the parser refuses is never taken). Documents are generated near WeChat's flat
// shape with the characters and forms where XML readers differ: entities, line breaks, control
// characters, CDATA, `]]>`, repeated, list, prototype and invalid names, declarations, trailing text.
// Samples: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
import { describe, expect, it } from 'vitest'
import { MAX_DEPTH, parseBody, readFlat } from './wire'
import { parseXml } from './xml'

/** A small seeded generator (mulberry32): the same documents every run. */
function random(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
}

// Two kinds of documents: clean ones, made only of what WeChat sends (the fast path must take them),
// and hazardous ones, with the characters and forms where XML readers differ.
const SAFE_NAMES = ['ToUserName', 'Content', 'MsgId', 'Event', 'a', '_x', 'A_b9', 'Label', 'Url']
const SAFE_CHARS = ['a', 'Z', '9', '中', '😀', ' ', '\t', '\n', '>', '"', "'", '/', '\u00A0', '\u2028', '\uFEFF', '.', ':', ']']
const SAFE_GAPS = ['', ' ', '\n', '\t', '\n  ', '\u00A0']
const NAMES = [...SAFE_NAMES, 'item', '__proto__', 'constructor', 'prototype', 'toString', '1a', 'xmlns']
const CHARS = [...SAFE_CHARS, '\r', '&', '&amp;', '&lt;', '&#60;', '&nbsp;', ']]>', '\u0001', '\u0000', '\uFFFE', '<']
const GAPS = [...SAFE_GAPS, '\r\n', ' x ']
const HEADS = ['', '', '  ', '\n', '\uFEFF', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml junk?>']
const TAILS = ['', '', '\n', ' ', ' \u00A0', '\u2028', 'x', '<!-- c -->', '<xml></xml>']

function document(pick: ReturnType<typeof random>): { text: string; clean: boolean } {
  const clean = pick([true, false])
  const [names, chars, gaps] = clean ? [SAFE_NAMES, SAFE_CHARS, SAFE_GAPS] : [NAMES, CHARS, GAPS]
  const fields: string[] = []
  const used = new Set<string>()
  const count = pick(clean ? [1, 2, 3, 4, 6] : [0, 1, 2, 3, 4, 6])
  for (let i = 0; i < count; i++) {
    let name = pick(names)
    // A clean document names each field once (a repeat is a list: the parser's).
    if (clean) while (used.has(name)) name = `${name}x`
    used.add(name)
    let value = ''
    const length = pick([0, 1, 2, 4, 8])
    for (let k = 0; k < length; k++) value += pick(chars)
    // Inside CDATA a clean value has no `]` (the flat shape's rule: `]]>` ends it).
    const cdata = pick([true, false])
    // `]]>` is not allowed in text either.
    const content = cdata ? `<![CDATA[${clean ? value.replaceAll(']', '') : value}]]>` : clean ? value.replaceAll(']]>', '] ]>') : value
    fields.push(`${pick(gaps)}<${name}>${content}</${clean ? name : pick([name, name, name, 'Other'])}>`)
  }
  const text = `${clean ? pick(['', ' ', '\n']) : pick(HEADS)}<xml>${fields.join('')}${pick(gaps)}</xml>${clean ? pick(['', '\n', ' ']) : pick(TAILS)}`
  return { text, clean }
}

describe('readFlat', () => {
  it('gives exactly what the parser gives on every document it takes, and takes every clean one (20,000 generated)', () => {
    const pick = random(20261208)
    let taken = 0
    let hazardsTaken = 0
    for (let i = 0; i < 20_000; i++) {
      const { text, clean } = document(pick)
      const flat = readFlat(text)
      if (clean) expect({ text, taken: flat !== undefined }).toEqual({ text, taken: true })
      if (flat === undefined) continue
      taken++
      if (!clean) hazardsTaken++
      const parsed = parseXml(text, MAX_DEPTH + 1)
      expect({ text, parsed: parsed && { name: parsed.name, value: parsed.value } }).toEqual({ text, parsed: { name: 'xml', value: flat } })
    }
    // Both kinds reached the fast path, or this test proves little.
    expect(taken).toBeGreaterThan(9_000)
    expect(hazardsTaken).toBeGreaterThan(30)
  })

  it("takes WeChat's flat samples, and parseBody reads them the same either way", () => {
    const samples = [
      '<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId></xml>',
      '<xml>\n  <ToUserName><![CDATA[toUser]]></ToUserName>\n  <FromUserName><![CDATA[FromUser]]></FromUserName>\n  <CreateTime>123456789</CreateTime>\n  <MsgType><![CDATA[event]]></MsgType>\n  <Event><![CDATA[subscribe]]></Event>\n  <EventKey><![CDATA[qrscene_123123]]></EventKey>\n  <Ticket><![CDATA[TICKET]]></Ticket>\n</xml>\n',
    ]
    for (const text of samples) {
      const flat = readFlat(text)
      expect(flat).toBeDefined()
      expect(parseBody(text)).toEqual({ ok: true, format: 'xml', fields: parseXml(text, MAX_DEPTH + 1)?.value })
    }
  })

  it.each([
    ['an entity', '<xml><Content>1 &lt; 2</Content></xml>'],
    ['a carriage return', '<xml><Content><![CDATA[a\r\nb]]></Content></xml>'],
    ['a repeated field', '<xml><A>1</A><A>2</A></xml>'],
    ['an item list', '<xml><item>1</item></xml>'],
    ['a prototype key', '<xml><__proto__>1</__proto__></xml>'],
    ['a name starting with a digit', '<xml><1a>1</1a></xml>'],
    ['`]]>` outside CDATA', '<xml><A>x]]>y</A></xml>'],
    ['an XML declaration', '<?xml version="1.0"?><xml><A>1</A></xml>'],
    ['text after the root', '<xml><A>1</A></xml>\u00A0'],
    ['no field', '<xml> </xml>'],
    ['a nested field', '<xml><A><B>1</B></A></xml>'],
  ])('leaves %s to the parser', (_, text) => {
    expect(readFlat(text)).toBeUndefined()
  })
})
