// Receiving: a webhook server on @wxmp/server inside the demo process, and the emulator pushing to
// it as WeChat would (safe mode: signed and encrypted). A newcomer scans the campaign QR code and
// the follow arrives with its scene; they say "hi", the passive reply reaches them and their
// 48-hour window is open; a mass send's MASSSENDJOBFINISH arrives and is matched to its msgId.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sendText } from '@wxmp/custom'
import { sendMassMessage } from '@wxmp/mass'
import { createTemporaryQrCode } from '@wxmp/qrcode'
import { createMessageServer, isJobFinishOf, type MassSendJobFinishEvent, type Push } from '@wxmp/server'
import { toNodeHandler } from '@wxmp/server/node'
import type { DemoStep } from '../context'

const TOKEN = 'demoPushToken1'
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

export const serverStep: DemoStep = {
  title: 'Receiving: follows with their QR scene, replies, job-finish events',
  needsEmulator: true,
  run: async ({ wx, emu, log }) => {
    if (!emu) return
    const received: Push[] = []
    const waiters: { test: (push: Push) => boolean; resolve: (push: Push) => void }[] = []
    const next = <T extends Push>(test: (push: Push) => push is T, ms = 15_000): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const found = received.find(test)
        if (found) return resolve(found)
        const timer = setTimeout(() => reject(new Error(`no matching push within ${ms / 1000} s`)), ms)
        waiters.push({ test, resolve: (push) => (clearTimeout(timer), resolve(push as T)) })
      })
    // Pushes carry the emulator clock's timestamp; earlier steps may have moved that clock.
    const clockOffset = (await emu.control.now()) - Date.now()

    const server = createMessageServer({
      appId: emu.appId,
      token: TOKEN,
      encodingAESKey: AES_KEY,
      now: () => Date.now() + clockOffset,
      handle(push) {
        received.push(push)
        for (const w of waiters.splice(0)) w.test(push) ? w.resolve(push) : waiters.push(w)
        if (push.msgType === 'event' && push.event === 'subscribe')
          return { type: 'text', content: push.scene ? `Welcome, campaign ${push.scene}!` : 'Welcome!' }
        if (push.msgType === 'text') return { type: 'text', content: `Hi! You said "${push.content}". We will write back within 48 hours.` }
        return undefined
      },
      onError: (error) => log(`handler error: ${String(error)}`),
    })
    const http = createServer(toNodeHandler(server))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/wechat`
      await emu.control.configurePush({ url, token: TOKEN, encodingAESKey: AES_KEY, mode: 'safe', format: 'xml' })
      log(`webhook on ${url}; the emulator pushes to it in safe mode (AES, msg_signature)`)
      // What WeChat's console does when the URL is saved: a signed GET the server must echo.
      const verified = await emu.control.verifyUrl()
      log(
        `URL verification (the console's signed GET with echostr): ${verified.ok ? 'echoed, the console would accept the URL' : verified.error}`,
      )

      const qr = await createTemporaryQrCode(wx, 'spring-poster', { expireSeconds: 86_400 })
      const newcomer = 'oDemoNewcomer_00000000000001'
      const scan = await emu.control.userEvent(newcomer, { event: 'scan', ticket: qr.ticket })
      const follow = await next((p): p is Push => p.msgType === 'event' && p.event === 'subscribe' && p.fromUserName === newcomer)
      log(
        `${newcomer} scanned the poster: subscribe event with scene "${follow.msgType === 'event' && follow.event === 'subscribe' ? follow.scene : '?'}"; they saw: ${JSON.stringify(scan.reply)}`,
      )

      const hi = await emu.control.userMessage(newcomer, { msgType: 'text', content: 'hi' })
      const replies = await emu.control.outbox({ channel: 'reply', touser: newcomer })
      log(
        `they said "hi" (MsgId ${hi.msgId}); passive replies in their chat: ${replies.length}, last: ${JSON.stringify(replies.at(-1)?.payload)}`,
      )
      // The message opened their 48-hour window: a customer-service message now goes through.
      await sendText(wx, newcomer, 'Your coupon: SPRING-2026')
      log('48-hour window open: a customer-service message to them was accepted')

      const second = 'oDemoNewcomer_00000000000002'
      await emu.control.userEvent(second, { event: 'subscribe' })
      const sent = await sendMassMessage(wx, { openIds: [newcomer, second] }, { type: 'text', content: 'Spring sale starts tomorrow' })
      log(`mass send accepted: msgId ${sent.msgId}`)
      const finish = await next((p): p is MassSendJobFinishEvent => isJobFinishOf(p, sent))
      log(
        `MASSSENDJOBFINISH for msgId ${finish.msgId}: ${finish.status}, ${finish.sentCount} of ${finish.totalCount} sent, ${finish.errorCount} errors`,
      )
    } finally {
      await emu.control.configurePush(null)
      http.close()
    }
  },
}
