import { describe, expectTypeOf, it } from 'vitest'
import type { CustomMessage, WeChatClient } from '@wxmp/core'
import { sendCustomMessage } from './send'

declare const wx: WeChatClient

describe('sendCustomMessage types', () => {
  it('narrows fields by type', () => {
    expectTypeOf<Extract<CustomMessage, { type: 'wxcard' }>>().toEqualTypeOf<{ readonly type: 'wxcard'; readonly cardId: string }>()
  })
  it('refuses kinds and fields WeChat does not take here', () => {
    // @ts-expect-error images is a mass-only kind
    void sendCustomMessage(wx, 'o', { type: 'images', mediaIds: ['a'] })
    // @ts-expect-error text has content, not text
    void sendCustomMessage(wx, 'o', { type: 'text', text: 'hi' })
    void sendCustomMessage(wx, 'o', {
      type: 'news',
      // @ts-expect-error news takes exactly one article
      articles: [
        { title: 'a', url: 'u' },
        { title: 'b', url: 'u' },
      ],
    })
  })
})
