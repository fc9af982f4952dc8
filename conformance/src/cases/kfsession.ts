// Customer-service sessions and the transcript (@wxmp/custom, data/kfsession.json) and the openid
// conversion after a migration (@wxmp/user, data/user-migration.json).
import { closeKfSession, createKfSession, getKfSession, listKfSessions, listKfWaitCases, listMsgRecords } from '@wxmp/custom'
import { changeOpenIds } from '@wxmp/user'
import type { Cases } from './types'

export const kfSessionCases: Cases = {
  'kfsession.create': { call: ({ wx }) => createKfSession(wx, 'test1@test', 'OPENID') },
  'kfsession.close': { call: ({ wx }) => closeKfSession(wx, 'test1@test', 'OPENID') },
  'kfsession.getsession': {
    call: ({ wx }) => getKfSession(wx, 'OPENID'),
    expect: { success: { kfAccount: 'test1@test', createTime: 123456789 }, none: { kfAccount: '', createTime: 0 } },
  },
  'kfsession.getsessionlist': {
    call: ({ wx }) => listKfSessions(wx, 'test1@test'),
    expect: { success: [{ openid: 'OPENID', createTime: 123456789 }] },
  },
  'kfsession.getwaitcase': {
    call: ({ wx }) => listKfWaitCases(wx),
    expect: { success: { count: 150, waitCases: [{ openid: 'OPENID', latestTime: 123456789 }] } },
  },
  'msgrecord.getmsglist': {
    call: ({ wx }) => listMsgRecords(wx, { start: 987654321, end: 987654321 }),
    expect: {
      success: {
        records: [
          {
            openid: 'oDF3iY9WMaswOPWjCIp_f3Bnpljk',
            opercode: 2002,
            text: ' 您好,客服test1为您服务。',
            time: 1400563710,
            worker: 'test1@test',
          },
          { openid: 'oDF3iY9WMaswOPWjCIp_f3Bnpljk', opercode: 2003, text: '你好,有什么事情? ', time: 1400563731, worker: 'test1@test' },
        ],
        nextMsgId: 20165267,
        more: false,
      },
    },
  },
  'user.changeopenid': {
    call: ({ wx }) => changeOpenIds(wx, 'gh_91ae50dfeb1c', ['oEmYbwN-n24jxvk4Sox81qedINkQ', 'oEmYbwH9uVd4RKJk7ZZg6SzL6tTo']),
    expect: {
      success: [
        { oldOpenid: 'oEmYbwN-n24jxvk4Sox81qedINkQ', newOpenid: 'o2FwqwI9xCsVadFah_HtpPfaR-X4' },
        { oldOpenid: 'oEmYbwH9uVd4RKJk7ZZg6SzL6tTo', error: 'ori_openid error' },
      ],
    },
  },
}
