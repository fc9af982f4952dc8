// Builds pushes the way WeChat's doc describes them, for tests that play WeChat's side without
// the emulator: signed query, plain / compatible / safe body, XML or JSON.
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
import { computeSignature, encryptMessage } from '../crypto'

export interface PushSpec {
  readonly url: string
  readonly token: string
  /** WeChat's field names, as in the doc's samples. */
  readonly fields: Record<string, unknown>
  readonly format?: 'xml' | 'json'
  readonly mode?: 'plaintext' | 'compatible' | 'safe'
  readonly encodingAESKey?: string
  readonly appId?: string
  readonly timestamp?: string
  readonly nonce?: string
  /** Extra request headers (an Origin, say), beside the content type. */
  readonly headers?: Record<string, string>
  /** Replaces the signature / msg_signature WeChat would send. */
  readonly forge?: { signature?: string; msgSignature?: string; encrypt?: string; body?: string }
}

/** A text push's fields as WeChat sends them, MsgId `id`. */
export const textPushFields = (id: string, content = `hi ${id}`) => ({
  ToUserName: 'gh_echo',
  FromUserName: 'oEcho1',
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'text',
  Content: content,
  MsgId: id,
})

export function toXml(fields: Record<string, unknown>): string {
  const inner = (f: Record<string, unknown>): string =>
    Object.entries(f)
      .map(([k, v]) => {
        if (Array.isArray(v)) return `<${k}>${v.map((item) => `<item>${inner(item as Record<string, unknown>)}</item>`).join('')}</${k}>`
        if (typeof v === 'object' && v !== null) return `<${k}>${inner(v as Record<string, unknown>)}</${k}>`
        return typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${String(v)}]]></${k}>`
      })
      .join('')
  return `<xml>${inner(fields)}</xml>`
}

export async function sendPush(spec: PushSpec): Promise<Response> {
  const format = spec.format ?? 'xml'
  const mode = spec.mode ?? 'plaintext'
  const timestamp = spec.timestamp ?? String(Math.floor(Date.now() / 1000))
  const nonce = spec.nonce ?? String(Math.floor(Math.random() * 1e9))
  const render = (f: Record<string, unknown>) => (format === 'json' ? JSON.stringify(f) : toXml(f))
  const query = new URLSearchParams({
    signature: spec.forge?.signature ?? (await computeSignature(spec.token, timestamp, nonce)),
    timestamp,
    nonce,
  })
  query.set('openid', String(spec.fields.FromUserName ?? ''))
  let body = render(spec.fields)
  if (mode !== 'plaintext') {
    const encrypt = spec.forge?.encrypt ?? (await encryptMessage(body, { encodingAESKey: spec.encodingAESKey!, appId: spec.appId! }))
    query.set('encrypt_type', 'aes')
    query.set('msg_signature', spec.forge?.msgSignature ?? (await computeSignature(spec.token, timestamp, nonce, encrypt)))
    const outer = mode === 'safe' ? { ToUserName: spec.fields.ToUserName, Encrypt: encrypt } : { ...spec.fields, Encrypt: encrypt }
    body = render(outer)
  }
  return fetch(`${spec.url}?${query}`, {
    method: 'POST',
    headers: { 'content-type': format === 'json' ? 'application/json' : 'text/xml', ...spec.headers },
    body: spec.forge?.body ?? body,
  })
}
