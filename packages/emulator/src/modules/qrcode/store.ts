// QR tickets of one app. A permanent code is identified by its scene: asking again for the same
// scene returns the same ticket and uses no more of the 100,000 allowance.
import { randomBytes } from 'node:crypto'

export interface QrTicket {
  readonly appId: string
  readonly ticket: string
  readonly kind: 'temporary' | 'permanent'
  readonly actionName: string
  readonly scene: number | string
  /** What the QR image encodes (WeChat's `http://weixin.qq.com/q/...`). */
  readonly url: string
  readonly createdAt: number
  /** Emulator epoch ms; permanent codes never expire. */
  readonly expiresAt?: number
}

/**
 * A ticket shaped like WeChat's: `gQ` + base64 with padding. It always holds `+`, `/` and `=`, so a
 * client that forgets to URL-encode it fails against the emulator as it would against WeChat.
 */
function newTicket(): string {
  const chars = [...randomBytes(49).toString('base64')] // 49 bytes: ends in "=="
  chars[9] = '+'
  chars[21] = '/'
  return `gQ${chars.join('')}`
}

function newUrl(): string {
  return `http://weixin.qq.com/q/02${randomBytes(15).toString('base64url')}`
}

export class QrStore {
  /** The 100,000 permanent codes WeChat allows an account; a control route may lower it. */
  permanentLimit = 100_000
  private readonly tickets = new Map<string, QrTicket>()
  private readonly permanentByScene = new Map<string, QrTicket>()

  get permanentCount(): number {
    return this.permanentByScene.size
  }

  get(ticket: string): QrTicket | undefined {
    return this.tickets.get(ticket)
  }

  temporary(appId: string, actionName: string, scene: number | string, now: number, seconds: number): QrTicket {
    return this.add({
      appId,
      ticket: newTicket(),
      kind: 'temporary',
      actionName,
      scene,
      url: newUrl(),
      createdAt: now,
      expiresAt: now + seconds * 1000,
    })
  }

  /** The scene's permanent ticket (the existing one when there is one); undefined past the limit. */
  permanent(appId: string, actionName: string, scene: number | string, now: number): QrTicket | undefined {
    const key = `${typeof scene}:${scene}`
    const existing = this.permanentByScene.get(key)
    if (existing) return existing
    if (this.permanentByScene.size >= this.permanentLimit) return undefined
    const ticket = this.add({ appId, ticket: newTicket(), kind: 'permanent', actionName, scene, url: newUrl(), createdAt: now })
    this.permanentByScene.set(key, ticket)
    return ticket
  }

  /** Every ticket issued, oldest first (the console lists them). */
  list(): QrTicket[] {
    return [...this.tickets.values()]
  }

  private add(ticket: QrTicket): QrTicket {
    this.tickets.set(ticket.ticket, ticket)
    return ticket
  }
}
