// Token, user, groups/tags: the SDK calls that make the documented requests in data/token.json,
// data/user.json and data/groups.json, and the typed results of the documented answers.
import { batchGetUserInfo, blacklistUsers, getUserInfo, listBlacklist, listFollowers, unblacklistUsers, updateUserRemark } from '@wxmp/user'
import {
  createGroup,
  createTag,
  deleteGroup,
  deleteTag,
  getUserGroup,
  getUserTags,
  listGroups,
  listTagUsers,
  listTags,
  moveUserToGroup,
  moveUsersToGroup,
  renameGroup,
  renameTag,
  tagUsers,
  untagUsers,
} from '@wxmp/groups'
import type { Cases } from './types'

export const tokenCases: Cases = {
  'token.classic': {
    call: ({ make }) => make({ getAccessToken: undefined, tokenMode: 'classic' }).getAccessToken(),
    expect: { success: 'ACCESS_TOKEN' },
  },
  'token.stable': {
    call: ({ make }) => make({ getAccessToken: undefined, tokenMode: 'stable' }).getAccessToken(),
    expect: { success: 'ACCESS_TOKEN' },
  },
}

export const userCases: Cases = {
  'user.info': {
    call: ({ wx }) => getUserInfo(wx, 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', { lang: 'zh_CN' }),
    expect: {
      success: {
        subscribed: true,
        openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
        language: 'zh_CN',
        subscribeTime: 1382694957,
        unionId: ' o6_bmasdasdsad6_2sgVt7hMZOPfL',
        remark: '',
        groupId: 0,
        tagIds: [128, 2],
        subscribeScene: 'ADD_SCENE_QR_CODE',
        qrScene: 98765,
        qrSceneStr: '',
      },
      unsubscribed: { subscribed: false, openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' },
    },
  },
  'user.batchget': {
    call: ({ wx }) => batchGetUserInfo(wx, ['otvxTs4dckWG7imySrJd6jSi0CWE', 'otvxTs_JZ6SEiP0imdhpi50fuSZg'], { lang: 'zh_CN' }),
    expect: {
      success: [
        {
          subscribed: true,
          openid: 'otvxTs4dckWG7imySrJd6jSi0CWE',
          subscribeTime: 1434093047,
          unionId: 'oR5GjjgEhCMJFyzaVZdrxZ2zRRF4',
          tagIds: [128, 2],
        },
        { subscribed: false, openid: 'otvxTs_JZ6SEiP0imdhpi50fuSZg' },
      ],
    },
  },
  'user.get': {
    call: ({ wx }) => listFollowers(wx, { nextOpenid: 'NEXT_OPENID' }),
    expect: {
      success: { total: 2, count: 2, openids: ['OPENID1', 'OPENID2'], nextOpenid: 'NEXT_OPENID' },
      empty: { total: 2, count: 0, openids: [], nextOpenid: '' },
    },
  },
  'user.remark': { call: ({ wx }) => updateUserRemark(wx, 'oDF3iY9ffA-hqb2vVvbr7qxf6A0Q', 'pangzi') },
  'user.blacklist.get': {
    call: ({ wx }) => listBlacklist(wx, { beginOpenid: 'OPENID1' }),
    expect: { success: { total: 23000, count: 2, openids: ['OPENID1', 'OPENID2'], nextOpenid: 'OPENID2' } },
  },
  'user.blacklist.batch': { call: ({ wx }) => blacklistUsers(wx, ['OPENID1', 'OPENID2']) },
  'user.blacklist.unbatch': { call: ({ wx }) => unblacklistUsers(wx, ['OPENID1', 'OPENID2']) },
}

export const groupsCases: Cases = {
  'groups.create': { call: ({ wx }) => createGroup(wx, 'test'), expect: { success: { id: 107, name: 'test' } } },
  'groups.get': {
    call: ({ wx }) => listGroups(wx),
    expect: {
      success: [
        { id: 0, name: '未分组', count: 72596 },
        { id: 1, name: '黑名单', count: 36 },
        { id: 2, name: '星标组', count: 8 },
        { id: 104, name: '华东媒', count: 4 },
      ],
    },
  },
  'groups.getid': { call: ({ wx }) => getUserGroup(wx, 'od8XIjsmk6QdVTETa9jLtGWA6KBc'), expect: { success: 102 } },
  'groups.update': { call: ({ wx }) => renameGroup(wx, 108, 'test2_modify2') },
  'groups.members.update': { call: ({ wx }) => moveUserToGroup(wx, 'oDF3iYx0ro3_7jD4HFRDfrjdCM58', 108) },
  'groups.members.batchupdate': {
    call: ({ wx }) => moveUsersToGroup(wx, ['oDF3iYx0ro3_7jD4HFRDfrjdCM58', 'oDF3iY9FGSSRHjA_sqIL4Uf3ahDw'], 108),
  },
  'groups.delete': { call: ({ wx }) => deleteGroup(wx, 108) },
  'tags.create': { call: ({ wx }) => createTag(wx, '广东'), expect: { success: { id: 134, name: '广东' } } },
  'tags.get': {
    call: ({ wx }) => listTags(wx),
    expect: {
      success: [
        { id: 1, name: '每天一罐可乐星人', count: 0 },
        { id: 2, name: '星标组', count: 0 },
        { id: 127, name: '广东', count: 5 },
      ],
    },
  },
  'tags.update': { call: ({ wx }) => renameTag(wx, 134, '广东人') },
  'tags.delete': { call: ({ wx }) => deleteTag(wx, 134) },
  'tags.users': {
    call: ({ wx }) => listTagUsers(wx, 134),
    expect: {
      success: {
        count: 2,
        openids: ['ocYxcuAEy30bX0NXmGn4ypqx3tI0', 'ocYxcuBt0mRugKZ7tGAHPnUaOW7Y'],
        nextOpenid: 'ocYxcuBt0mRugKZ7tGAHPnUaOW7Y',
      },
    },
  },
  'tags.members.batchtagging': { call: ({ wx }) => tagUsers(wx, ['ocYxcuAEy30bX0NXmGn4ypqx3tI0', 'ocYxcuBt0mRugKZ7tGAHPnUaOW7Y'], 134) },
  'tags.members.batchuntagging': {
    call: ({ wx }) => untagUsers(wx, ['ocYxcuAEy30bX0NXmGn4ypqx3tI0', 'ocYxcuBt0mRugKZ7tGAHPnUaOW7Y'], 134),
  },
  'tags.getidlist': { call: ({ wx }) => getUserTags(wx, 'ocYxcuBt0mRugKZ7tGAHPnUaOW7Y'), expect: { success: [134, 2] } },
}
