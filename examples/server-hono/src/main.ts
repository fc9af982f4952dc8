// Runs the example on an embedded emulator (or real WeChat with WECHAT_APP_ID, WECHAT_APP_SECRET,
// WECHAT_TOKEN, WECHAT_AES_KEY set): `pnpm --filter @wxmp-examples/server-hono start`.
import { serve } from '@hono/node-server'
import { createClient } from '@wxmp/core'
import { startEmulator } from '@wxmp/emulator'
import { createPushApp } from './app'

const port = Number(process.env.PORT ?? 3001)
const real = Boolean(process.env.WECHAT_APP_ID && process.env.WECHAT_APP_SECRET && process.env.WECHAT_TOKEN)
const emu = real ? undefined : await startEmulator({ port: 0 })
const appId = emu?.appId ?? process.env.WECHAT_APP_ID ?? ''
const token = process.env.WECHAT_TOKEN ?? 'exampleToken1'
const encodingAESKey = process.env.WECHAT_AES_KEY ?? (emu ? 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' : undefined)
const wx = createClient({ appId, appSecret: emu?.appSecret ?? process.env.WECHAT_APP_SECRET ?? '', ...(emu ? { baseUrl: emu.url } : {}) })
// The push crypto is node:crypto's on Node without being asked (Web Crypto where the app runs on Workers).
const app = createPushApp({ appId, token, wx, ...(encodingAESKey ? { encodingAESKey } : {}) })

const server = serve({ fetch: app.fetch, port }, async (info) => {
  const url = `http://127.0.0.1:${info.port}/wechat`
  console.log(`wxmp push example listening on ${url}`)
  if (emu) {
    await emu.control.configurePush({ url, token, ...(encodingAESKey ? { encodingAESKey, mode: 'safe' as const } : {}) })
    const openid = await emu.control.followerAt(0)
    const r = await emu.control.userMessage(openid, { msgType: 'text', content: 'hi' })
    console.log(`  the emulator pushed "hi" from ${openid}; the follower got: ${JSON.stringify(r.reply)}`)
  }
})

const stop = () => {
  server.close()
  void emu?.close()
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
