// End to end in a real browser: Debian's Chromium, driven by playwright-core, logs in to the example
// app through the emulator's consent page. Approve, deny and a tampered state.
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest'
import { createOAuthWebApp } from '../src/app'
import { closeAll, haveChromium, launchChromium } from './chromium'

const OUT = fileURLToPath(new URL('../../../.output/oauth-web/', import.meta.url))

const AVATAR = `<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132"><rect width="132" height="132" fill="#07c160"/><text x="66" y="82" font-size="48" text-anchor="middle" fill="#fff" font-family="sans-serif">Ada</text></svg>`

describe.skipIf(!haveChromium('oauth-web browser test'))('oauth-web in Chromium', () => {
  let emu: Emulator
  let server: Server
  let appUrl: string
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let ada: string
  const headimgurl = 'https://thirdwx.qlogo.cn/mmopen/ada/132'

  beforeAll(async () => {
    emu = await startEmulator({
      port: 0,
      apps: [{ appId: 'wx0a0b0c0d0e0f0001', appSecret: '00112233445566778899aabbccddeeff', followers: 3 }],
    })
    ada = await emu.control.addFollower({ nickname: 'Ada 阿达', headimgurl })
    const app = createOAuthWebApp({
      appId: emu.appId,
      appSecret: emu.appSecret,
      stateSecret: 'example-state-secret-0123456789abcdef',
      apiBaseUrl: emu.url,
      authorizeBaseUrl: emu.url,
    })
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server))
    })
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchChromium()
    mkdirSync(OUT, { recursive: true })
  })

  afterAll(() => closeAll(browser, server, emu))

  beforeEach(async () => {
    context = await browser.newContext()
    // No internet here: WeChat's avatar host answers from the test, everything else off-box is refused.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (url.hostname === 'thirdwx.qlogo.cn') return route.fulfill({ contentType: 'image/svg+xml', body: AVATAR })
      if (url.hostname === '127.0.0.1') return route.continue()
      return route.abort()
    })
    page = await context.newPage()
    page.setDefaultTimeout(60_000)
  })
  afterEach(() => context.close())

  const exchanges = async () => (await emu.control.globalCounters())['path:/sns/oauth2/access_token'] ?? 0

  /** Home page → "Log in with WeChat" → the emulator's consent page. */
  async function toConsent(): Promise<void> {
    await page.goto(appUrl)
    await page.click('#login')
    await page.waitForURL((u) => u.href.startsWith(`${emu.url}/connect/oauth2/authorize?`))
  }

  it('logs a user in: login link, consent page, approve, profile on the callback', async () => {
    await toConsent()
    expect(await page.locator('label[data-openid] .nickname').allTextContents()).toContain('Ada 阿达')
    await page.check(`label[data-openid="${ada}"] input[type=radio]`)
    await page.click('#approve')
    await page.waitForURL((u) => u.href.startsWith(`${appUrl}/callback?`))

    expect(await page.textContent('#nickname')).toBe('Ada 阿达')
    expect(await page.textContent('#openid')).toBe(ada)
    expect(await page.getAttribute('#avatar', 'src')).toBe(headimgurl)
    expect(await page.locator('#avatar').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    await page.screenshot({ path: `${OUT}approved.png` })
  })

  it('shows the declined page when the user denies, and exchanges no code', async () => {
    const before = await exchanges()
    await toConsent()
    const response = page.waitForResponse((r) => r.url().startsWith(`${appUrl}/callback?`))
    await page.click('#deny')
    expect((await response).status()).toBe(403)
    expect(new URL(page.url()).searchParams.has('code')).toBe(false)
    expect(await page.textContent('#declined')).toBe('You declined the login')
    expect(await exchanges()).toBe(before)
    await page.screenshot({ path: `${OUT}declined.png` })
  })

  it('refuses a tampered state and never exchanges the code', async () => {
    const before = await exchanges()
    await toConsent()
    // An attacker's copy of the authorize URL with the state altered by one character.
    const consent = new URL(page.url())
    const state = consent.searchParams.get('state') ?? ''
    const tampered = state.slice(0, -1) + (state.endsWith('A') ? 'B' : 'A')
    await page.goto(page.url().replace(`state=${state}`, `state=${tampered}`))
    const response = page.waitForResponse((r) => r.url().startsWith(`${appUrl}/callback?`))
    await page.click('#approve')
    expect((await response).status()).toBe(400)
    expect(new URL(page.url()).searchParams.get('code')).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(await page.textContent('#refused')).toBe('Login refused')
    expect(await page.textContent('#reason')).toMatch(/^(signature|malformed)$/)
    expect(await exchanges()).toBe(before)
    await page.screenshot({ path: `${OUT}tampered-state.png` })
  })

  it('refuses a valid state that was issued to another browser (login CSRF)', async () => {
    await toConsent()
    // Capture the callback URL the victim's browser would be sent to, without following it here.
    await page.route(`${appUrl}/callback?**`, (route) => route.abort())
    const callback = new Promise<string>((resolve) =>
      page.on('request', (r) => r.url().startsWith(`${appUrl}/callback?`) && resolve(r.url())),
    )
    await page.click('#approve')
    const url = await callback

    const other = await context.browser()!.newContext()
    const victim = await other.newPage()
    const response = await victim.goto(url)
    expect(response?.status()).toBe(400)
    expect(await victim.textContent('#reason')).toBe('signature')
    await other.close()
  })
})
