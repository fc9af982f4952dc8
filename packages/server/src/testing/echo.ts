// A safe-mode echo server (text in, `echo: <text>` out, refusals collected) and a push to it that
// returns the decrypted reply: what the @hono/node-server tests send and check.
import { vi } from 'vitest'
import { decryptMessage } from '../crypto'
import { createMessageServer, type MessageServerOptions, type RejectedPush } from '../server'
import { sendPush } from './push'

export const ECHO_APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }

/** A text push's fields as WeChat sends them, MsgId `id`. */
export const textPushFields = (id: string) => ({
  ToUserName: 'gh_echo',
  FromUserName: 'oEcho1',
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'text',
  Content: `hi ${id}`,
  MsgId: id,
})

export function echoServer(options: Partial<MessageServerOptions> = {}) {
  const handle = vi.fn((push: { msgType: string; content?: string }) =>
    push.msgType === 'text' ? { type: 'text' as const, content: `echo: ${push.content}` } : undefined,
  )
  const rejected: RejectedPush[] = []
  const server = createMessageServer({ ...ECHO_APP, handle, onRejected: (r) => rejected.push(r), ...options })
  return { server, handle, rejected }
}

/** A signed safe-mode text push to `url`: the status and the decrypted reply (or the body as sent back). */
export async function pushTo(url: string, id: string, init: { headers?: Record<string, string> } = {}) {
  const res = await sendPush({
    url,
    token: ECHO_APP.token,
    fields: textPushFields(id),
    mode: 'safe',
    encodingAESKey: ECHO_APP.encodingAESKey,
    appId: ECHO_APP.appId,
    ...init,
  })
  const text = await res.text()
  const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(text)?.[1]
  return { status: res.status, reply: encrypt ? await decryptMessage(encrypt, ECHO_APP) : text }
}
