// JS-SDK in a page: the page (with a hash route, as single-page apps have) posts its own
// location.href, the server answers the wx.config object (createJsApiConfig: the ticket stays on
// the server), the page calls wx.config and reports wx.ready / wx.error.
// In WeChat the page loads https://res.wx.qq.com/open/js/jweixin-1.6.0.js; against the emulator,
// `jweixinUrl` points at a stand-in whose wx.config asks the emulator's check, as WeChat's client
// checks the domain and the signature.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
import type { Hono } from 'hono'
import type { WeChatClient } from '@wxmp/core'
import { createJsApiConfig } from '@wxmp/jssdk'

export interface JsSdkRoutesOptions {
  readonly client: WeChatClient
  /** Script that defines `wx`. @default WeChat's jweixin 1.6.0 */
  readonly jweixinUrl?: string
  /** With the emulator: serves a stand-in `wx` at `jweixinUrl` whose `config` asks this check. */
  readonly checkConfig?: (config: EmulatedConfigCheck) => Promise<{ ok: boolean; errMsg: string }>
}

/** What the stand-in jweixin sends: the wx.config object and the page's location.href. */
export interface EmulatedConfigCheck {
  readonly appId: string
  readonly url: string
  readonly timestamp: number
  readonly nonceStr: string
  readonly signature: string
}

const JWEIXIN = 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js'

const SHARE_PAGE = (jweixinUrl: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>JS-SDK example</title>
<script src="${jweixinUrl}"></script></head><body>
<h1>JS-SDK example</h1><p>Route: <code id="route"></code></p><p>wx.config: <strong id="result">pending</strong></p>
<script type="module">
document.querySelector('#route').textContent = location.hash
const response = await fetch('/jssdk/config', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: location.href }) })
const config = await response.json()
wx.config(config)
wx.ready(() => { document.querySelector('#result').textContent = 'config:ok' })
wx.error((res) => { document.querySelector('#result').textContent = res.errMsg })
</script></body></html>`

// The stand-in keeps jweixin's shape: config(), ready(callback), error(callback).
const EMULATED_WX = `window.wx = (() => {
  let result, onReady, onError
  const settle = () => { if (!result) return; if (result.ok) onReady?.(); else onError?.({ errMsg: result.errMsg }) }
  return {
    config(config) {
      fetch('/jssdk/emulated-check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...config, url: location.href }) })
        .then((r) => r.json()).then((r) => { result = r; settle() })
    },
    ready(callback) { onReady = callback; settle() },
    error(callback) { onError = callback; settle() },
  }
})()`

/** Adds `/share` (the page), `POST /jssdk/config` and, with `checkConfig`, the emulated jweixin. */
export function addJsSdkRoutes(app: Hono, options: JsSdkRoutesOptions): Hono {
  const jweixinUrl = options.jweixinUrl ?? (options.checkConfig ? '/jssdk/jweixin.js' : JWEIXIN)
  app.get('/share', (c) => c.html(SHARE_PAGE(jweixinUrl)))

  app.post('/jssdk/config', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { url?: unknown }
    try {
      // The page's own URL: createJsApiConfig drops the fragment and refuses anything not http(s).
      return c.json(
        await createJsApiConfig(options.client, {
          url: body.url as string,
          jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData'],
        }),
      )
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError) return c.json({ error: error.message }, 400)
      throw error
    }
  })

  if (options.checkConfig) {
    const check = options.checkConfig
    app.get('/jssdk/jweixin.js', (c) => c.body(EMULATED_WX, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    app.post('/jssdk/emulated-check', async (c) => c.json(await check((await c.req.json()) as EmulatedConfigCheck)))
  }
  return app
}
