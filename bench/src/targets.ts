// Recipients for custom-service sends. The emulator enforces WeChat's rules: a send needs the
// user's 48-hour window open (45015 otherwise) and allows 5 sends per interaction (45047 beyond).
// So every batch spreads its sends over enough followers (at most 4 each) and reopens their
// windows first, outside the timed part.
import type { BenchEmulator } from './emulator'
import { mapLimit } from './stats'
import type { Mode } from './workers'

export const SENDS_PER_USER = 4

export class Recipients {
  private constructor(
    private readonly emu: BenchEmulator,
    private readonly openids: readonly string[],
  ) {}

  static async load(emu: BenchEmulator, count: number): Promise<Recipients> {
    const openids = await mapLimit(
      Array.from({ length: count }, (_, i) => i),
      16,
      (i) => emu.control.followerAt(i),
    )
    return new Recipients(emu, openids)
  }

  /**
   * `n` targets for one batch. In send mode, the followers used get a fresh interaction first
   * (a new allowance of 5); the outbox is emptied so the emulator's state stays small.
   */
  async prepare(n: number, mode: Mode): Promise<string[]> {
    const users = Math.min(this.openids.length, Math.ceil(n / SENDS_PER_USER))
    if (users * SENDS_PER_USER < n)
      throw new Error(`need ${Math.ceil(n / SENDS_PER_USER)} followers for ${n} sends, have ${this.openids.length}`)
    const pool = this.openids.slice(0, users)
    if (mode === 'send') {
      await this.emu.control.clearOutbox()
      await mapLimit(pool, 16, (openid) => this.emu.control.interact(openid))
    }
    return Array.from({ length: n }, (_, i) => pool[i % pool.length]!)
  }
}

/**
 * Can the emulator take custom-service sends yet? Sends one with a raw fetch. Before the custom
 * module exists the route answers 48001; then the benchmark measures a read instead and says so.
 */
export async function detectMode(emu: BenchEmulator, openid: string): Promise<{ mode: Mode; reason: string }> {
  const tokenRes = await fetch(`${emu.url}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: emu.appId, secret: emu.appSecret }),
  })
  const { access_token: token } = (await tokenRes.json()) as { access_token: string }
  await emu.control.interact(openid)
  const res = await fetch(`${emu.url}/cgi-bin/message/custom/send?access_token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ touser: openid, msgtype: 'text', text: { content: 'probe' } }),
  })
  const data = (await res.json().catch(() => ({ errcode: res.status }))) as { errcode?: number; errmsg?: string }
  await emu.control.reset()
  if (!data.errcode) return { mode: 'send', reason: 'custom text send (POST /cgi-bin/message/custom/send)' }
  return {
    mode: 'read',
    reason: `custom send not served by the emulator yet (errcode ${data.errcode}): measured GET /cgi-bin/getcallbackip instead`,
  }
}
