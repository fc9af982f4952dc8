// The demo is what a newcomer runs first: every step must succeed on the embedded emulator.
import { expect, it } from 'vitest'
import { EmulatorControl } from '@wxmp/emulator'
import { runDemo } from '../src/demo'

it('runs every step of the demo on the embedded emulator without a failure', async () => {
  const result = await runDemo(() => {})
  expect(result.failed).toEqual([])
  expect(result.stop).toBeUndefined()
  expect(result.lines.join('\n')).toContain('pnpm demo --keep')
  expect(result.lines.join('\n')).toContain('Demo finished.')
  // The whole demo, every package included, needs a single access token.
  expect(result.lines.join('\n')).toMatch(/counted 1 token request\(s\)/)
}, 120_000)

it('keeps the emulator and a receiver up with keep, for the console it prints', async () => {
  const result = await runDemo(() => {}, { keep: true })
  try {
    expect(result.failed).toEqual([])
    const url = result.consoleUrl as string
    expect(result.lines.join('\n')).toContain(url)
    const [page, token] = url.split('#token=') as [string, string]
    expect((await fetch(page)).status).toBe(200)
    // What typing in the console does: the follower's message reaches the receiver, the reply comes back.
    const control = new EmulatorControl(page.replace(/\/__emulator\/console$/, ''), { token: decodeURIComponent(token) })
    const openid = await control.followerAt(0)
    const pushed = await control.userMessage(openid, { msgType: 'text', content: 'hi' }, { expectOk: true })
    expect(pushed.reply).toMatchObject({ type: 'text', content: expect.stringContaining('你说：hi') })
    expect(pushed.request?.url).toContain('msg_signature=') // safe mode, as step 10 and the README's screenshots
  } finally {
    await result.stop?.()
  }
}, 120_000)
