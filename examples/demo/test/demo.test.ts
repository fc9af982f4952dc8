// The demo is what a newcomer runs first: every step must succeed on the embedded emulator.
import { expect, it } from 'vitest'
import { runDemo } from '../src/demo'

it('runs every step of the demo on the embedded emulator without a failure', async () => {
  const result = await runDemo(() => {})
  expect(result.failed).toEqual([])
  expect(result.lines.join('\n')).toContain('Demo finished.')
  // The whole demo, every package included, needs a single access token.
  expect(result.lines.join('\n')).toMatch(/counted 1 token request\(s\)/)
}, 120_000)
