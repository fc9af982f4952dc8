// A WeChat push endpoint on Hono: @wxmp/server's fetch handler mounted on one route. Text gets
// an instant passive reply; a follow from a campaign QR code gets a welcome naming the campaign;
// "report" is slow work: answered `success` at once, the result sent later as a customer-service
// message (the follower's message opened their 48-hour window).
import { Hono } from 'hono'
import type { WeChatClient } from '@wxmp/core'
import { sendText } from '@wxmp/custom'
import { createMessageServer, type CryptoProvider, type Push } from '@wxmp/server'
import { answerMenu, isMenuTap } from './menu'

export interface PushAppOptions {
  readonly appId: string
  readonly token: string
  readonly encodingAESKey?: string
  /** The client that sends customer-service messages (the follow-up to slow work). */
  readonly wx: WeChatClient
  /** Where the slow work runs; tests await it. @default runs it and reports errors to console */
  readonly background?: (work: Promise<unknown>) => void
  /** Default: node:crypto where the runtime has it (Node 20.16+, Bun, Deno), Web Crypto elsewhere. */
  readonly crypto?: CryptoProvider
}

export function createPushApp(options: PushAppOptions): Hono {
  const background = options.background ?? ((work) => void work.catch((error: unknown) => console.error('follow-up failed', error)))
  const server = createMessageServer({
    appId: options.appId,
    token: options.token,
    ...(options.encodingAESKey === undefined ? {} : { encodingAESKey: options.encodingAESKey }),
    ...(options.crypto === undefined ? {} : { crypto: options.crypto }),
    handle(push: Push) {
      if (isMenuTap(push)) return answerMenu(push)
      if (push.msgType === 'event' && (push.event === 'subscribe' || push.event === 'SCAN') && push.scene) {
        return { type: 'text', content: `Welcome! You came from campaign ${push.scene}.` }
      }
      if (push.msgType === 'text' && push.content.trim() === 'report') {
        // Too slow for WeChat's 5 s: answer nothing now, send the result within the 48-hour window.
        background(buildReport().then((report) => sendText(options.wx, push.fromUserName, report)))
        return undefined
      }
      if (push.msgType === 'text') return { type: 'text', content: `You said: ${push.content}` }
      return undefined
    },
    // kind 'handler': handle threw; 'dedup-store': the shared store failed (the push was still handled).
    onError: (error, { kind }) => console.error(`push ${kind} failed`, error),
    // 4xx: forged, stale or malformed; 500: the body was read before server.fetch saw the request.
    onRejected: ({ status, reason }) => {
      if (status === 500) console.error('push refused:', reason)
    },
  })

  const app = new Hono()
  app.get('/', (c) => c.text('wxmp push example: WeChat posts to /wechat'))
  // GET is WeChat's URL verification, POST a push: the same handler answers both. Pass the raw
  // request untouched (no c.req.text() or body middleware before it), and c.env: on Node
  // (@hono/node-server) the body is then read straight from the Node request, not through web streams.
  app.on(['GET', 'POST'], '/wechat', (c) => server.fetch(c.req.raw, c.env))
  return app
}

async function buildReport(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 50))
  return 'Your report: 3 orders this week, all shipped.'
}
