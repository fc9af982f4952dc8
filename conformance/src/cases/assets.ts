// Media, QR codes, templates, OAuth: the SDK calls behind data/media.json, data/qrcode.json,
// data/template.json and data/oauth.json, and the typed results of the documented answers.
import { expect } from 'vitest'
import {
  addMaterial,
  addNewsMaterial,
  deleteMaterial,
  downloadHdVoice,
  downloadTemporaryMedia,
  getMaterial,
  getMaterialCount,
  listMaterials,
  updateNewsMaterial,
  uploadArticleImage,
  uploadNews,
  uploadTemporaryMedia,
} from '@wxmp/media'
import { createPermanentQrCode, createTemporaryQrCode, downloadQrCode, isQrCodeNotFoundError } from '@wxmp/qrcode'
import { addTemplate, deleteTemplate, getIndustry, listTemplates, sendTemplateMessage, setIndustry } from '@wxmp/template'
import { checkOAuthToken, exchangeCode, getOAuthUserInfo, isWeChatOAuthError, refreshOAuthToken, type OAuthErrorReason } from '@wxmp/oauth'
import { getJsApiTicket } from '@wxmp/jssdk'
import { JPEG } from './messages'
import type { Cases } from './types'

const file = (name: string, type: string, bytes: BlobPart = JPEG) => new File([bytes], name, { type })
const TICKET = 'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw=='
const QR_URL = 'http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI'

const isFile = (contentType: string, filename: string) => async (result: unknown) => {
  expect(result).toMatchObject({ kind: 'file', contentType, filename })
  const r = result as { body: ReadableStream<Uint8Array> }
  await r.body.cancel()
}

const NEWS_ARTICLE = {
  title: 'TITLE',
  thumbMediaId: 'THUMB_MEDIA_ID',
  author: 'AUTHOR',
  digest: 'DIGEST',
  showCoverPic: true,
  content: 'CONTENT',
  contentSourceUrl: 'https://example.com/CONTENT_SOURCE_URL',
}

export const mediaCases: Cases = {
  'media.upload.image': {
    call: ({ wx }) => uploadTemporaryMedia(wx, 'image', file('photo.jpg', 'image/jpeg')),
    expect: { success: { type: 'image', mediaId: 'MEDIA_ID', createdAt: 123456789 } },
  },
  'media.upload.thumb': {
    call: ({ wx }) => uploadTemporaryMedia(wx, 'thumb', file('thumb.jpg', 'image/jpeg')),
    expect: { success: { type: 'thumb', mediaId: 'THUMB_MEDIA_ID', createdAt: 123456789 } },
  },
  'media.get': {
    call: ({ wx }) => downloadTemporaryMedia(wx, 'MEDIA_ID'),
    expect: { success: isFile('image/jpeg', 'MEDIA_ID.jpg'), video: { kind: 'video', videoUrl: 'DOWN_URL' } },
  },
  'media.get.jssdk': { call: ({ wx }) => downloadHdVoice(wx, 'MEDIA_ID'), expect: { success: isFile('voice/speex', 'MEDIA_ID.speex') } },
  'media.uploadimg': {
    call: ({ wx }) => uploadArticleImage(wx, file('inline.jpg', 'image/jpeg')),
    expect: {
      success: {
        url: 'http://mmbiz.qpic.cn/mmbiz/gLO17UPS6FS2xsypf378iaNhWacZ1G1UplZYWEYfwvuU6Ont96b1roYs CNFwaRrSaKTPCUdBK9DgEHicsKwWCBRQ/0',
      },
    },
  },
  'media.uploadnews': {
    call: ({ wx }) =>
      uploadNews(wx, [
        {
          thumbMediaId: 'qI6_Ze_6PtV7svjolgs-rN6stStuHIjs9_DidOHaj0Q-mwvBelOXCFZiq2OsIU-p',
          author: 'xxx',
          title: 'Happy Day',
          contentSourceUrl: 'https://www.qq.com',
          content: 'content',
          digest: 'digest',
          showCoverPic: true,
          needOpenComment: true,
          onlyFansCanComment: true,
        },
      ]),
    expect: {
      success: { type: 'news', mediaId: 'CsEf3ldqkAYJAU6EJeIkStVDSvffUJ54vqbThMgplD-VJXXof6ctX5fI6-aYyUiQ', createdAt: 1391857799 },
    },
  },
  'material.add.image': {
    call: ({ wx }) => addMaterial(wx, 'image', file('photo.jpg', 'image/jpeg')),
    expect: { success: { mediaId: 'MEDIA_ID', url: 'URL' } },
  },
  'material.add.video': {
    call: ({ wx }) =>
      addMaterial(
        wx,
        'video',
        file('clip.mp4', 'video/mp4', new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32])),
        { title: 'VIDEO_TITLE', introduction: 'INTRODUCTION' },
      ),
    expect: { success: { mediaId: 'MEDIA_ID', url: undefined } },
  },
  'material.add_news': {
    call: ({ wx }) => addNewsMaterial(wx, [{ ...NEWS_ARTICLE, needOpenComment: true, onlyFansCanComment: true }]),
    expect: { success: { mediaId: 'MEDIA_ID' } },
  },
  'material.get': {
    call: ({ wx }) => getMaterial(wx, 'MEDIA_ID'),
    expect: {
      news: { kind: 'news', articles: [{ ...NEWS_ARTICLE, contentSourceUrl: 'CONTENT_SOURCE_URL', url: 'URL' }] },
      video: { kind: 'video', title: 'TITLE', description: 'DESCRIPTION', downUrl: 'DOWN_URL' },
      file: isFile('image/jpeg', 'MEDIA_ID.jpg'),
    },
  },
  'material.del': { call: ({ wx }) => deleteMaterial(wx, 'MEDIA_ID') },
  'material.update_news': { call: ({ wx }) => updateNewsMaterial(wx, 'MEDIA_ID', 0, NEWS_ARTICLE) },
  'material.count': {
    call: ({ wx }) => getMaterialCount(wx),
    expect: { success: { voiceCount: 1, videoCount: 2, imageCount: 3, newsCount: 4 } },
  },
  'material.list.image': {
    call: ({ wx }) => listMaterials(wx, 'image', { offset: 0, count: 20 }),
    expect: {
      success: { totalCount: 1, itemCount: 1, items: [{ mediaId: 'MEDIA_ID', name: 'NAME', updateTime: 1391857799, url: 'URL' }] },
    },
  },
  'material.list.news': {
    call: ({ wx }) => listMaterials(wx, 'news', { offset: 0, count: 20 }),
    expect: {
      success: {
        totalCount: 1,
        itemCount: 1,
        items: [
          {
            mediaId: 'MEDIA_ID',
            updateTime: 1391857799,
            articles: [{ title: 'TITLE', url: 'URL', contentSourceUrl: 'CONTETN_SOURCE_URL', showCoverPic: false }],
          },
        ],
      },
    },
  },
}

