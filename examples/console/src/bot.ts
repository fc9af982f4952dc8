// A small bot on @wxmp/server: answers "hi", welcomes new followers (with the QR scene they came
// from) and answers a menu tap. The console example and its browser test push to it.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMessageServer } from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'

export const BOT_TOKEN = 'consoleBotToken1'
export const BOT_AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

export interface Bot {
  /** Where the emulator pushes to. */
  readonly url: string
  readonly server: Server
  close(): Promise<void>
}

/** Starts the bot on a free port of 127.0.0.1, for the app `appId`, in safe mode. */
export async function startBot(appId: string, options: { now?: () => number; maxTimestampSkewSeconds?: number } = {}): Promise<Bot> {
  const handler = createMessageServer({
    appId,
    token: BOT_TOKEN,
    encodingAESKey: BOT_AES_KEY,
    ...(options.now ? { now: options.now } : {}),
    ...(options.maxTimestampSkewSeconds === undefined ? {} : { maxTimestampSkewSeconds: options.maxTimestampSkewSeconds }),
    handle(push) {
      if (push.msgType === 'event' && push.event === 'subscribe')
        return { type: 'text', content: push.scene ? `欢迎关注！Welcome, you came from ${push.scene}.` : '欢迎关注！Welcome!' }
      if (push.msgType === 'event' && push.event === 'CLICK') return { type: 'text', content: `You tapped ${push.eventKey}.` }
      if (push.msgType === 'text') {
        if (push.content.trim().toLowerCase() === 'hi')
          return { type: 'text', content: '你好！Hello from the bot. Docs: https://example.com/docs' }
        return { type: 'text', content: `You said: ${push.content}` }
      }
      return undefined
    },
  })
  const server = createServer(toNodeHandler(handler))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
