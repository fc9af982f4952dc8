// The harness behind each package's src/bad-input.test.ts (issue 15): every bad argument is refused
// with a TypeError or RangeError naming it, before any request reaches WeChat. The tables of rows
// stay in the packages; the emulator, the client and the check each row gets live here once, so a
// package's file reads as its rows and the check cannot drift between packages.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'

/** [what is wrong, text the message must contain, the call] */
export type BadInputRow = readonly [what: string, text: string, call: () => unknown]

/** Loosely typed on purpose: the calls plain JavaScript (or a cast) can make. */
export type Loose = (...args: unknown[]) => unknown

export interface BadInputHarness {
  /** The emulator, started on port 0 in `beforeAll` (read it inside a row's call, not at load). */
  readonly emu: Emulator
  /** A client on the emulator, made in `beforeAll`; absent with `{ client: false }`. */
  readonly wx: WeChatClient
  /** The package's exports, loosely typed. */
  readonly f: Record<string, Loose>
  /** A row's call: the export `name` called with `(wx, ...args)` when the row runs. */
  call(name: string, ...args: unknown[]): () => unknown
  /**
   * One test a row, titled by `title` (`%s` is the row's `what`): the call throws or rejects with a
   * TypeError or RangeError whose message contains the row's text, and the emulator's request
   * count is the same after as before.
   */
  refuses(rows: readonly BadInputRow[], title?: string): void
}

/**
 * Starts an emulator (and a client on it) for this test file and stops it after. Call at the top
 * level of the file; `emu` and `wx` exist once `beforeAll` has run, so keep the harness and read
 * them off it (`h.wx`), not destructured at load.
 */
export function badInputHarness(options: { readonly api?: object; readonly client?: boolean } = {}): BadInputHarness {
  const f = (options.api ?? {}) as Record<string, Loose>
  let emu: Emulator | undefined
  let wx: WeChatClient | undefined
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
    if (options.client !== false) wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  })
  afterAll(() => emu?.close())

  const h: BadInputHarness = {
    get emu() {
      if (!emu) throw new Error('the emulator starts in beforeAll; read h.emu inside a test')
      return emu
    },
    get wx() {
      if (!wx) throw new Error('no client: read h.wx inside a test, and not with { client: false }')
      return wx
    },
    f,
    call:
      (name, ...args) =>
      () =>
        f[name]!(h.wx, ...args),
    refuses(rows, title = 'refuses %s, naming the argument') {
      it.each(rows)(title, async (_what, text, call) => {
        const before = (await h.emu.control.globalCounters()).requests ?? 0
        let error: unknown
        try {
          await call()
        } catch (e) {
          error = e
        }
        expect(error).toSatisfy((e) => e instanceof TypeError || e instanceof RangeError)
        expect((error as Error).message).toContain(text)
        expect((await h.emu.control.globalCounters()).requests ?? 0).toBe(before)
      })
    },
  }
  return h
}
