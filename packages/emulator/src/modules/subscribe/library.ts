// A small public library of subscription templates, as getcategory / getpubtemplatetitles /
// getpubtemplatekeywords describe them (the doc examples' ids: category 616, title 99).
// https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getpubnewtemplatetitles.html

export interface LibraryTitle {
  readonly tid: number
  readonly title: string
  /** 2: one-time subscription; 3: long-term subscription. */
  readonly type: 2 | 3
  readonly categoryId: number
  /** Keywords by kid: [name, rule, example]. */
  readonly keywords: Readonly<Record<number, readonly [name: string, rule: string, example: string]>>
}

export const CATEGORIES: readonly { readonly id: number; readonly name: string }[] = [
  { id: 616, name: '公交' },
  { id: 307, name: '快递、物流' },
]

export const TITLES: readonly LibraryTitle[] = [
  {
    tid: 99,
    title: '付款成功通知',
    type: 2,
    categoryId: 616,
    keywords: {
      1: ['付款金额', 'amount', '¥200.00'],
      2: ['付款时间', 'time', '2019年10月1日 15:01'],
      3: ['商品名称', 'thing', '公交月卡'],
      4: ['订单编号', 'character_string', 'BUS20191001'],
    },
  },
  {
    tid: 1001,
    title: '到货提醒',
    type: 2,
    categoryId: 307,
    keywords: {
      1: ['物品名称', 'thing', '蓝牙耳机'],
      2: ['到货时间', 'time', '2019-10-01 15:01'],
      3: ['取件码', 'character_string', 'A-1024'],
      4: ['配送状态', 'phrase', '已送达'],
      5: ['联系电话', 'phone_number', '+86-0766-66888866'],
    },
  },
  {
    tid: 1002,
    title: '线路变更通知',
    type: 3,
    categoryId: 616,
    keywords: { 1: ['线路', 'thing', '18路'], 2: ['生效日期', 'date', '2019年10月1日'], 3: ['车牌', 'car_number', '粤A8Z888挂'] },
  },
]

/** Extra titles to page through: a category of 40 (more than one page of 30). */
for (let i = 0; i < 40; i++) {
  ;(TITLES as LibraryTitle[]).push({
    tid: 2000 + i,
    title: `物流通知 ${i + 1}`,
    type: 2,
    categoryId: 307,
    keywords: { 1: ['物品名称', 'thing', '包裹'], 2: ['时间', 'time', '15:01'] },
  })
}
