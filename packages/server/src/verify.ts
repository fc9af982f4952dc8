// Where a push is verified: every check before user code runs, cheapest first, in this order (and
// only in `verifyRequest` below), so a forged push costs one SHA-1 before its body is even read:
//   1. method GET or POST                                                   405
//   2. `timestamp` within the skew of our clock (no replay of a captured push) 403
//   3. GET: `echostr` present, `signature` verifies → echo it                400 / 403
//   4. the push matches `mode` (safe refuses plaintext: no downgrade)        403 / 400
//   5. `signature` (token, timestamp, nonce), constant time, body unread     403
//   6. body: at most maxBodyBytes, arrived by the deadline, not consumed     413 / 408 / 500
//   7. UTF-8; encrypted: `Encrypt` found by a scan, `msg_signature` over it  400 / 403
//   8. XML or JSON, no DOCTYPE/entity declaration, nesting bounded           400
//      (encrypted XML: WeChat's flat envelope read without the parser, exactly one Encrypt; any other parsed)
//   9. encrypted: decrypts (current, then previous key), AppID inside is ours 400
//  10. every mapped field a single value of its type                         400
// README "What runs before `handle`".
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
import { decrypt, sortedSha1, timingSafeEqual, whenHex, type AesKey, type CryptoProvider, type DecryptFailure } from './internal/crypto'
import type { BodyReader } from './internal/answer'
import { fromUtf8 } from './internal/bytes'
import { parseBody, type WireFields, type WireFormat } from './internal/wire'
import { toPush, wireProblem } from './messages'
import type { RejectedPush, ServerConfig } from './options'
import type { Push } from './push-types'

export type Verdict =
  | { readonly echo: string }
  | { readonly push: Push; readonly format: WireFormat; readonly aes: AesKey | undefined }
  | { readonly rejected: RejectedPush }

// What a decryption failure most likely means, for the person reading onRejected.
const DECRYPT_HINTS: Partial<Record<DecryptFailure, string>> = {
  'bad-padding': " (does encodingAESKey match the console's EncodingAESKey?)",
  'bad-plaintext': " (does encodingAESKey match the console's EncodingAESKey?)",
  'wrong-appid': ' (the push is for another account: check appId)',
}

const refuse = (status: RejectedPush['status'], reason: string): Verdict => ({ rejected: { status, reason } })

