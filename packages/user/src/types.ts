// Public types of @wxmp/user: what WeChat's user endpoints return, camelCased.
import type { CallOptions } from '@wxmp/core'

/** Languages `user/info` localises into (`lang`). */
export type UserInfoLanguage = 'zh_CN' | 'zh_TW' | 'en'

/**
 * How a user came to follow (`subscribe_scene`). WeChat adds scenes over time, so any string may
 * arrive; the known ones are listed for completion.
 */
export type SubscribeScene =
  | 'ADD_SCENE_SEARCH'
  | 'ADD_SCENE_ACCOUNT_MIGRATION'
  | 'ADD_SCENE_PROFILE_CARD'
  | 'ADD_SCENE_QR_CODE'
  | 'ADD_SCENE_PROFILE_LINK'
  | 'ADD_SCENE_PROFILE_ITEM'
  | 'ADD_SCENE_PAID'
  | 'ADD_SCENE_WECHAT_ADVERTISEMENT'
  | 'ADD_SCENE_REPRINT'
  | 'ADD_SCENE_LIVESTREAM'
  | 'ADD_SCENE_CHANNELS'
  | 'ADD_SCENE_WXA'
  | 'ADD_SCENE_OTHERS'
  | (string & {})

/**
 * A user who follows the account, as `user/info` describes them today. Since 2021-12-27 WeChat no
 * longer returns nickname, sex, city, province, country or avatar here: a profile needs OAuth
 * (`snsapi_userinfo`, see @wxmp/oauth).
 */
export interface SubscribedUser {
  readonly subscribed: true
  readonly openid: string
  /** The user's own language, e.g. `zh_CN`. */
  readonly language: string
  /** When they (last) followed, epoch seconds. */
  readonly subscribeTime: number
  /** Only when the account is bound to an Open Platform account. */
  readonly unionId?: string
  /** The remark the account set (`updateUserRemark`); '' when none. */
  readonly remark: string
  /** Legacy group id (see @wxmp/groups): 0 未分组 when none. */
  readonly groupId: number
  /** Tag ids, in the order they were added. */
  readonly tagIds: readonly number[]
  readonly subscribeScene: SubscribeScene
  /** Scene of the QR code they followed through (0 when none). */
  readonly qrScene: number
  readonly qrSceneStr: string
}

/** A user who does not (or no longer) follow: WeChat returns nothing else about them. */
export interface UnsubscribedUser {
  readonly subscribed: false
  readonly openid: string
  readonly unionId?: string
}

/** `user/info`'s answer: check `subscribed` before reading the rest. */
export type UserInfo = SubscribedUser | UnsubscribedUser

/** One page of openids (`user/get`, `getblacklist`). */
export interface OpenIdPage {
  /** Size of the whole list. */
  readonly total: number
  /** Openids on this page (at most 10,000). */
  readonly count: number
  readonly openids: readonly string[]
  /**
   * Cursor for the next page: the last openid of this page. WeChat hands it out on the last page
   * too; the page after that is empty. '' when there is nothing more.
   */
  readonly nextOpenid: string
}

export interface UserInfoOptions extends CallOptions {
  /** Language for localised fields. @default 'zh_CN' */
  readonly lang?: UserInfoLanguage
}

export interface UserInfoChunkedOptions extends UserInfoOptions {
  /** Calls in flight at once. @default 4 */
  readonly concurrency?: number
}

export interface ListFollowersOptions extends CallOptions {
  /** Start after this openid (a previous page's `nextOpenid`). @default '' (the beginning) */
  readonly nextOpenid?: string
}

/** Options of `iterateFollowerInfo`: the language of `user/info` and where the follower list starts. */
export interface IterateFollowerInfoOptions extends UserInfoOptions, ListFollowersOptions {}

export interface ListBlacklistOptions extends CallOptions {
  /** Start after this openid (a previous page's `nextOpenid`). @default '' (the beginning) */
  readonly beginOpenid?: string
}
