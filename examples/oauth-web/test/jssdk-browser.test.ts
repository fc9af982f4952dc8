// JS-SDK end to end in a real browser: a page with a hash route gets its wx.config from the
// server and WeChat's client check (the emulator's) verifies it; the page reports the result.
// Chromium via playwright-core; skipped locally without Chromium, a failure with CI=true.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { Hono } from 'hono'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addJsSdkRoutes } from '../src/jssdk'
import { closeAll, haveChromium, launchChromium } from './chromium'

describe.skipIf(!haveChromium('oauth-web JS-SDK browser test'))('JS-SDK config in Chromium', () => {
  let emu: Emulator
  let server: Server
  let port: number
  let browser: Browser
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    // The app server first: its port is part of the JS safe domain the emulator's app is given.
    const app = new Hono()
    let handle: Hono['fetch'] = () => new Response('starting', { status: 503 })
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: (req) => handle(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server))
    })
    port = (server.address() as AddressInfo).port
    emu = await startEmulator({
      port: 0,
      apps: [{ appId: 'wx0a0b0c0d0e0f0002', appSecret: '00112233445566778899aabbccddee02', jsApiDomains: [`127.0.0.1:${port}`] }],
    })
    const client = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
    addJsSdkRoutes(app, { client, checkConfig: (config) => emu.control.checkJsApiConfig(config) })
    handle = app.fetch
    browser = await launchChromium()
  })

  afterAll(() => closeAll(browser, server, emu))

  beforeEach(async () => {
    context = await browser.newContext()
    // No internet here: only the app server on loopback answers.
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url())
      return hostname === '127.0.0.1' || hostname === 'localhost' ? route.continue() : route.abort()
    })
    page = await context.newPage()
    page.setDefaultTimeout(60_000)
  })
  afterEach(() => context.close())

  async function result(): Promise<string> {
    await page.waitForFunction(() => document.querySelector('#result')?.textContent !== 'pending')
    return (await page.textContent('#result')) ?? ''
  }

  it('configures a page opened on a hash route, verified by the emulated WeChat client', async () => {
    await page.goto(`http://127.0.0.1:${port}/share?from=timeline&id=42#/product/42?tab=reviews`)
    expect(await page.textContent('#route')).toBe('#/product/42?tab=reviews')
    expect(await result()).toBe('config:ok')
    expect((await emu.control.counters())['getticket:jsapi']).toBe(1)
  })

  it('reports invalid url domain for the same page on a host that is not a JS safe domain', async () => {
    await page.goto(`http://localhost:${port}/share#/home`)
    expect(await result()).toBe('config:invalid url domain')
  })
})
