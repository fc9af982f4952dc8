// Logging hooks never change what a call does: a hook that throws, or an async one that rejects,
// is swallowed (an unhandled rejection would end a Node process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())

describe('hooks', () => {
  it('a call succeeds and nothing is left unhandled when async hooks reject', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const seen: string[] = []
      const reject = (name: string) => async () => {
        seen.push(name)
        throw new Error(`${name} logger down`)
      }
      const wx = createClient({
        appId: emu.appId,
        appSecret: emu.appSecret,
        baseUrl: emu.url,
        hooks: { beforeRequest: reject('beforeRequest'), afterResponse: reject('afterResponse'), onError: reject('onError') },
      })
      const answer = await wx.request<{ ip_list: string[] }>('/cgi-bin/get_api_domain_ip')
      expect(answer.ip_list.length).toBeGreaterThan(0)
      await emu.control.fault({ path: '/cgi-bin/get_api_domain_ip', kind: 'errcode', errcode: 40013 })
      await expect(wx.request('/cgi-bin/get_api_domain_ip')).rejects.toMatchObject({ errcode: 40013 })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(seen).toContain('afterResponse')
      expect(seen).toContain('onError')
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('a call succeeds when a hook throws synchronously', async () => {
    const wx = createClient({
      appId: emu.appId,
      appSecret: emu.appSecret,
      baseUrl: emu.url,
      hooks: {
        beforeRequest: () => {
          throw new Error('logger down')
        },
      },
    })
    await expect(wx.request('/cgi-bin/get_api_domain_ip')).resolves.toMatchObject({ ip_list: expect.any(Array) })
  })
})
