// `pnpm demo --keep`: after the demo, the emulator stays up with a small receiver on @wxmp/server
// behind its push URL, so a newcomer can open the console, chat as a follower and see the replies.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Emulator } from '@wxmp/emulator'
import { createMessageServer } from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'

const TOKEN = 'demoKeepToken1'
// Safe mode, as the demo's step 10 and the README's screenshots: the pushes panel shows the ciphertext.
const AES_KEY = 'kEePdEmO0123456789abcdefghijklmnopqrstuvwxA'

/** Starts the receiver, points the emulator's pushes at it, and returns how to stop it. */
export async function keepReceiver(emu: Emulator): Promise<{ url: string; close: () => Promise<void> }> {
  const handler = createMessageServer({
    appId: emu.appId,
    token: TOKEN,
    encodingAESKey: AES_KEY,
    // Pushes carry the emulator clock's timestamp, which the demo and the console's clock buttons
    // move at will: a look-around receiver does not hold them to the real clock (never in production).
    maxTimestampSkewSeconds: 0,
    handle(push) {
      if (push.msgType === 'event' && push.event === 'subscribe')
        return { type: 'text', content: push.scene ? `欢迎！Welcome (scene ${push.scene}).` : '欢迎！Welcome.' }
      if (push.msgType === 'event' && push.event === 'CLICK') return { type: 'text', content: `You tapped ${push.eventKey}.` }
      if (push.msgType === 'text') return { type: 'text', content: `你说：${push.content} (the demo receiver on @wxmp/server answered)` }
      return undefined
    },
  })
  const server = createServer(toNodeHandler(handler))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`
  await emu.control.configurePush({ url, token: TOKEN, encodingAESKey: AES_KEY, mode: 'safe' })
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
