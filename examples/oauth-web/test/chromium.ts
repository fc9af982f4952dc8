// What both browser tests need: Chromium found as a shell would (PATH or CHROMIUM_PATH; missing, a
// skip with the install command locally and a failure with CI=true), launched with the flags this
// machine needs, and a teardown that closes whatever beforeAll managed to open.
import type { Server } from 'node:http'
import type { Emulator } from '@wxmp/emulator'
import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_ARGS, canRun, findChromium } from '../../../scripts/lib/system-tools.mjs'

const CHROMIUM = findChromium() ?? ''

/** Whether `what` can run here (prints why not, or throws with CI=true). */
export const haveChromium = (what: string): boolean => canRun(what, 'chromium', CHROMIUM)

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })

export async function closeAll(browser: Browser | undefined, server: Server | undefined, emu: Emulator | undefined): Promise<void> {
  await browser?.close()
  server?.closeAllConnections()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  await emu?.close()
}
