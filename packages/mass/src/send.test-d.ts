import { describe, expectTypeOf, it } from 'vitest'
import type { WeChatClient } from '@wxmp/core'
import { sendMassMessage, type MassAudience, type MassSendResult } from './send'

declare const wx: WeChatClient

describe('sendMassMessage types', () => {
  it('takes one audience shape at a time', () => {
    expectTypeOf<{ all: true }>().toExtend<MassAudience>()
    expectTypeOf<{ tagId: number }>().toExtend<MassAudience>()
    expectTypeOf<{ openIds: string[] }>().toExtend<MassAudience>()
    expectTypeOf<{ all: false }>().not.toExtend<MassAudience>()
  })
  it('takes only the kinds WeChat mass-sends', () => {
    // @ts-expect-error a news link card is a customer-service kind
    void sendMassMessage(wx, { all: true }, { type: 'news', articles: [{ title: 't', url: 'u' }] })
    // @ts-expect-error images need mediaIds
    void sendMassMessage(wx, { all: true }, { type: 'images', mediaId: 'x' })
  })
  it('returns ids as strings', () => {
    expectTypeOf<MassSendResult['msgId']>().toEqualTypeOf<string>()
    expectTypeOf<MassSendResult['msgDataId']>().toEqualTypeOf<string | undefined>()
  })
})
