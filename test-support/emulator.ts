// One emulator per test file, shared by the packages' tests: started in beforeAll, closed in
// afterAll, optionally reset before each test. `emu` and `wx` are usable as soon as the hooks ran:
// they forward to the emulator and client made in beforeAll, so a file can destructure them at load.
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { createClient, type ClientOptions, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator, type EmulatorOptions } from '@wxmp/emulator'

export interface UseEmulatorOptions extends EmulatorOptions {
  /** `emu.control.reset()` before each test. @default false */
  readonly reset?: boolean
  /** Options of the shared `wx` client beside appId, appSecret and baseUrl. */
  readonly client?: Partial<ClientOptions>
}

export interface EmulatorHandle {
  /** The running emulator (its control API: `emu.control`). */
  readonly emu: Emulator
  /** A client on the emulator's first app, made once per file. */
  readonly wx: WeChatClient
  /** A new client on the emulator (first app unless `overrides.appId`/`appSecret` say otherwise). */
  client(overrides?: Partial<ClientOptions>): WeChatClient
}

/** An object that forwards to whatever `current()` returns when it is used. */
function forward<T extends object>(name: string, current: () => T | undefined): T {
  const target = (): T => {
    const value = current()
    if (value === undefined) throw new Error(`${name} is used before useEmulator's beforeAll ran (use it inside a test or hook)`)
    return value
  }
  return new Proxy({} as T, {
    get: (_, key) => {
      const value = Reflect.get(target(), key) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target()) : value
    },
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target(), key)
      return d && { ...d, configurable: true }
    },
  })
}

/**
 * @example
 * ```ts
 * const { emu, wx } = useEmulator({ reset: true })
 * it('...', async () => { await sendText(wx, await emu.control.followerAt(0), 'hi') })
 * ```
 */
export function useEmulator(options: UseEmulatorOptions = {}): EmulatorHandle {
  const { reset = false, client: clientOptions = {}, ...emulatorOptions } = options
  let emu: Emulator | undefined
  let wx: WeChatClient | undefined
  const client = (overrides: Partial<ClientOptions> = {}): WeChatClient => {
    if (!emu) throw new Error("client() is used before useEmulator's beforeAll ran")
    return createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, ...clientOptions, ...overrides } as ClientOptions)
  }
  beforeAll(async () => {
    emu = await startEmulator(emulatorOptions)
    wx = client()
  })
  afterAll(() => emu?.close())
  if (reset) beforeEach(() => emu?.control.reset())
  return { emu: forward('emu', () => emu), wx: forward('wx', () => wx), client }
}
