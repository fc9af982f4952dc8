// A safe-mode echo server (text in, `echo: <text>` out, refusals collected) and a push to it that
// returns the decrypted reply: what the @hono/node-server tests send and check.
import { vi } from 'vitest'
import { decryptMessage } from '../crypto'
import { createMessageServer, type MessageServerOptions, type RejectedPush } from '../server'
import { sendPush, textPushFields } from './push'

export const ECHO_APP = { appId: 'wx1234567890abcdef', token: 'tokenABC123', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }

export function echoServer(options: Partial<MessageServerOptions> = {}) {
  const handle = vi.fn((push: { msgType: string; content?: string }) =>
    push.msgType === 'text' ? { type: 'text' as const, content: `echo: ${push.content}` } : undefined,
  )
  const rejected: RejectedPush[] = []
  const server = createMessageServer({ ...ECHO_APP, handle, onRejected: (r) => rejected.push(r), ...options })
  return { server, handle, rejected }
}

/**
 * A signed safe-mode text push to `url` (`content`, sealed with `key`, extra `headers`): the status
 * and the decrypted reply (or the body as sent back).
 */
export async function pushTo(
  url: string,
  id: string,
  { content, key = ECHO_APP.encodingAESKey, headers }: { content?: string; key?: string; headers?: Record<string, string> } = {},
) {
  const res = await sendPush({
    url,
    token: ECHO_APP.token,
    fields: textPushFields(id, content),
    mode: 'safe',
    encodingAESKey: key,
    appId: ECHO_APP.appId,
    ...(headers ? { headers } : {}),
  })
  const text = await res.text()
  const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(text)?.[1]
  return { status: res.status, reply: encrypt ? await decryptMessage(encrypt, { ...ECHO_APP, encodingAESKey: key }) : text }
}
