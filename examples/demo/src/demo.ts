// The wxmp demo: starts the emulator in-process (or uses the real WeChat host when
// WECHAT_APP_ID / WECHAT_APP_SECRET are set), creates a client, and walks through every package.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import type { DemoContext, DemoStep } from './context'
import { tokenStep } from './steps/token'
import { followersStep } from './steps/followers'
import { messagesStep } from './steps/messages'
import { mediaStep } from './steps/media'
import { campaignStep } from './steps/campaign'
import { publishStep } from './steps/publish'
import { oauthStep } from './steps/oauth'
import { serverStep } from './steps/server'
import { jssdkStep } from './steps/jssdk'
import { menuStep } from './steps/menu'
import { keepReceiver } from './keep'

import { subscribeStep } from './steps/subscribe'

const steps: readonly DemoStep[] = [
  tokenStep,
  followersStep,
  messagesStep,
  mediaStep,
  publishStep,
  campaignStep,
  subscribeStep,
  oauthStep,
  jssdkStep,
  serverStep,
  menuStep,
]

export interface DemoOptions {
  /**
   * Leave the embedded emulator running after the demo, with a receiver behind its push URL, to
   * look around in its console (`pnpm demo --keep`). Call the result's `stop()` to end both.
   */
  readonly keep?: boolean
}

export interface DemoResult {
  readonly failed: readonly string[]
  readonly lines: readonly string[]
  /** The emulator console's address (with its token), when the demo ran on the emulator. */
  readonly consoleUrl?: string
  /** With `keep`: stops the emulator and the receiver. */
  readonly stop?: () => Promise<void>
}

/** Runs every step; `print` receives each line (console.log by default). */
export async function runDemo(print: (line: string) => void = console.log, options: DemoOptions = {}): Promise<DemoResult> {
  const lines: string[] = []
  const say = (line: string) => {
    lines.push(line)
    print(line)
  }
  const failedSteps: string[] = []
  const real = Boolean(process.env.WECHAT_APP_ID && process.env.WECHAT_APP_SECRET)
  const emu: Emulator | undefined = real ? undefined : await startEmulator({ port: 0, console: true })
  const outDir = join(process.cwd(), '.output', 'demo')
  mkdirSync(outDir, { recursive: true })

  const wx = createClient(
    emu
      ? { appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url }
      : { appId: process.env.WECHAT_APP_ID ?? '', appSecret: process.env.WECHAT_APP_SECRET ?? '' },
  )
  say(
    emu
      ? `wxmp demo on the embedded emulator at ${emu.url} (app ${emu.appId})`
      : `wxmp demo against the real WeChat host (app ${wx.appId})`,
  )

  const openid = emu ? await emu.control.followerAt(0) : process.env.WECHAT_TEST_OPENID
  for (const [i, step] of steps.entries()) {
    say(`\n${i + 1}. ${step.title}`)
    if (step.needsEmulator && !emu) {
      say('   skipped: needs the emulator')
      continue
    }
    const ctx: DemoContext = { wx, emu, outDir, openid, log: (line) => say(`   ${line}`) }
    try {
      await step.run(ctx)
    } catch (error) {
      failedSteps.push(step.title)
      say(`   FAILED: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  let stop: (() => Promise<void>) | undefined
  if (emu) {
    const counters = await emu.control.counters()
    say(`\nThe emulator counted ${counters.token_requests ?? 0} token request(s) for the whole demo.`)
    if (options.keep) {
      const receiver = await keepReceiver(emu)
      stop = async () => {
        await receiver.close()
        await emu.close()
      }
    } else await emu.close()
  }
  say(failedSteps.length > 0 ? `\n${failedSteps.length} step(s) failed` : '\nDemo finished.')
  if (emu?.consoleUrl) {
    if (stop) {
      say(`\nThe emulator keeps running. Open its console: chat with the demo's receiver as a follower, scan the QR codes,`)
      say(`see every push, token and job:\n  ${emu.consoleUrl}\nCtrl-C stops it.`)
    } else say(`\nThe emulator's console was at ${emu.consoleUrl}\n(closed now: \`pnpm demo --keep\` keeps it up to look around)`)
  }
  return { failed: failedSteps, lines, ...(emu?.consoleUrl ? { consoleUrl: emu.consoleUrl } : {}), ...(stop ? { stop } : {}) }
}
