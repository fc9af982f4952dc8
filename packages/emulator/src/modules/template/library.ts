// The template library an account can add from (api_add_template), and WeChat's industry table.
// A small, real-looking slice: two legacy templates and three category ones.

export interface LibraryTemplate {
  readonly title: string
  readonly primaryIndustry: string
  readonly deputyIndustry: string
  /** Legacy templates: the whole content. */
  readonly content?: string
  /** Category templates: keyword name → key; `keyword_name_list` picks which, in its order. */
  readonly keywords?: readonly (readonly [name: string, key: string])[]
  readonly example: string
}

export const LIBRARY: Readonly<Record<string, LibraryTemplate>> = {
  TM00015: {
    title: '订单支付成功',
    primaryIndustry: 'IT科技',
    deputyIndustry: '互联网|电子商务',
    content: '{{first.DATA}}\n\n支付金额：{{orderMoneySum.DATA}}\n商品信息：{{orderProductName.DATA}}\n{{Remark.DATA}}',
    example:
      '我们已收到您的货款，开始为您打包商品，请耐心等待: )\n支付金额：30.00元\n商品信息：我是商品名字\n\n如有问题请致电400-828-1878或直接在微信留言，小易将第一时间为您服务！',
  },
  OPENTM207498902: {
    title: '订单状态更新',
    primaryIndustry: 'IT科技',
    deputyIndustry: '互联网|电子商务',
    content: '{{first.DATA}}\n订单编号：{{keyword1.DATA}}\n订单状态：{{keyword2.DATA}}\n{{remark.DATA}}',
    example: '您的订单状态已更新\n订单编号：20240101001\n订单状态：已发货',
  },
  '43216': {
    title: '订单发货提醒',
    primaryIndustry: 'IT科技',
    deputyIndustry: '互联网|电子商务',
    keywords: [
      ['商品名称', 'thing1'],
      ['快递公司', 'thing2'],
      ['快递单号', 'character_string3'],
      ['发货时间', 'time4'],
      ['订单金额', 'amount5'],
    ],
    example: '商品名称：蓝牙耳机\n快递公司：顺丰速运\n快递单号：SF1234567890\n发货时间：2023-09-12 19:43:07\n订单金额：¥299.00',
  },
  '52305': {
    title: '工单催办提醒',
    primaryIndustry: 'IT科技',
    deputyIndustry: 'IT软件与服务',
    keywords: [
      ['工单名称', 'thing1'],
      ['工单类型', 'const3'],
    ],
    example: '工单名称：服务器巡检\n工单类型：运维',
  },
  '44003': {
    title: '预约成功通知',
    primaryIndustry: '交通工具',
    deputyIndustry: '汽车相关',
    keywords: [
      ['预约项目', 'thing1'],
      ['预约时间', 'time2'],
      ['联系电话', 'phone_number3'],
      ['车牌号', 'car_number4'],
      ['状态', 'phrase5'],
    ],
    example: '预约项目：保养\n预约时间：2023年9月12日 15:01\n联系电话：400-123-4567\n车牌号：粤B12345\n状态：已预约',
  },
}

/** WeChat's industry codes 1–41: [first_class, second_class]. */
export const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['IT科技', '互联网|电子商务'],
  ['IT科技', 'IT软件与服务'],
  ['IT科技', 'IT硬件与设备'],
  ['IT科技', '电子技术'],
  ['IT科技', '通信与运营商'],
  ['IT科技', '网络游戏'],
  ['金融业', '银行'],
  ['金融业', '基金|理财|信托'],
  ['金融业', '保险'],
  ['餐饮', '餐饮'],
  ['酒店旅游', '酒店'],
  ['酒店旅游', '旅游'],
  ['运输与仓储', '快递'],
  ['运输与仓储', '物流'],
  ['运输与仓储', '仓储'],
  ['教育', '培训'],
  ['教育', '院校'],
  ['政府与公共事业', '学术科研'],
  ['政府与公共事业', '交警'],
  ['政府与公共事业', '博物馆'],
  ['政府与公共事业', '公共事业|非盈利机构'],
  ['医药护理', '医药医疗'],
  ['医药护理', '护理美容'],
  ['医药护理', '保健与卫生'],
  ['交通工具', '汽车相关'],
  ['交通工具', '摩托车相关'],
  ['交通工具', '火车相关'],
  ['交通工具', '飞机相关'],
  ['房地产', '建筑'],
  ['房地产', '物业'],
  ['消费品', '消费品'],
  ['商业服务', '法律'],
  ['商业服务', '会展'],
  ['商业服务', '中介服务'],
  ['商业服务', '认证'],
  ['商业服务', '审计'],
  ['文体娱乐', '传媒'],
  ['文体娱乐', '体育'],
  ['文体娱乐', '娱乐休闲'],
  ['印刷', '印刷'],
  ['其它', '其它'],
]