export const qrcodeCases: Cases = {
  'qrcode.temporary.id': {
    call: ({ wx }) => createTemporaryQrCode(wx, 123, { expireSeconds: 604800 }),
    expect: { success: { kind: 'temporary', ticket: TICKET, url: QR_URL, expireSeconds: 60, scene: 123 } },
  },
  'qrcode.temporary.str': {
    call: ({ wx }) => createTemporaryQrCode(wx, 'test', { expireSeconds: 604800 }),
    expect: { success: { kind: 'temporary', ticket: TICKET, scene: 'test' } },
  },
  'qrcode.permanent.id': {
    call: ({ wx }) => createPermanentQrCode(wx, 123),
    expect: { success: { kind: 'permanent', ticket: TICKET, url: QR_URL, scene: 123 } },
  },
  'qrcode.permanent.str': {
    call: ({ wx }) => createPermanentQrCode(wx, 'test'),
    expect: { success: { kind: 'permanent', ticket: TICKET, scene: 'test' } },
  },
  'qrcode.show': {
    call: ({ url }) => downloadQrCode(TICKET, { baseUrl: url }),
    expect: { success: (r: unknown) => expect(r).toMatchObject({ contentType: 'image/jpg' }) },
    throws: { 404: (e: unknown) => expect(isQrCodeNotFoundError(e)).toBe(true) },
  },
}

