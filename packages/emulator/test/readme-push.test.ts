// The README's "Pushes" example, as written (typed for TypeScript).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '@wxmp/emulator'

let emu: Emulator | undefined
const receiver = createServer((req, res) => res.end('success'))
afterAll(async () => {
  await emu?.close()
  receiver.close()
})

it("pushes a follower's message and a CLICK to the configured URL", async () => {
  receiver.listen(0, '127.0.0.1')
  await new Promise((resolve) => receiver.once('listening', resolve))
  emu = await startEmulator()
  await emu.control.configurePush({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wechat`, token: 'mytoken' })

  const openid = await emu.control.followerAt(0)
  const r = await emu.control.userMessage(openid, { msgType: 'text', content: 'hi' })
  expect(r).toMatchObject({ status: 200, attempts: 1, reply: null })
  expect(r.msgId).toMatch(/^\d{19}$/)
  await emu.control.userEvent(openid, { event: 'CLICK', key: 'MENU_HELP' })
  expect((await emu.control.pushes()).map((p) => p.type)).toEqual(['text', 'CLICK'])
})
