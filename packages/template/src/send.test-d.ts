import { describe, expectTypeOf, it } from 'vitest'
import type { WeChatClient } from '@wxmp/core'
import { defineTemplate, sendTemplateMessage, type KeysOf, type TemplateData, type TemplateId, type TemplateSendResult } from './index'

declare const wx: WeChatClient
const openid = 'oUser'
const shipped = defineTemplate('tmpl', ['thing1', 'time2', 'amount3'])

describe('typed template data', () => {
  it('carries the declared keys in the template id', () => {
    expectTypeOf(shipped).toEqualTypeOf<TemplateId<'thing1' | 'time2' | 'amount3'>>()
    expectTypeOf<KeysOf<typeof shipped>>().toEqualTypeOf<'thing1' | 'time2' | 'amount3'>()
    expectTypeOf(shipped).toMatchTypeOf<string>()
  })

  it('accepts every declared key with a value of its kind', () => {
    expectTypeOf(
      sendTemplateMessage(wx, { openid, templateId: shipped, data: { thing1: 'Headphones', time2: new Date(), amount3: 299 } }),
    ).toEqualTypeOf<Promise<TemplateSendResult>>()
  })

  it('refuses a missing key', () => {
    // @ts-expect-error amount3 is missing
    void sendTemplateMessage(wx, { openid, templateId: shipped, data: { thing1: 'Headphones', time2: '15:01' } })
  })

  it('refuses a key the template does not declare', () => {
    // @ts-expect-error thing4 is not a key of this template
    void sendTemplateMessage(wx, { openid, templateId: shipped, data: { thing1: 'a', time2: '15:01', amount3: '1', thing4: 'extra' } })
  })

  it('refuses a value of the wrong type for its kind', () => {
    // @ts-expect-error a thing is text, not a number
    void sendTemplateMessage(wx, { openid, templateId: shipped, data: { thing1: 42, time2: '15:01', amount3: '1' } })
    // @ts-expect-error an amount is not a Date
    void sendTemplateMessage(wx, { openid, templateId: shipped, data: { thing1: 'a', time2: '15:01', amount3: new Date() } })
  })

  it('types a value by its key name', () => {
    expectTypeOf<TemplateData<'time2' | 'thing1' | 'character_string3' | 'keyword1'>>().toEqualTypeOf<{
      readonly time2: string | Date
      readonly thing1: string
      readonly character_string3: string | number
      readonly keyword1: string
    }>()
  })

  it('leaves a plain string template id untyped', () => {
    const id: string = 'legacy-template'
    expectTypeOf(sendTemplateMessage(wx, { openid, templateId: id, data: { first: 'Hi', anything: 1, when: new Date() } })).toEqualTypeOf<
      Promise<TemplateSendResult>
    >()
  })

  it('accepts only template key names when defining', () => {
    defineTemplate('tmpl', ['keyword1', 'phone_number2', 'short_thing3'])
    // @ts-expect-error "thnig1" is not a template key
    defineTemplate('tmpl', ['thnig1'])
    // @ts-expect-error WeChat dropped "first" and "remark" in 2023
    defineTemplate('tmpl', ['first', 'keyword1'])
  })

  it('returns the msgid as a string', () => {
    expectTypeOf<TemplateSendResult['msgId']>().toEqualTypeOf<string>()
  })
})
