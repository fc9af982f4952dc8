// The root README's quick start, run as written against the emulator (only the credentials and
// host differ): if the README's code stops working, this fails.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { getUserInfo, iterateFollowers } from '@wxmp/user'
import { sendText } from '@wxmp/custom'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { addMaterial } from '@wxmp/media'
import { addDraft, publishDraft, waitForPublish } from '@wxmp/publish'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ port: 0, apps: [{ appId: 'wxreadme000000001', appSecret: 'readme-app-secret-000000000001', followers: 5 }] })
  // Followers who wrote to us in the last 48 hours can be answered.
  for (let i = 0; i < 5; i++) await emu.control.interact(await emu.control.followerAt(i))
})
afterAll(() => emu.close())

it('runs the README quick start: every follower gets a text', async () => {
  const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  for await (const openid of iterateFollowers(wx)) {
    const user = await getUserInfo(wx, openid, { lang: 'en' })
    if (user.subscribed) await sendText(wx, openid, 'Hello from wxmp')
  }
  const outbox = await emu.control.outbox({ channel: 'custom' })
  expect(outbox).toHaveLength(5)
  expect(new Set(outbox.map((e) => e.touser)).size).toBe(5)
  expect(outbox.every((e) => e.payload.content === 'Hello from wxmp')).toBe(true)
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
