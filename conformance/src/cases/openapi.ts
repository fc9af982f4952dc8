// The operations API (@wxmp/core/openapi): the calls behind data/openapi.json.
import { expect } from 'vitest'
import {
  checkCallback,
  clearQuota,
  clearQuotaByAppSecret,
  getApiDomainIps,
  getApiQuota,
  getCallbackIps,
  getRidInfo,
} from '@wxmp/core/openapi'
import type { Cases } from './types'

export const openapiCases: Cases = {
  'openapi.clear_quota': { call: ({ wx }) => clearQuota(wx) },
  // The AppSecret never shows in an error: the corpus checks every error for APPSECRET.
  'openapi.clear_quota_v2': { call: ({ wx }) => clearQuotaByAppSecret(wx, 'APPSECRET') },
  'openapi.quota_get': {
    call: ({ wx }) => getApiQuota(wx, '/cgi-bin/message/custom/send'),
    expect: { success: { dailyLimit: 0, used: 0, remain: 0, rateLimit: { callCount: 0, refreshSeconds: 0 } } },
  },
  'openapi.rid_get': {
    call: ({ wx }) => getRidInfo(wx, '61725984-6126f6f9-040f19c4'),
    expect: {
      success: {
        invokeTime: 1635156704,
        costInMs: 30,
        requestUrl: 'access_token=[REDACTED]',
        requestBody: '',
        clientIp: '113.xx.70.51',
        responseBody: expect.stringContaining('45009') as string,
      },
    },
  },
  'openapi.callback_check': {
    call: ({ wx }) => checkCallback(wx, { action: 'all', operator: 'DEFAULT' }),
    expect: {
      success: {
        dns: [
          { ip: '111.161.64.40', realOperator: 'UNICOM' },
          { ip: '111.161.64.48', realOperator: 'UNICOM' },
        ],
        ping: [
          { ip: '111.161.64.40', fromOperator: 'UNICOM', packageLoss: '0%', time: '23.079ms' },
          { ip: '111.161.64.48', fromOperator: 'UNICOM', packageLoss: '0%', time: '21.434ms' },
        ],
      },
    },
  },
  'openapi.getcallbackip': { call: ({ wx }) => getCallbackIps(wx), expect: { success: ['127.0.0.1', '127.0.0.2', '101.226.103.0/25'] } },
  'openapi.get_api_domain_ip': { call: ({ wx }) => getApiDomainIps(wx), expect: { success: ['101.226.103.0/25', '101.226.62.0/26'] } },
}
