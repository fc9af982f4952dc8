import { expectTypeOf, test } from 'vitest'
import type { WeChatClient } from '@wxmp/core'
import {
  exchangeCode,
  verifyState,
  type OAuthClient,
  type OAuthToken,
  type StateRefusal,
  type OAuthErrorReason,
  type WeChatOAuthError,
} from './index'

test('the sns functions take a core client or plain credentials', () => {
  expectTypeOf<WeChatClient>().toMatchTypeOf<OAuthClient>()
  expectTypeOf<{ appId: string; appSecret: string }>().toMatchTypeOf<OAuthClient>()
  expectTypeOf<{ appId: string }>().not.toMatchTypeOf<OAuthClient>()
  expectTypeOf(exchangeCode).returns.resolves.toEqualTypeOf<OAuthToken>()
})

test('a state check narrows to the data or the refusal reason', async () => {
  const check = await verifyState('x', { secret: 's' })
  if (check.ok) expectTypeOf(check.data).toEqualTypeOf<string>()
  else expectTypeOf(check.reason).toEqualTypeOf<StateRefusal>()
})

test('an OAuth error has an errcode and a reason', () => {
  expectTypeOf<WeChatOAuthError['reason']>().toEqualTypeOf<OAuthErrorReason>()
  expectTypeOf<WeChatOAuthError['errcode']>().toEqualTypeOf<number>()
  expectTypeOf<OAuthToken['isSnapshotUser']>().toEqualTypeOf<boolean>()
})
