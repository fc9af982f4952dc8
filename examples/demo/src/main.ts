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
import { oauthStep } from './steps/oauth'

const steps: readonly DemoStep[] = [tokenStep, followersStep, messagesStep, mediaStep, campaignStep, oauthStep]

async function main(): Promise<void> {
  const real = Boolean(process.env.WECHAT_APP_ID && process.env.WECHAT_APP_SECRET)
  const emu: Emulator | undefined = real ? undefined : await startEmulator({ port: 0 })
  const outDir = join(process.cwd(), '.output', 'demo')
  mkdirSync(outDir, { recursive: true })

  const wx = createClient(
    emu
      ? { appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url }
      : { appId: process.env.WECHAT_APP_ID ?? '', appSecret: process.env.WECHAT_APP_SECRET ?? '' },
  )
  console.log(emu ? `wxmp demo on the embedded emulator at ${emu.url} (app ${emu.appId})` : `wxmp demo against the real WeChat host (app ${wx.appId})`)

  const openid = emu ? await emu.control.followerAt(0) : process.env.WECHAT_TEST_OPENID
  let failed = 0
  for (const [i, step] of steps.entries()) {
    console.log(`\n${i + 1}. ${step.title}`)
    if (step.needsEmulator && !emu) {
      console.log('   skipped: needs the emulator')
      continue
    }
    const ctx: DemoContext = { wx, emu, outDir, openid, log: (line) => console.log(`   ${line}`) }
    try {
      await step.run(ctx)
    } catch (error) {
      failed++
      console.log(`   FAILED: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  if (emu) {
    const counters = await emu.control.counters()
    console.log(`\nThe emulator counted ${counters.token_requests ?? 0} token request(s) for the whole demo.`)
    await emu.close()
  }
  if (failed > 0) {
    console.log(`\n${failed} step(s) failed`)
    process.exitCode = 1
  } else console.log('\nDemo finished.')
}

await main()
