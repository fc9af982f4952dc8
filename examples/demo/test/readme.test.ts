// The root README's quick start, taken from README.md and run as written against the emulator: only
// `baseUrl` is added to createClient. If the README's code stops working, this fails. The followers
// have not written to the account (their 48-hour windows are closed), as on a real account.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { addMaterial } from '@wxmp/media'
import { addDraft, publishDraft, waitForPublish } from '@wxmp/publish'

let emu: Emulator
const root = fileURLToPath(new URL('../../../', import.meta.url))

/** The first `ts` block under a README heading. */
function codeUnder(file: string, heading: string): string {
  const text = readFileSync(file, 'utf8')
  const section = text.slice(text.indexOf(`\n${heading}\n`))
  const block = /```ts\n([\s\S]*?)```/.exec(section)
  if (!block?.[1]) throw new Error(`no ts block under ${heading} in ${file}`)
  return block[1]
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, apps: [{ appId: 'wxreadme000000001', appSecret: 'readme-app-secret-000000000001', followers: 5 }] })
})
afterAll(() => emu.close())

it('runs the README quick start on followers whose windows are closed: it counts them by scene and sends nothing', async () => {
  const code = codeUnder(`${root}README.md`, '## Quick start')
  expect(code).toContain('createClient({ ')
  const dir = fileURLToPath(new URL('./.generated/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  const file = `${dir}quick-start.ts`
  writeFileSync(file, code.replace('createClient({ ', 'createClient({ baseUrl: process.env.WXMP_README_BASE_URL, '))
  process.env.WECHAT_APP_ID = emu.appId
  process.env.WECHAT_APP_SECRET = emu.appSecret
  process.env.WXMP_README_BASE_URL = emu.url
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    await import(pathToFileURL(file).href)
    const printed = log.mock.calls.at(-1)?.[0] as Map<string, number>
    // The emulator's followers alternate between the two scenes, starting with search.
    expect(printed).toEqual(new Map([['ADD_SCENE_SEARCH', 3], ['ADD_SCENE_QR_CODE', 2]]))
  } finally {
    log.mockRestore()
  }
  expect(await emu.control.outbox()).toEqual([])
  const counters = await emu.control.counters()
  expect(counters['path:/cgi-bin/user/info/batchget']).toBe(1)
  expect(counters['path:/cgi-bin/user/info'] ?? 0).toBe(0)
})

it('runs the README quick start for articles: a draft, published, with its URL', async () => {
  const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  const coverJpeg = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1])], { type: 'image/jpeg' })
  const cover = await addMaterial(wx, 'image', coverJpeg, { filename: 'cover.jpg' })
  const { mediaId } = await addDraft(wx, [{ title: 'Hello', content: '<p>Our first article</p>', thumbMediaId: cover.mediaId }])
  const { publishId } = await publishDraft(wx, mediaId)
  const outcome = await waitForPublish(wx, publishId)
  expect(outcome.state).toBe('published')
  if (outcome.state === 'published') expect(outcome.articles[0]?.url).toMatch(/^http/)
})
