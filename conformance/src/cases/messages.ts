// Customer-service messages, kf accounts, mass messages: the SDK calls behind data/custom.json and
// data/mass.json, and the typed results of the documented answers.
import {
  addKfAccount,
  deleteKfAccount,
  inviteKfWorker,
  listKfAccounts,
  listOnlineKfAccounts,
  sendCard,
  sendCustomMessage,
  sendImage,
  sendMenu,
  sendMiniProgramPage,
  sendMpNews,
  sendMpNewsArticle,
  sendMusic,
  sendNews,
  sendText,
  sendVideo,
  sendVoice,
  setTyping,
  updateKfAccount,
  uploadKfAvatar,
} from '@wxmp/custom'
import {
  deleteMassMessage,
  getMassMessageStatus,
  getMassSpeed,
  previewMassMessage,
  sendMassMessage,
  setMassSpeed,
  uploadMassVideo,
  type MassMessage,
} from '@wxmp/mass'
import { expect } from 'vitest'
import { isMassSendUnconfirmedError } from '@wxmp/mass'
import type { Cases } from './types'

export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9])

export const customCases: Cases = {
  'custom.send.text': { call: ({ wx }) => sendText(wx, 'OPENID', 'Hello World') },
  'custom.send.image': { call: ({ wx }) => sendImage(wx, 'OPENID', 'MEDIA_ID') },
  'custom.send.voice': { call: ({ wx }) => sendVoice(wx, 'OPENID', 'MEDIA_ID') },
  'custom.send.video': {
    call: ({ wx }) =>
      sendVideo(wx, 'OPENID', { mediaId: 'MEDIA_ID', thumbMediaId: 'MEDIA_ID', title: 'TITLE', description: 'DESCRIPTION' }),
  },
  'custom.send.music': {
    call: ({ wx }) =>
      sendMusic(wx, 'OPENID', {
        title: 'MUSIC_TITLE',
        description: 'MUSIC_DESCRIPTION',
        musicUrl: 'https://example.com/MUSIC_URL.mp3',
        hqMusicUrl: 'https://example.com/HQ_MUSIC_URL.mp3',
        thumbMediaId: 'THUMB_MEDIA_ID',
      }),
  },
  'custom.send.news': {
    call: ({ wx }) =>
      sendNews(wx, 'OPENID', {
        title: 'Happy Day',
        description: 'Is Really A Happy Day',
        url: 'https://example.com/URL',
        picUrl: 'https://example.com/PIC_URL.jpg',
      }),
  },
  'custom.send.mpnews': { call: ({ wx }) => sendMpNews(wx, 'OPENID', 'MEDIA_ID') },
  'custom.send.mpnewsarticle': { call: ({ wx }) => sendMpNewsArticle(wx, 'OPENID', 'ARTICLE_ID') },
  'custom.send.msgmenu': {
    call: ({ wx }) =>
      sendMenu(wx, 'OPENID', {
        headContent: '您对本次服务是否满意呢? ',
        items: [
          { id: '101', content: '满意' },
          { id: '102', content: '不满意' },
        ],
        tailContent: '欢迎再次光临',
      }),
  },
  'custom.send.wxcard': { call: ({ wx }) => sendCard(wx, 'OPENID', '123dsdajkasd231jhksad') },
  'custom.send.miniprogrampage': {
    call: ({ wx }) =>
      sendMiniProgramPage(wx, 'OPENID', { title: 'title', appId: 'appid', pagePath: 'pagepath', thumbMediaId: 'thumb_media_id' }),
  },
  'custom.send.kf': {
    call: ({ wx }) => sendCustomMessage(wx, 'OPENID', { type: 'text', content: 'Hello World' }, { kfAccount: 'test1@kftest' }),
  },
  'custom.typing.on': { call: ({ wx }) => setTyping(wx, 'OPENID', true) },
  'custom.typing.off': { call: ({ wx }) => setTyping(wx, 'OPENID', false) },
  'kf.list': {
    call: ({ wx }) => listKfAccounts(wx),
    expect: {
      success: [
        {
          account: 'test1@test',
          nickname: 'ntest1',
          id: '1001',
          avatarUrl: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl2iccsvYbHvnphkyGtnvjfUS8Ym0GSaLic0FD3vN0V8PILcibEGb2fPfEOmw/0',
          wechatId: 'kfwx1',
        },
        { account: 'test2@test', nickname: 'ntest2', id: '1002', invite: { wechatId: 'kfwx2', expiresAt: 123456789, status: 'waiting' } },
      ],
    },
  },
  'kf.online': {
    call: ({ wx }) => listOnlineKfAccounts(wx),
    expect: {
      success: [
        { account: 'test1@test', id: '1001', status: 1, acceptedCases: 1 },
        { account: 'test2@test', id: '1002', status: 1, acceptedCases: 2 },
      ],
    },
  },
  'kf.add': { call: ({ wx }) => addKfAccount(wx, 'test1@test', '客服1') },
  'kf.invite': { call: ({ wx }) => inviteKfWorker(wx, 'test1@test', 'test_kfwx') },
  'kf.update': { call: ({ wx }) => updateKfAccount(wx, 'test1@test', '客服1') },
  'kf.avatar': { call: ({ wx }) => uploadKfAvatar(wx, 'test1@test', new Blob([JPEG], { type: 'image/jpeg' })) },
  'kf.del': { call: ({ wx }) => deleteKfAccount(wx, 'test1@test') },
}

