import { describe, expect, it } from 'vitest'
import { createClientMsgId } from './client-msg-id'

describe('createClientMsgId', () => {
  it('makes a fresh id within WeChat 64-byte limit each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, createClientMsgId))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(new TextEncoder().encode(id).length).toBeLessThanOrEqual(64)
  })
})
