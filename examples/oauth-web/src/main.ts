// Runs the example: against the real WeChat hosts when WECHAT_APP_ID / WECHAT_APP_SECRET are set,
// else on an embedded emulator. `pnpm --filter @wxmp-examples/oauth-web start`, then open the URL.
import { serve } from '@hono/node-server'
import { startEmulator } from '@wxmp/emulator'
import { createClient } from '@wxmp/core'
import { createOAuthWebApp } from './app'
import { addJsSdkRoutes } from './jssdk'

const port = Number(process.env.PORT ?? 3000)
const stateSecret =
  process.env.STATE_SECRET ?? Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('')

const real = Boolean(process.env.WECHAT_APP_ID && process.env.WECHAT_APP_SECRET)
const emu = real ? undefined : await startEmulator({ port: 0 })
const app = createOAuthWebApp(
  emu
    ? { appId: emu.appId, appSecret: emu.appSecret, stateSecret, apiBaseUrl: emu.url, authorizeBaseUrl: emu.url }
    : { appId: process.env.WECHAT_APP_ID ?? '', appSecret: process.env.WECHAT_APP_SECRET ?? '', stateSecret },
)

// The JS-SDK page (/share): on the emulator, a stand-in jweixin checks wx.config as WeChat's client would.
const client = emu
  ? createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  : createClient({ appId: process.env.WECHAT_APP_ID ?? '', appSecret: process.env.WECHAT_APP_SECRET ?? '' })
addJsSdkRoutes(app, emu ? { client, checkConfig: (config) => emu.control.checkJsApiConfig(config) } : { client })

const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`wxmp OAuth example on http://localhost:${info.port}/ (JS-SDK page: /share#/home)`)
  console.log(
    emu
      ? `  WeChat is the embedded emulator at ${emu.url}`
      : '  WeChat is the real host: open the page inside WeChat, on your OAuth domain',
  )
})

const stop = () => {
  server.close()
  void emu?.close()
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
