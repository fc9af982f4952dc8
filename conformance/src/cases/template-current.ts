// What the current template pages add (data/template-current.json): intercepted messages and the
// category template added by its keyword names.
import { addTemplate, listBlockedMessages } from '@wxmp/template'
import type { Cases } from './types'

export const templateCurrentCases: Cases = {
  'template.queryblocktmplmsg': {
    call: ({ wx }) => listBlockedMessages(wx, 'f9KbMio42Ks3kzLwPP1aDkl2k98avIFbPtdLJ_yY7QY', { largestId: 0, limit: 100 }),
    expect: {
      success: [
        {
          id: 2,
          templateId: 'HFmHVgm58MAURBrS71k41100-MaDOWVdjAGaBrgLIls',
          title: '测试标题',
          content: '测试内容',
          sentAt: 1788796187,
          openid: 'oxx6ZuPvZLe1VC-jdQSBPAGS-KUQ',
        },
      ],
      list: [],
    },
  },
  'template.add_category': {
    call: ({ wx }) => addTemplate(wx, '47123', { keywordNames: ['时间', '地点', '金额'] }),
    expect: { success: 'Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk' },
  },
}
