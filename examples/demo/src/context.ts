// What every demo step gets.
import type { WeChatClient } from '@wxmp/core'
import type { Emulator } from '@wxmp/emulator'

export interface DemoContext {
  readonly wx: WeChatClient
  /** The embedded emulator; undefined when the demo runs against the real WeChat host. */
  readonly emu: Emulator | undefined
  /** Folder for files the demo writes (QR image, downloaded media). */
  readonly outDir: string
  /** Prints one line of what the step did. */
  readonly log: (line: string) => void
  /** An openid to talk to: an emulator follower, or WECHAT_TEST_OPENID on the real host. */
  readonly openid: string | undefined
}

export interface DemoStep {
  readonly title: string
  /** Runs the step; return false (or throw) to report it skipped or failed. */
  readonly run: (ctx: DemoContext) => Promise<void>
  /** Steps that need the emulator's control API (seeding, the 48-hour window) skip on the real host. */
  readonly needsEmulator?: boolean
}
