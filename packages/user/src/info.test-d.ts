import { describe, expectTypeOf, it } from 'vitest'
import type { WeChatClient } from '@wxmp/core'
import { getUserInfo, iterateFollowers, type OpenIdPage, type UserInfo } from './index'

declare const wx: WeChatClient

describe('UserInfo', () => {
  it('carries follow details only once `subscribed` is checked', () => {
    const user = {} as UserInfo
    // @ts-expect-error remark exists only on a subscribed user
    void user.remark
    if (user.subscribed) expectTypeOf(user.tagIds).toEqualTypeOf<readonly number[]>()
    else expectTypeOf(user).toHaveProperty('openid')
  })

  it('does not promise the withdrawn profile fields', () => {
    expectTypeOf<UserInfo>().not.toHaveProperty('nickname')
    expectTypeOf<Extract<UserInfo, { subscribed: true }>>().not.toHaveProperty('headimgurl')
  })

  it('takes only the three languages WeChat knows', () => {
    expectTypeOf(getUserInfo).toBeCallableWith(wx, 'openid', { lang: 'zh_TW' })
    // @ts-expect-error not a WeChat language
    void getUserInfo(wx, 'openid', { lang: 'fr' })
  })

  it('iterates openids as strings and pages as OpenIdPage', () => {
    expectTypeOf(iterateFollowers(wx)).toEqualTypeOf<AsyncGenerator<string, void, undefined>>()
    expectTypeOf<OpenIdPage['openids']>().toEqualTypeOf<readonly string[]>()
  })
})