export const templateCases: Cases = {
  'template.send': {
    call: ({ wx }) =>
      sendTemplateMessage(wx, {
        openid: 'OPENID',
        templateId: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY',
        url: 'http://weixin.qq.com/download',
        miniProgram: { appId: 'wx0123456789abcdef', pagePath: 'index?foo=bar' },
        clientMsgId: 'MSG_000001',
        data: { keyword1: '巧克力', keyword2: '39.8元', keyword3: '2014年9月22日' },
      }),
    expect: { success: { msgId: '200228332', clientMsgId: 'MSG_000001' }, bigid: { msgId: '3717005636572528642' } },
  },
  'template.set_industry': { call: ({ wx }) => setIndustry(wx, { primary: 1, secondary: 4 }) },
  'template.get_industry': {
    call: ({ wx }) => getIndustry(wx),
    expect: {
      success: {
        primary: { firstClass: '运输与仓储', secondClass: '快递' },
        secondary: { firstClass: 'IT科技', secondClass: '互联网|电子商务' },
      },
    },
  },
  'template.add': {
    call: ({ wx }) => addTemplate(wx, 'TM00015', { keywordNames: ['物品名称', '购买数量'] }),
    expect: { success: 'Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk' },
  },
  'template.list': {
    call: ({ wx }) => listTemplates(wx),
    expect: {
      success: [
        {
          templateId: 'iPk5sOIt5X_flOVKn5GrTFpncEYTojx6ddbt8WYoV5s',
          title: '领取奖金提醒',
          primaryIndustry: 'IT科技',
          deputyIndustry: '互联网|电子商务',
        },
      ],
    },
  },
  'template.del': { call: ({ wx }) => deleteTemplate(wx, 'Dyvp3-Ff0cnail_CDSzk1fIc6-9lOkxsQE7exTJbwUE') },
}

const USER_TOKEN = { accessToken: 'USER_ACCESS_TOKEN', openid: 'OPENID' }

/** An OAuth errcode comes back as WeChatOAuthError with the reason that says what to do. */
const reasons = (map: Record<string, OAuthErrorReason>) =>
  Object.fromEntries(
    Object.entries(map).map(([code, reason]) => [
      code,
      (e: unknown) => {
        expect(isWeChatOAuthError(e), String(e)).toBe(true)
        expect(e).toMatchObject({ errcode: Number(code), reason })
      },
    ]),
  )

export const oauthCases: Cases = {
  'oauth.access_token': {
    call: ({ wx }) => exchangeCode(wx, 'CODE'),
    throws: reasons({ 40029: 'invalid_code', 40163: 'code_used', 42003: 'code_expired' }),
    expect: {
      success: {
        accessToken: 'ACCESS_TOKEN',
        expiresIn: 7200,
        refreshToken: 'REFRESH_TOKEN',
        openid: 'OPENID',
        scope: 'snsapi_userinfo',
        isSnapshotUser: true,
        unionid: 'UNIONID',
      },
    },
  },
  'oauth.refresh_token': {
    call: ({ wx }) => refreshOAuthToken(wx, 'REFRESH_TOKEN'),
    throws: reasons({ 40030: 'invalid_refresh_token', 42002: 'refresh_token_expired' }),
    expect: { success: { accessToken: 'ACCESS_TOKEN', refreshToken: 'REFRESH_TOKEN', openid: 'OPENID', isSnapshotUser: false } },
  },
  'oauth.userinfo': {
    call: ({ wx }) => getOAuthUserInfo(wx, USER_TOKEN, { lang: 'zh_CN' }),
    throws: reasons({
      40003: 'openid_mismatch',
      42001: 'access_token_expired',
      48001: 'scope_insufficient',
      42007: 'authorization_revoked',
    }),
    expect: {
      success: {
        openid: 'OPENID',
        nickname: 'NICKNAME',
        sex: 1,
        province: 'PROVINCE',
        city: 'CITY',
        country: 'COUNTRY',
        headImgUrl:
          'https://thirdwx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0ChQKkiaJSgQ1dZuTOgvLLrhJbERQQ4eMsv84eavHiaiceqxibJxCfHe/46',
        privilege: ['PRIVILEGE1', 'PRIVILEGE2'],
        unionid: 'o6_bmasdasdsad6_2sgVt7hMZOPfL',
      },
    },
  },
  'oauth.auth': { call: ({ wx }) => checkOAuthToken(wx, USER_TOKEN), expect: { success: true, invalid: false } },
}

// Each call on a new client: the ticket is cached per client, like the token.
export const jssdkCases: Cases = {
  'jssdk.getticket.jsapi': {
    call: ({ make }) => getJsApiTicket(make()),
    expect: { success: 'bxLdikRXVbTPdHSM05e5u5sUoXNKd8-41ZO3MhKoyN5OfkWITDGgnr2fwJ0m9E8NYzWKVZvdVtaUgWvsdshFKA' },
  },
  'jssdk.getticket.wx_card': {
    call: ({ make }) => getJsApiTicket(make(), { type: 'wx_card' }),
    expect: { success: 'E0o2-at6NcC2OsJiQTlwlCD8Gig6ebbxVqi7Un2drn7gAQSR_8KeSaDCJ9u5hd9SZo3wdU6FWVBfB0-uIcx4PA' },
  },
}
