// A caller whose signal is already aborted when it asks for the token gets its abort reason at
// once; the token fetch it started goes on for others, and if that fetch fails, nothing is left
// as an unhandled rejection (which ends a Node process by default). The fetch is injected through
// the client's options and fails without any I/O, so a few turns of the event loop see it settle.
import { afterEach, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'

const unhandled: unknown[] = []
const record = (reason: unknown) => unhandled.push(reason)
afterEach(() => {
  process.off('unhandledRejection', record)
  unhandled.length = 0
})

it('leaves no unhandled rejection when a token fetch started by an aborted caller fails', async () => {
  process.on('unhandledRejection', record)
  let fetched = 0
  const wx = createClient({
    appId: 'wxfixture',
    appSecret: 'fixture-secret-value',
    baseUrl: 'http://127.0.0.1:9',
    retry: false,
    fetch: async () => {
      fetched++
      throw new TypeError('network down')
    },
  })
  const reason = new Error('caller gave up before asking')
  await expect(wx.getAccessToken({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
  expect(fetched).toBe(1)
  expect(unhandled).toEqual([])
})