const IMAGES: MassMessage = {
  type: 'images',
  mediaIds: ['aaa', 'bbb', 'ccc'],
  recommend: 'xxx',
  needOpenComment: true,
  onlyFansCanComment: false,
}
const KINDS: Record<string, MassMessage> = {
  mpnews: { type: 'mpnews', mediaId: '123dsdajkasd231jhksad' },
  text: { type: 'text', content: 'CONTENT' },
  voice: { type: 'voice', mediaId: '123dsdajkasd231jhksad' },
  image: IMAGES,
  mpvideo: { type: 'mpvideo', mediaId: 'IhdaAQXuvJtGzwwc0abfXnzeezfO0NgPK6AQYShD8RQYMTtfzbLdBIQkQziv2XJc' },
  wxcard: { type: 'wxcard', cardId: '123dsdajkasd231jhksad' },
}
const sent = { msgId: '34182', msgDataId: '206227730', duplicate: false }
const reprint = (kind: string) => (kind === 'mpnews' ? { sendIgnoreReprint: false } : {})

export const massCases: Cases = {
  ...Object.fromEntries(
    Object.entries(KINDS).map(([kind, message]) => [
      `mass.sendall.${kind}`,
      {
        call: ({ wx }) => sendMassMessage(wx, { tagId: 2 }, message, { clientMsgId: 'send_tag_2', ...reprint(kind) }),
        ...(kind === 'mpnews'
          ? {
              throws: {
                45066: (e: unknown) =>
                  expect(isMassSendUnconfirmedError(e) && e.reason === 'pending' && e.clientMsgId === 'send_tag_2').toBe(true),
              },
            }
          : {}),
        expect:
          kind === 'mpnews'
            ? {
                success: sent,
                bigid: { msgId: '3147483987654321234', msgDataId: '2247484106123456789' },
                45065: { msgId: '34182', duplicate: true },
              }
            : { success: sent },
      },
    ]),
  ),
  'mass.sendall.all': {
    call: ({ wx }) => sendMassMessage(wx, { all: true }, KINDS.text!, { clientMsgId: 'send_all_1' }),
    expect: { success: sent },
  },
  ...Object.fromEntries(
    ['mpnews', 'text', 'image'].map((kind) => [
      `mass.send.${kind}`,
      {
        call: ({ wx }) =>
          sendMassMessage(wx, { openIds: ['OPENID1', 'OPENID2'] }, KINDS[kind]!, { clientMsgId: 'send_openids_1', ...reprint(kind) }),
        expect: { success: sent },
      },
    ]),
  ),
  ...Object.fromEntries(
    ['mpnews', 'text', 'voice', 'image', 'mpvideo', 'wxcard'].map((kind) => [
      `mass.preview.${kind}`,
      {
        call: ({ wx }) =>
          previewMassMessage(
            wx,
            { openId: 'OPENID' },
            kind === 'image' ? { type: 'image', mediaId: '123dsdajkasd231jhksad' } : KINDS[kind]!,
          ),
        expect: { success: { msgId: '34182' } },
      },
    ]),
  ),
  'mass.preview.towxname': { call: ({ wx }) => previewMassMessage(wx, { wxName: '示例的微信号' }, KINDS.mpnews!) },
  'mass.get': {
    call: ({ wx }) => getMassMessageStatus(wx, '201053012'),
    expect: { success: { msgId: '201053012', status: 'SEND_SUCCESS' }, bigid: { msgId: '3147483987654321234', status: 'SENDING' } },
  },
  'mass.delete': { call: ({ wx }) => deleteMassMessage(wx, '30124', { articleIdx: 2 }) },
  'mass.delete.all': { call: ({ wx }) => deleteMassMessage(wx, '30124') },
  'mass.speed.get': { call: ({ wx }) => getMassSpeed(wx), expect: { success: { speed: 3, realSpeed: 15 } } },
  'mass.speed.set': { call: ({ wx }) => setMassSpeed(wx, 1) },
  'mass.uploadvideo': {
    call: ({ wx }) =>
      uploadMassVideo(wx, {
        mediaId: 'rF4UdIMfYK3efUfyoddYRMU50zMiRmmt_l0kszupYh_SzrcW5Gaheq05p_lHuOTQ',
        title: 'TITLE',
        description: 'Description',
      }),
    expect: { success: { mediaId: 'IhdaAQXuvJtGzwwc0abfXnzeezfO0NgPK6AQYShD8RQYMTtfzbLdBIQkQziv2XJc', createdAt: 1398848981 } },
  },
}
