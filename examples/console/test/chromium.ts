// Chromium for the console's browser test, found and launched as the OAuth example's test does
// (PATH or CHROMIUM_PATH; missing, a skip locally and a failure with CI=true).
import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_ARGS, canRun, findChromium } from '../../../scripts/lib/system-tools.mjs'

const CHROMIUM = findChromium() ?? ''

/** Whether `what` can run here (prints why not, or throws with CI=true). */
export const haveChromium = (what: string): boolean => canRun(what, 'chromium', CHROMIUM)

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
