// The README's "In a test" example, as written: the way users' own tests start the emulator.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator() // 127.0.0.1, a free port, one default app
})
beforeEach(() => emu.control.reset()) // fresh tokens, followers, outbox, faults, counters
afterAll(() => emu.close())

it('sends the token request once', async () => {
  const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  await wx.getAccessToken()
  await wx.getAccessToken()
  expect(await emu.control.counters()).toMatchObject({ stable_token: 1 })
})
