// The push XML parser: what it reads the way fast-xml-parser read it (a differential test on WeChat's
// samples), and what it refuses. Samples: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
// and https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { parseXml } from './xml'

// The options the server used with fast-xml-parser before this parser replaced it.
const reference = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as unknown as boolean,
  isArray: (name: string) => name === 'item',
})
const SAMPLES = [
  '<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId></xml>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName>\n  <CreateTime>1408090816</CreateTime>\n  <Event><![CDATA[pic_weixin]]></Event>\n  <SendPicsInfo><Count>1</Count>\n    <PicList><item><PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]></PicMd5Sum></item></PicList>\n  </SendPicsInfo>\n</xml>',
  '<xml><Label><![CDATA[  spaces kept in CDATA  ]]></Label><A>1 &lt; 2 &amp;&#x41;&#66;</A><B/><C attr="v"></C><!-- a comment --></xml>',
]

describe('parseXml', () => {
  it("reads WeChat's samples as fast-xml-parser did", () => {
    for (const sample of SAMPLES) expect(parseXml(sample, 8)).toEqual({ name: 'xml', value: reference.parse(sample).xml })
  })

  it('turns a repeated element into a list and keeps `item` a list even of one', () => {
    expect(parseXml('<xml><List><T>a</T></List><List><T>b</T></List><P><item><X>1</X></item></P></xml>', 8)?.value).toEqual({
      List: [{ T: 'a' }, { T: 'b' }],
      P: { item: [{ X: '1' }] },
    })
  })

  it('reads a body with whitespace or a byte-order mark before its XML declaration', () => {
    expect(parseXml('\uFEFF \n<?xml version="1.0"?><xml><A>1</A></xml>', 8)?.value).toEqual({ A: '1' })
  })

  it("keeps HTML's named entities as written (not XML)", () => {
    expect(parseXml('<xml><A>a&nbsp;b</A></xml>', 8)?.value).toEqual({ A: 'a&nbsp;b' })
  })

  const refused: [string, string][] = [
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY a "b">]><xml><A>&a;</A></xml>'],
    ['a bare ampersand', '<xml><A>fish & chips</A></xml>'],
    ['a reference to U+0000', '<xml><A>&#0;</A></xml>'],
    ['a reference to a lone surrogate', '<xml><A>&#xD800;</A></xml>'],
    ['a mismatched end tag', '<xml><A>1</B></xml>'],
    ['an unclosed element', '<xml><A>1</A>'],
    ['a second root', '<xml></xml><xml></xml>'],
    ['text after the root', '<xml><A>1</A></xml>trailing'],
    ['an unterminated CDATA section', '<xml><A><![CDATA[1</A></xml>'],
    ['an unterminated comment', '<xml><!-- </xml>'],
    ['an element named __proto__', '<xml><__proto__><polluted>1</polluted></__proto__></xml>'],
    ['a `<` inside an attribute', '<xml a="<"></xml>'],
    ['an element named constructor', '<xml><constructor>1</constructor></xml>'],
    ['a DOCTYPE without entities', '<!DOCTYPE xml><xml><A>1</A></xml>'],
  ]
  for (const [what, text] of refused) {
    it(`refuses ${what}`, () => {
      expect(parseXml(text, 8)).toBeUndefined()
    })
  }

  it('refuses nesting deeper than its bound, and 100,000 levels without overflowing the stack', () => {
    expect(parseXml('<xml><a><b>1</b></a></xml>', 3)).toBeDefined()
    expect(parseXml('<xml><a><b><c>1</c></b></a></xml>', 3)).toBeUndefined()
    expect(parseXml(`<xml>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</xml>`, 9)).toBeUndefined()
    // Quoted `/>` or `>` in attribute values does not make an open tag look self-closed.
    expect(parseXml(`<xml>${'<a b="/>">'.repeat(100_000)}${'</a>'.repeat(100_000)}</xml>`, 9)).toBeUndefined()
    expect(parseXml('<xml><a b="x>"><c/><![CDATA[<d><e>]]><!-- <f><g> --></a></xml>', 2)).toBeDefined()
  })
})
