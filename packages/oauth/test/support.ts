// Test helpers over the emulator's OAuth control routes (packages/emulator/src/modules/oauth.ts).
import { inspect } from 'node:util'
import type { Emulator } from '@wxmp/emulator'

export interface IssuedCode {
  readonly code: string
  readonly openid: string
  readonly scope: string
  readonly expiresAt: number
  readonly snapshotUser: boolean
}

/** A code as if the user had approved on the consent page. */
export function issueCode(
  emu: Emulator,
  body: { openid?: string; scope?: 'snsapi_base' | 'snsapi_userinfo' | 'snsapi_login'; snapshotUser?: boolean; appId?: string } = {},
): Promise<IssuedCode> {
  return emu.control.issueOAuthCode(body)
}

/** The user revokes the authorization: their OAuth tokens answer 42007. */
export async function revokeAuthorization(emu: Emulator, openid: string): Promise<number> {
  return emu.control.revokeOAuth(openid)
}

/** How many requests for `path` reached the emulator (faulted or not), across apps. */
export async function requestsTo(emu: Emulator, path: string): Promise<number> {
  return (await emu.control.globalCounters())[`path:${path}`] ?? 0
}

/** Every string an error exposes: message, stack, JSON, inspect, cause chain. */
export function everythingIn(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? '', JSON.stringify(current), String(current), inspect(current, { depth: 5 }))
      current = (current as { cause?: unknown }).cause
    } else {
      parts.push(JSON.stringify(current) ?? String(current))
      current = undefined
    }
  }
  return parts.join('\n')
}
