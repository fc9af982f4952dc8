// The emulator's console end to end in Chromium, against a bot built with @wxmp/server: a follower
// types "hi" and sees the bot's reply; a visitor scans a QR code and sees the welcome; a mass send
// reaches every follower's chat; a menu tap is answered; hostile text from the follower and from
// the server renders as text. With WXMP_SCREENSHOTS=1 it writes the README's screenshots to docs/.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { sendMassMessage } from '@wxmp/mass'
import { createMenu } from '@wxmp/menu'
import { createTemporaryQrCode } from '@wxmp/qrcode'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BOT_AES_KEY, BOT_TOKEN, startBot, type Bot } from '../src/bot'
import { haveChromium, launchChromium } from './chromium'

const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url))
const SHOTS = process.env.WXMP_SCREENSHOTS === '1'
const HOSTILE = `<img src=x onerror=window.__pwned=1> <script>window.__pwned=2</script> javascript:window.__pwned=3`

describe.skipIf(!haveChromium('console browser test'))('the emulator console in Chromium', () => {
  let emu: Emulator
  let bot: Bot
  let wx: WeChatClient
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let ada: string
  const offsite: string[] = []

  /** Picks a follower in the list by the name shown. */
  const pick = async (name: string) => {
    await page.locator('.people .person', { hasText: name }).click()
    // The phone shows the follower once their snapshot has arrived.
    await expect.poll(() => page.locator('.phone-sub').textContent()).toContain(`as ${name}`)
  }
  const chat = () => page.getByTestId('chat')

  beforeAll(async () => {
    emu = await startEmulator({
      console: true,
      apps: [{ appId: 'wx0c0d0e0f0a0b0001', appSecret: '00112233445566778899aabbccddeeff', followers: 3 }],
    })
    const offset = (await emu.control.now()) - Date.now()
    bot = await startBot(emu.appId, { now: () => Date.now() + offset })
    await emu.control.configurePush({ url: bot.url, token: BOT_TOKEN, encodingAESKey: BOT_AES_KEY, mode: 'safe' })
    wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
    ada = await emu.control.addFollower({ nickname: 'Ada 阿达' })
    await createMenu(wx, {
      buttons: [
        { type: 'click', name: '今日特价', key: 'TODAY_DEALS' },
        {
          name: '服务',
          subButtons: [
            { type: 'click', name: '联系我们', key: 'CONTACT' },
            { type: 'view', name: '官网', url: 'https://shop.example.com/' },
          ],
        },
      ],
    })
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 820 } })
    // Offline: the page must need nothing beyond the emulator.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (url.origin === emu.url) return route.continue()
      offsite.push(url.href)
      return route.abort()
    })
    page = await context.newPage()
    await page.goto(emu.consoleUrl as string)
  })

  afterAll(async () => {
    await browser?.close()
    await bot?.close()
    await emu?.close()
  })

  it('takes the token out of the address bar', async () => {
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('')
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('wxmp-emulator-token'))).toBe(emu.controlToken)
  })

  it('a follower types "hi" and sees the bot\'s reply', async () => {
    await pick('Ada 阿达')
    await page.getByLabel('message').fill('hi')
    await page.getByLabel('message').press('Enter')
    await expect.poll(() => chat().locator('[data-testid=mine]').last().textContent()).toContain('hi')
    await expect.poll(() => chat().locator('[data-testid=theirs]').last().textContent()).toContain('你好！Hello from the bot')
    // The reply's http link is a link that leaves no Referer and no opener.
    const link = chat().locator('a[href="https://example.com/docs"]')
    await expect.poll(() => link.getAttribute('rel')).toBe('noopener noreferrer')
    // The message opened the customer-service window.
    await expect.poll(() => page.getByTestId('window').textContent()).toMatch(/open until .*5 sends left/)
  })

  it('a tap on the menu pushes its event and the answer appears', async () => {
    await page.getByTestId('menu').getByRole('button', { name: '今日特价' }).click()
    await expect.poll(() => chat().locator('[data-testid=theirs]').last().textContent()).toContain('You tapped TODAY_DEALS.')
    await page.getByTestId('menu').getByRole('button', { name: /服务/ }).click()
    await page.getByTestId('menu').getByRole('button', { name: '联系我们' }).click()
    await expect.poll(() => chat().locator('[data-testid=theirs]').last().textContent()).toContain('You tapped CONTACT.')
    if (SHOTS) {
      mkdirSync(DOCS, { recursive: true })
      await page.screenshot({ path: `${DOCS}console-chat.png` })
    }
  })

  it('a visitor scans a QR code and sees the welcome message', async () => {
    await createTemporaryQrCode(wx, 'spring-poster', { expireSeconds: 3600 })
    // Someone who does not follow yet, added in the console.
    await page.getByLabel('nickname').fill('访客 Bo')
    await page.getByRole('button', { name: '+ Visitor' }).click()
    await expect.poll(() => page.locator('.people .person.selected').textContent()).toContain('not following')
    await expect.poll(() => page.locator('.phone-sub').textContent()).toContain('as 访客 Bo')
    await page.getByRole('button', { name: /QR codes/ }).click()
    await expect.poll(() => page.getByTestId('qr').count()).toBe(1)
    // The QR image is the emulator's own PNG (img-src 'self').
    await expect
      .poll(() =>
        page
          .getByTestId('qr')
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Scan as this follower' }).click()
    await expect.poll(() => chat().textContent()).toContain('Welcome, you came from spring-poster.')
    await expect.poll(() => chat().getByTestId('event').first().textContent()).toContain('qrscene_spring-poster')
  })

  it("a mass send appears in every follower's chat", async () => {
    await sendMassMessage(wx, { all: true }, { type: 'text', content: '春季促销：全场八折 Spring sale' })
    for (const name of ['Ada 阿达', '访客 Bo']) {
      await pick(name)
      await expect.poll(() => chat().locator('[data-channel=mass]').last().textContent()).toContain('春季促销：全场八折 Spring sale')
    }
    // A synthetic follower too: the first in the list.
    await pick((await page.locator('.people .person-name').first().textContent()) as string)
    await expect.poll(() => chat().locator('[data-channel=mass]').count()).toBe(1)
  })

  it('hostile text from the follower and from the server renders as text', async () => {
    await pick('Ada 阿达')
    await page.getByLabel('message').fill(HOSTILE)
    await page.getByLabel('message').press('Enter')
    // The bot echoes it back ("You said: ..."), and a customer-service news card points at javascript:.
    await expect.poll(() => chat().locator('[data-testid=theirs]').last().textContent()).toContain(`You said: ${HOSTILE}`)
    await wx.request('/cgi-bin/message/custom/send', {
      json: {
        touser: ada,
        msgtype: 'news',
        news: {
          articles: [
            {
              title: '<b>优惠</b><script>window.__pwned=4</script>',
              description: 'tap me',
              url: 'javascript:window.__pwned=5',
              picurl: 'https://x.example/p.png',
            },
          ],
        },
      },
    })
    await expect.poll(() => chat().locator('.news-item').last().textContent()).toContain('<b>优惠</b><script>window.__pwned=4</script>')
    expect(await chat().locator('[data-testid=mine]').last().textContent()).toContain(HOSTILE)
    // A follower's nickname is theirs to choose too.
    await emu.control.addFollower({ nickname: '<img src=x onerror=window.__pwned=6>' })
    await expect.poll(() => page.locator('.people').textContent()).toContain('<img src=x onerror=window.__pwned=6>')
    expect(await page.locator('.people img').count()).toBe(0)
    // Shown, never run or parsed: no element came out of the text, no javascript: link exists.
    expect(await chat().locator('img, script, b').count()).toBe(0)
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0)
    expect(await chat().locator('a.news-item').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
    if (SHOTS) await page.screenshot({ path: `${DOCS}console-hostile.png` })
  })

  it('a right-to-left override in text cannot reverse a link or spill past its own text', async () => {
    await pick('Ada 阿达')
    // U+202E (RLO) flips everything after it in the same paragraph: a link's text would read
    // backwards (a spoofed address), and a nickname's would spill past the button beside it.
    await page.getByLabel('message').fill('\u202eyou won https://evil.example/claim and https://evil.example/a\u202egnp.exe')
    await page.getByLabel('message').press('Enter')
    const link = chat().locator('[data-testid=mine] a[href="https://evil.example/claim"]').last()
    await expect.poll(() => link.count()).toBe(1)
    /** Left edges of a link's first and last characters. */
    const edges = (a: HTMLElement) => {
      const node = a.firstChild as Text
      const at = (i: number) => {
        const range = document.createRange()
        range.setStart(node, i)
        range.setEnd(node, i + 1)
        return range.getBoundingClientRect().left
      }
      return [at(0), at(node.length - 1)]
    }
    const [first, last] = await link.evaluate(edges)
    expect(first).toBeLessThan(last as number)
    // The link text is only the address, without the control character.
    expect(await link.textContent()).toBe('https://evil.example/claim')
    // An override inside an address ends it: the link is only what comes before.
    expect(await chat().locator('[data-testid=mine] a').last().textContent()).toBe('https://evil.example/a')
    await emu.control.addFollower({ nickname: '\u202eRTL name' })
    await pick((await page.locator('.people .person-name', { hasText: 'RTL name' }).textContent()) as string)
    const name = await page.locator('.phone-sub > span').first().boundingBox()
    const button = await page.locator('.phone-sub button').boundingBox()
    expect((name?.x ?? 0) + (name?.width ?? 0)).toBeLessThanOrEqual(button?.x ?? 0)
  })

  it('runs no inline script or style even if one got into the page (the CSP holds)', async () => {
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.__inline = 1'
      document.body.append(script)
      const style = document.createElement('style')
      style.textContent = 'body { outline: 7px solid red }'
      document.head.append(style)
      await new Promise((resolve) => setTimeout(resolve, 50))
      const result = { script: (window as { __inline?: unknown }).__inline, outline: getComputedStyle(document.body).outlineStyle }
      script.remove()
      style.remove()
      return result
    })
    expect(ran).toEqual({ script: undefined, outline: 'none' })
  })

  it('shows every push with its status and, in safe mode, the ciphertext', async () => {
    await page.getByRole('button', { name: /Pushes/ }).click()
    const newest = page.getByTestId('push').first()
    await newest.locator('summary').click()
    const text = (await newest.textContent()) ?? ''
    expect(text).toMatch(/HTTP 200 · 1 try/)
    expect(text).toContain('msg_signature=')
    expect(text).toContain('<Encrypt>')
    if (SHOTS) await page.screenshot({ path: `${DOCS}console-pushes.png` })
  })

  it('needed nothing beyond the emulator', () => {
    expect(offsite).toEqual([])
  })
})