/** Runs the checks above on one request; `deadline` (epoch ms) bounds the body read. */
export async function verifyRequest(
  config: ServerConfig,
  aesKeys: (provider: CryptoProvider) => Promise<readonly AesKey[]>,
  method: string,
  url: string,
  readBody: BodyReader,
  deadline: number,
  provider: CryptoProvider,
): Promise<Verdict> {
  const { token, mode, maxBodyBytes } = config
  const query = url.indexOf('?')
  const q = new URLSearchParams(query < 0 ? '' : url.slice(query + 1))
  if (method !== 'GET' && method !== 'POST') return refuse(405, `method ${method} is not GET or POST`)
  const timestamp = q.get('timestamp') ?? ''
  const nonce = q.get('nonce') ?? ''
  const stale = staleness(timestamp, config)
  if (stale) return refuse(403, stale)

  if (method === 'GET') {
    const echostr = q.get('echostr')
    if (echostr === null) return refuse(400, 'echostr is missing')
    if (!(await verified(q.get('signature'), [token, timestamp, nonce], provider))) return refuse(403, 'signature does not match')
    return { echo: echostr }
  }

  const encrypted = q.get('encrypt_type') === 'aes'
  // Safe mode: a push without encrypt_type=aes is a downgrade (its body is covered by no signature).
  if (mode === 'safe' && !encrypted) return refuse(403, "push is not encrypted (encrypt_type=aes) and mode is 'safe'")
  if (mode === 'plaintext' && encrypted)
    return refuse(400, "push is encrypted (encrypt_type=aes) and mode is 'plaintext' (no encodingAESKey)")
  if (!(await verified(q.get('signature'), [token, timestamp, nonce], provider))) return refuse(403, 'signature does not match')
  const bytes = await readBody(maxBodyBytes, deadline)
  if (bytes === 'too-large' || bytes.length > maxBodyBytes) return refuse(413, `body is larger than ${maxBodyBytes} bytes`)
  if (bytes === 'timed-out') return refuse(408, 'body did not arrive before the reply deadline')
  if (bytes === 'consumed') {
    return refuse(500, 'the request body was already read (a body parser, c.req.text()?): pass the untouched request')
  }
  let text: string
  try {
    text = fromUtf8(bytes)
  } catch {
    return refuse(400, 'body is not UTF-8')
  }
  // msg_signature is checked over `Encrypt`, found by a cheap scan, before the body is parsed.
  const scanned = encrypted ? scanEncrypt(text) : undefined
  if (encrypted) {
    if (!scanned) return refuse(400, 'encrypted push has no Encrypt field')
    if (!(await verified(q.get('msg_signature'), [token, timestamp, nonce, scanned], provider)))
      return refuse(403, 'msg_signature does not match')
  }
  // Encrypted: a flat envelope is read without the parser (others are parsed); the message inside is parsed below.
  const outer = parseBody(text, scanned)
  if (!outer.ok) return refuse(400, outer.reason)

  let fields: WireFields = outer.fields
  let aes: AesKey | undefined
  if (encrypted) {
    // The parser must read the same ciphertext the signature was checked over.
    if (fields.Encrypt !== scanned || scanned === undefined) return refuse(400, 'encrypted push has no Encrypt field')
    let failure: DecryptFailure | undefined
    let message: string | undefined
    for (const key of await aesKeys(provider)) {
      const result = await decrypt(key, scanned, config.appId)
      if (result.ok) {
        message = result.message
        aes = key
        break
      }
      // The current key's reason is the one worth reporting.
      failure ??= result.reason
    }
    if (message === undefined) return refuse(400, `Encrypt refused: ${failure}${(failure && DECRYPT_HINTS[failure]) ?? ''}`)
    const inner = parseBody(message)
    if (!inner.ok) return refuse(400, `decrypted ${inner.reason.replace(/^the /, '')}`)
    fields = inner.fields
  }

  const problem = wireProblem(fields)
  if (problem) return refuse(400, problem)
  return { push: toPush(fields), format: outer.format, aes }
}

/** Undefined when fresh, else why not. */
function staleness(timestamp: string, { skew, now }: ServerConfig): string | undefined {
  if (!/^\d{1,12}$/.test(timestamp)) return 'timestamp is not a number of seconds'
  if (skew === 0) return undefined
  // In ms, not rounded seconds: +300.4 s is past a 300 s limit.
  const ageMs = now() - Number(timestamp) * 1000
  return Math.abs(ageMs) > skew * 1000
    ? `timestamp is ${Math.trunc(Math.abs(ageMs) / 1000)} s ${ageMs > 0 ? 'old' : 'in the future'} (limit ${skew} s)`
    : undefined
}

function verified(expected: string | null, parts: string[], provider: CryptoProvider): boolean | Promise<boolean> {
  return !!expected && whenHex(sortedSha1(parts, provider), (hex) => timingSafeEqual(hex, expected.toLowerCase()))
}

// Linear: each alternative starts at a literal `<Encrypt>` or `"Encrypt"` and runs over base64
// characters only, which contain neither, so no two attempts overlap.
const ENCRYPT = /<Encrypt>\s*(?:<!\[CDATA\[([\w+/=]+)\]\]>|([\w+/=]+))\s*<\/Encrypt>|"Encrypt"\s*:\s*"([\w+/=\\]+)"/

/** The `Encrypt` value of an encrypted push without parsing it (JSON's `\/` unescaped), or undefined. */
function scanEncrypt(text: string): string | undefined {
  const m = ENCRYPT.exec(text)
  return (m && (m[1] ?? m[2] ?? m[3]?.replace(/\\\//g, '/'))) || undefined
}
