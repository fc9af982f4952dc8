export { getUserInfo, batchGetUserInfo, getUserInfoChunked, BATCH_USER_INFO_MAX } from './info'
export { listFollowers, iterateFollowers } from './followers'
export { iterateFollowerInfo } from './follower-info'
export { updateUserRemark, REMARK_MAX_BYTES } from './remark'
export { listBlacklist, iterateBlacklist, blacklistUsers, unblacklistUsers, BLACKLIST_BATCH_MAX } from './blacklist'
export type {
  UserInfo,
  SubscribedUser,
  UnsubscribedUser,
  UserInfoLanguage,
  SubscribeScene,
  OpenIdPage,
  UserInfoOptions,
  UserInfoChunkedOptions,
  ListFollowersOptions,
  IterateFollowerInfoOptions,
  ListBlacklistOptions,
} from './types'
export { changeOpenIds, changeOpenIdsChunked, CHANGE_OPENID_MAX } from './change-openid'
export type { OpenIdChange } from './change-openid'
