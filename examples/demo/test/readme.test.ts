// The root README's quick start, taken from README.md and run as written against the emulator: only
// `baseUrl` is added to createClient. If the README's code stops working, this fails. The followers
// have not written to the account (their 48-hour windows are closed), as on a real account.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { startEmulator, type Emulator } from '@wxmp/emulator'

let emu: Emulator
const root = fileURLToPath(new URL('../../../', import.meta.url))

/** The n-th `ts` block under a README heading (within that section). */
function codeUnder(file: string, heading: string, n = 0): string {
  const text = readFileSync(file, 'utf8')
  const from = text.indexOf(`\n${heading}\n`)
  const section = text.slice(from, text.indexOf('\n## ', from + heading.length + 2))
  const block = [...section.matchAll(/```ts\n([\s\S]*?)```/g)][n]?.[1]
  if (!block) throw new Error(`no ts block ${n} under ${heading} in ${file}`)
  return block
}

/** Writes code to a module beside this test (git-ignored) and imports it, with the emulator's credentials in the environment. */
async function runAsModule(name: string, code: string): Promise<void> {
  const dir = fileURLToPath(new URL('./.generated/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}${name}`, code)
  process.env.WECHAT_APP_ID = emu.appId
  process.env.WECHAT_APP_SECRET = emu.appSecret
  process.env.WXMP_README_BASE_URL = emu.url
  await import(pathToFileURL(`${dir}${name}`).href)
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, apps: [{ appId: 'wxreadme000000001', appSecret: 'readme-app-secret-000000000001', followers: 5 }] })
})
afterAll(() => emu.close())

it('runs the README quick start on followers whose windows are closed: it counts them by scene and sends nothing', async () => {
  const code = codeUnder(`${root}README.md`, '## Quick start')
  expect(code).toContain('createClient({ ')
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    await runAsModule('quick-start.ts', code.replace('createClient({ ', 'createClient({ baseUrl: process.env.WXMP_README_BASE_URL, '))
    const printed = log.mock.calls.at(-1)?.[0] as Map<string, number>
    // The emulator's followers alternate between the two scenes, starting with search.
    expect(printed).toEqual(
      new Map([
        ['ADD_SCENE_SEARCH', 3],
        ['ADD_SCENE_QR_CODE', 2],
      ]),
    )
  } finally {
    log.mockRestore()
  }
  expect(await emu.control.outbox()).toEqual([])
  const counters = await emu.control.counters()
  expect(counters['path:/cgi-bin/user/info/batchget']).toBe(1)
  expect(counters['path:/cgi-bin/user/info'] ?? 0).toBe(0)
})

it('runs the README quick start for articles as written: a draft, published, with its URL', async () => {
  // The block uses the quick start's `wx` and a cover image the reader has: both are given here.
  const block = codeUnder(`${root}README.md`, '## Quick start', 1)
  expect(block).toContain('publishDraft(wx, mediaId)')
  const prelude = [
    "import { createClient } from '@wxmp/core'",
    'const wx = createClient({ appId: process.env.WECHAT_APP_ID!, appSecret: process.env.WECHAT_APP_SECRET!, baseUrl: process.env.WXMP_README_BASE_URL })',
    "const coverJpeg = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1])], { type: 'image/jpeg' })",
  ].join('\n')
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    await runAsModule('articles.ts', `${prelude}\n${block}`)
    expect(String(log.mock.calls.at(-1)?.[0])).toMatch(/^https?:\/\//)
  } finally {
    log.mockRestore()
  }
  expect(await emu.control.publishJobs()).toHaveLength(1)
})
