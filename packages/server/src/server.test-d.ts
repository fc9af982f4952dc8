// The union's narrowing and the reply types are the design: checked by the compiler.
import { expectTypeOf, test } from 'vitest'
import type { TextMessage } from '@wxmp/core'
import {
  createMessageServer,
  isJobFinishOf,
  isPublishJobFinishOf,
  type ImagePush,
  type PublishJobFinishEvent,
  type Push,
  type Reply,
  type TextPush,
} from './index'

test('narrowing on msgType, then event, gives each kind its fields', () => {
  const push = {} as Push
  if (push.msgType === 'text') expectTypeOf(push.content).toEqualTypeOf<string>()
  if (push.msgType === 'voice') expectTypeOf(push.recognition).toEqualTypeOf<string | undefined>()
  if (push.msgType === 'event' && push.event === 'subscribe') expectTypeOf(push.scene).toEqualTypeOf<string | undefined>()
  if (push.msgType === 'event' && push.event === 'SCAN') expectTypeOf(push.scene).toEqualTypeOf<string>()
  if (push.msgType === 'event' && push.event === 'MASSSENDJOBFINISH') expectTypeOf(push.sentCount).toEqualTypeOf<number>()
  if (push.msgType === 'unknown') expectTypeOf(push.wireMsgType).toEqualTypeOf<string>()
  // @ts-expect-error a text message has no event
  if (push.msgType === 'text') void push.event
})

test('64-bit ids are strings', () => {
  const push = {} as Push
  if (push.msgType === 'text') expectTypeOf(push.msgId).toEqualTypeOf<string>()
  if (isJobFinishOf(push, { msgId: '1' })) expectTypeOf(push.msgId).toEqualTypeOf<string>()
})

test('handle returns a reply, nothing, or a promise of either', () => {
  createMessageServer({ appId: 'wx1', token: 'abc', handle: () => ({ type: 'text', content: 'hi' }) })
  createMessageServer({ appId: 'wx1', token: 'abc', handle: async () => undefined })
  createMessageServer({ appId: 'wx1', token: 'abc', handle: () => {} })
  const twoArticles: Reply = {
    type: 'news',
    // @ts-expect-error a news reply holds exactly one article
    articles: [
      { title: 'a', url: 'u' },
      { title: 'b', url: 'u' },
    ],
  }
  // @ts-expect-error 'markdown' is not a passive reply kind
  const unknownKind: Reply = { type: 'markdown', content: 'x' }
  void twoArticles
  void unknownKind
})

test("received messages are XxxPush, apart from core's outgoing XxxMessage", () => {
  const push = {} as Push
  if (push.msgType === 'text') expectTypeOf(push).toEqualTypeOf<TextPush>()
  if (push.msgType === 'image') expectTypeOf(push).toEqualTypeOf<ImagePush>()
  expectTypeOf<TextPush>().not.toEqualTypeOf<TextMessage>()
})

test('the publish and subscription events carry the fields @wxmp/publish and @wxmp/subscribe code against', () => {
  const push = {} as Push
  if (push.msgType === 'event' && push.event === 'PUBLISHJOBFINISH') {
    expectTypeOf(push).toEqualTypeOf<PublishJobFinishEvent>()
    expectTypeOf(push.publishId).toEqualTypeOf<string>()
    expectTypeOf(push.publishStatus).toEqualTypeOf<number>()
    expectTypeOf(push.articles).toEqualTypeOf<readonly { readonly idx: number; readonly articleUrl: string }[] | undefined>()
    expectTypeOf(push.failIdx).toEqualTypeOf<readonly number[] | undefined>()
  }
  if (push.msgType === 'event' && push.event === 'subscribe_msg_sent_event') expectTypeOf(push.list[0]!.msgId).toEqualTypeOf<string>()
  if (push.msgType === 'event' && push.event === 'subscribe_msg_popup_event')
    expectTypeOf(push.list[0]!.popupScene).toEqualTypeOf<number | undefined>()
  if (isPublishJobFinishOf(push, '1')) expectTypeOf(push.event).toEqualTypeOf<'PUBLISHJOBFINISH'>()
})
