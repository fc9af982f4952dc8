import { expectTypeOf, test } from 'vitest'
import type { WeChatClient } from '@wxmp/core'
import {
  createJsApiConfig,
  getJsApiTicket,
  signJsApiConfig,
  type CreateJsApiConfigOptions,
  type JsApiConfig,
  type TicketType,
} from './index'

test('createJsApiConfig needs the page URL and the API list, and answers the wx.config shape', () => {
  expectTypeOf<{ url: string }>().not.toMatchTypeOf<CreateJsApiConfigOptions>()
  expectTypeOf<{ url: string; jsApiList: string[] }>().toMatchTypeOf<CreateJsApiConfigOptions>()
  expectTypeOf(createJsApiConfig).returns.resolves.toEqualTypeOf<JsApiConfig>()
  // Nothing secret is part of the type a server sends to a browser.
  expectTypeOf<keyof JsApiConfig>().toEqualTypeOf<
    'debug' | 'appId' | 'timestamp' | 'nonceStr' | 'signature' | 'jsApiList' | 'openTagList'
  >()
})

test('tickets come in the two types WeChat has', () => {
  expectTypeOf<TicketType>().toEqualTypeOf<'jsapi' | 'wx_card'>()
  expectTypeOf(getJsApiTicket).parameter(0).toEqualTypeOf<WeChatClient>()
  expectTypeOf(getJsApiTicket).returns.resolves.toEqualTypeOf<string>()
})

test('signing takes a number timestamp and answers the hex signature', () => {
  expectTypeOf(signJsApiConfig).parameter(0).toHaveProperty('timestamp').toEqualTypeOf<number>()
  expectTypeOf(signJsApiConfig).returns.resolves.toEqualTypeOf<string>()
})
