// Menus: the SDK calls behind data/menu.json.
import { addConditionalMenu, createMenu, deleteConditionalMenu, deleteMenu, getCurrentMenuInfo, getMenu, tryMatchMenu } from '@wxmp/menu'
import type { Cases } from './types'

const TODAY = { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' } as const
const MENU = {
  buttons: [
    TODAY,
    {
      name: '菜单',
      subButtons: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appId: 'wx286b93c14bbf93aa', pagePath: 'pages/lunar/index' },
        { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
      ],
    },
  ],
} as const
const SEARCH = { type: 'view', name: '搜索', url: 'http://www.soso.com/' } as const
const TX = { type: 'view', name: 'tx', url: 'http://www.qq.com/' } as const

export const menuCases: Cases = {
  'menu.create': { call: ({ wx }) => createMenu(wx, MENU) },
  'menu.create.types': {
    call: ({ wx }) =>
      createMenu(wx, {
        buttons: [
          {
            name: '扫码',
            subButtons: [
              { type: 'scancode_waitmsg', name: '扫码带提示', key: 'rselfmenu_0_0' },
              { type: 'scancode_push', name: '扫码推事件', key: 'rselfmenu_0_1' },
            ],
          },
          {
            name: '发图',
            subButtons: [
              { type: 'pic_sysphoto', name: '系统拍照发图', key: 'rselfmenu_1_0' },
              { type: 'pic_photo_or_album', name: '拍照或者相册发图', key: 'rselfmenu_1_1' },
              { type: 'pic_weixin', name: '微信相册发图', key: 'rselfmenu_1_2' },
            ],
          },
          {
            name: '发送位置',
            subButtons: [
              { type: 'location_select', name: '发送位置', key: 'rselfmenu_2_0' },
              { type: 'media_id', name: '图片', mediaId: 'MEDIA_ID1' },
              { type: 'article_id', name: '发布后的图文消息', articleId: 'ARTICLE_ID1' },
              { type: 'article_view_limited', name: '发布后的图文消息', articleId: 'ARTICLE_ID2' },
            ],
          },
        ],
      }),
  },
  'menu.get': {
    call: ({ wx }) => getMenu(wx),
    expect: {
      success: {
        menu: {
          buttons: [
            TODAY,
            { type: 'click', name: '歌手简介', key: 'V1001_TODAY_SINGER' },
            {
              name: '菜单',
              subButtons: [
                SEARCH,
                { type: 'view', name: '视频', url: 'http://v.qq.com/' },
                { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
              ],
            },
          ],
        },
        conditionalMenus: [],
      },
      conditional: {
        menu: { buttons: [TODAY], menuId: '208396938' },
        conditionalMenus: [
          {
            buttons: [TODAY, { name: '菜单', subButtons: [SEARCH] }],
            menuId: '208396993',
            matchRule: { tagId: '2', sex: '1', country: '中国', province: '广东', city: '广州', clientPlatformType: '2' },
          },
        ],
      },
    },
  },
  'menu.delete': { call: ({ wx }) => deleteMenu(wx) },
  'menu.addconditional': {
    call: ({ wx }) => addConditionalMenu(wx, { ...MENU, matchRule: { tagId: 2 } }),
    expect: { success: '208379533' },
  },
  'menu.delconditional': { call: ({ wx }) => deleteConditionalMenu(wx, '208379533') },
  'menu.trymatch': { call: ({ wx }) => tryMatchMenu(wx, 'weixin'), expect: { success: { buttons: [TX, TX, TX] } } },
  'menu.current': {
    call: ({ wx }) => getCurrentMenuInfo(wx),
    expect: {
      success: {
        isMenuOpen: true,
        buttons: [
          TODAY,
          {
            name: '菜单',
            subButtons: [
              SEARCH,
              { type: 'view', name: '视频', url: 'http://v.qq.com/' },
              { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
            ],
          },
        ],
      },
      console: {
        isMenuOpen: true,
        buttons: [
          { type: 'img', name: '图片', mediaId: 'XPKPTYYg0nUJK4sUTrgX6Z5sjOB8Uqn3RZg6h5ISGKc' },
          {
            name: '音频',
            subButtons: [
              { type: 'voice', name: '音频', mediaId: 'NMdnQm3mZ0XTQRk-8wQ2KA_vbSnoeIUPSivcAh6YkU0' },
              { type: 'video', name: '视频', url: 'http://61.161.37.202/vweixinp.tc.qq.com/1007_114bcede9a2244eeb5ab7f76d951df5f.f10.mp4' },
              { type: 'view', name: '链接', url: 'http://www.qq.com/' },
            ],
          },
          { type: 'text', name: '文本', text: 'This is text!' },
          {
            type: 'news',
            name: '图文',
            mediaId: 'KQb_w_Tiz-nSdVLoTV35Psmty8hGBulGhEdbb9SKs-o',
            articles: [
              {
                title: 'MULTI_NEWS',
                author: 'JIMZHENG',
                digest: 'text',
                showCover: false,
                coverUrl:
                  'http://mmbiz.qpic.cn/mmbiz/GE7et87vE9vicuCibqXsX9GPPLuEtBfXfKbE8x5Kk0flEk8ibUPZN1fKo5wxSM7gZMPUuqv4WibmdUfNdl6I8Fl2QA/0',
                contentUrl: 'http://mp.weixin.qq.com/s?__biz=MjM5ODUwNTM3Ng==&mid=204013432&idx=1&sn=80ce6d9abcb832237bf86c87e50fda15#rd',
                sourceUrl: '',
              },
            ],
          },
        ],
      },
    },
  },
}
