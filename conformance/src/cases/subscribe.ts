// Subscription notifications: the SDK calls behind data/subscribe.json and the typed results of the
// documented answers.
import {
  addSubscribeTemplate,
  deleteSubscribeTemplate,
  getCategories,
  getPublicTemplateKeywords,
  listPublicTemplateTitles,
  listSubscribeTemplates,
  sendSubscribeMessage,
} from '@wxmp/subscribe'
import type { Cases } from './types'

export const subscribeCases: Cases = {
  'subscribe.getcategory': {
    call: ({ wx }) => getCategories(wx),
    expect: {
      success: [
        { id: 616, name: '公交' },
        { id: 627, name: '旅游' },
      ],
    },
  },
  'subscribe.getpubtemplatetitles': {
    call: ({ wx }) => listPublicTemplateTitles(wx, [2, 616], { start: 0, limit: 1 }),
    expect: { success: { count: 55, titles: [{ tid: 99, title: '付款成功通知', type: 2, categoryId: 616 }] } },
  },
  'subscribe.getpubtemplatekeywords': {
    call: ({ wx }) => getPublicTemplateKeywords(wx, 99),
    expect: { success: [{ kid: 1, name: '物品名称', example: '名称', rule: 'thing' }] },
  },
  'subscribe.addtemplate': {
    call: ({ wx }) => addSubscribeTemplate(wx, 401, [1, 2], { sceneDesc: '测试数据' }),
    expect: { success: '9Aw5ZV1j9xdWTFEkqCpZ7jWySL7aGN6rQom4gXINfJs' },
  },
  'subscribe.gettemplate': {
    call: ({ wx }) => listSubscribeTemplates(wx),
    expect: {
      success: [{ templateId: '9Aw5ZV1j9xdWTFEkqCpZ7mIBbSC34khK55OtzUPl0rU', title: '报名结果通知', type: 2, keys: ['date2', 'thing1'] }],
    },
  },
  'subscribe.deltemplate': { call: ({ wx }) => deleteSubscribeTemplate(wx, 'wDYzYZVxobJivW9oMpSCpuvACOfJXQIoKUm0PY397Tc') },
  'subscribe.bizsend': {
    call: ({ wx }) =>
      sendSubscribeMessage(wx, {
        openid: 'OPENID',
        templateId: 'TEMPLATE_ID',
        page: 'https://mp.weixin.qq.com',
        miniProgram: { appId: 'wx0123456789abcdef', pagePath: 'index?foo=bar' },
        data: { phrase3: '审核通过', name1: '订阅', date2: '2019-12-25 09:42' },
      }),
    expect: { success: {}, bigid: { msgId: '3248682510344192008' } },
  },
}
