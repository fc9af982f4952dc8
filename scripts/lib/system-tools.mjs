// System programs some tests need (Chromium for the browser tests and the runtime matrix's browser
// leg, redis-server for @wxmp/redis). Found on the PATH, as a shell would; locally a missing one
// means "skip and say how to install it", with CI=true it is a failure (a skipped suite proves nothing).
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** The one command that installs each (Debian/Ubuntu; fonts-noto-cjk so screenshots show Chinese). */
export const INSTALL = {
  chromium: 'sudo apt-get install -y chromium fonts-noto-cjk',
  'redis-server': 'sudo apt-get install -y redis-server',
}

/** Absolute path of an executable named `name` on the PATH, or undefined. */
export function which(name, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue
    const file = join(dir, name)
    try {
      if (!statSync(file).isFile()) continue
      accessSync(file, constants.X_OK)
      return file
    } catch {
      // not here
    }
  }
  return undefined
}

/** Chromium to drive: `CHROMIUM_PATH` when set, else `chromium` or `chromium-browser` on the PATH. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  return which('chromium') ?? which('chromium-browser')
}

/** The flags Chromium needs on these machines (no sandbox in a container, no GPU, no network chatter). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']

export const inCI = () => process.env.CI === 'true'

/** The line printed when `what` is skipped because `tool` is missing. */
export function skipMessage(what, tool) {
  return `${what} skipped: ${tool} is not installed (not on the PATH). Install it with: ${INSTALL[tool]}`
}

/**
 * Whether `what` can run here. A missing tool: with CI=true throws (CI must run it; .ci/run installs
 * it); otherwise prints why it is skipped and the install command, and returns false.
 */
export function canRun(what, tool, found) {
  if (found) return true
  if (inCI()) throw new Error(`${what}: ${tool} is not installed and CI=true, so this cannot be skipped. Install it with: ${INSTALL[tool]}`)
  console.warn(skipMessage(what, tool))
  return false
}
