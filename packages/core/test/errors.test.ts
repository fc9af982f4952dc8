// Error classes report their own names (string literals, which survive minification) and the
// guards recognise the family whatever a subclass calls itself.
import { describe, expect, it } from 'vitest'
import {
  isWeChatApiError,
  isWeChatError,
  isWeChatTransportError,
  WeChatApiError,
  WeChatError,
  WeChatTransportError,
  type RequestSummary,
} from '@wxmp/core'

const request: RequestSummary = { method: 'GET', url: 'https://api.weixin.qq.com/cgi-bin/x?access_token=[REDACTED]', path: '/cgi-bin/x' }

class TicketGoneError extends WeChatTransportError {
  override name = 'TicketGoneError'
}

describe('error names', () => {
  it('gives each core error class its own name', () => {
    expect(new WeChatError('m', request).name).toBe('WeChatError')
    expect(new WeChatApiError(40001, 'invalid credential', request, {}).name).toBe('WeChatApiError')
    expect(new WeChatTransportError('network', 'm', request).name).toBe('WeChatTransportError')
  })

  it('lets a subclass report its own name and still be recognised as a transport error', () => {
    const error = new TicketGoneError('http', 'gone', request, { status: 404 })
    expect(error.name).toBe('TicketGoneError')
    expect(String(error)).toMatch(/^TicketGoneError: gone/)
    expect(isWeChatTransportError(error)).toBe(true)
    expect(isWeChatApiError(error)).toBe(false)
    expect(isWeChatError(error)).toBe(true)
  })

  it('keeps the name in toJSON', () => {
    expect(new WeChatApiError(45009, 'reach max api daily quota limit', request, {}).toJSON()).toMatchObject({
      name: 'WeChatApiError',
      errcode: 45009,
    })
  })
})
