// Benchmark: iterate 1,000,000 emulator followers with iterateFollowers; report time and memory.
// The emulator runs in a child process so the RSS figures are the iterating process's alone.
// Figures, never pass/fail. Alone: `pnpm exec tsx bench/src/followers-1m.ts [followers]`.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createClient } from '@wxmp/core'
import { startEmulator, DEFAULT_APP } from '@wxmp/emulator'
import { iterateFollowers } from '@wxmp/user'

export interface FollowersBenchFigures {
  readonly name: 'followers-1m'
  readonly followers: number
  /** user/get requests made (10,000 a page, plus the empty page that ends the list). */
  readonly pages: number
  readonly ms: number
  readonly openidsPerSecond: number
  /** RSS of the iterating process before the first page, and the most seen after any page. */
  readonly rssStartMb: number
  readonly rssPeakMb: number
  readonly heapStartMb: number
  readonly heapPeakMb: number
  readonly heapEndMb: number
}

interface Started {
  url: string
  appId: string
  appSecret: string
}

const CHILD_FLAG = '--followers-bench-emulator'
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

/** Starts the emulator in a child process (same loader flags as this one) with `followers` followers. */
function startChild(followers: number): Promise<{ child: ChildProcess; started: Started }> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, String(followers)], { stdio: 'inherit' })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`emulator child exited with ${code}`)))
    child.once('message', (started) => resolve({ child, started: started as Started }))
  })
}

export async function run(options: { readonly followers?: number } = {}): Promise<FollowersBenchFigures> {
  const followers = options.followers ?? 1_000_000
  const { child, started } = await startChild(followers)
  try {
    const wx = createClient({ appId: started.appId, appSecret: started.appSecret, baseUrl: started.url })
    await wx.getAccessToken()
    const rssStart = process.memoryUsage.rss()
    const heapStart = process.memoryUsage().heapUsed
    let rssPeak = rssStart
    let heapPeak = heapStart
    let n = 0
    const t0 = performance.now()
    for await (const _openid of iterateFollowers(wx)) {
      if (++n % 10_000 === 0) {
        const m = process.memoryUsage()
        rssPeak = Math.max(rssPeak, m.rss)
        heapPeak = Math.max(heapPeak, m.heapUsed)
      }
    }
    const ms = performance.now() - t0
    if (n !== followers) throw new Error(`iterated ${n} followers, expected ${followers}`)
    return {
      name: 'followers-1m',
      followers,
      pages: Math.floor(followers / 10_000) + 1,
      ms: Math.round(ms),
      openidsPerSecond: Math.round(n / (ms / 1000)),
      rssStartMb: mb(rssStart),
      rssPeakMb: mb(rssPeak),
      heapStartMb: mb(heapStart),
      heapPeakMb: mb(heapPeak),
      heapEndMb: mb(process.memoryUsage().heapUsed),
    }
  } finally {
    child.removeAllListeners('exit')
    child.kill()
  }
}

const self = process.argv[1] === undefined ? '' : pathToFileURL(process.argv[1]).href
if (process.argv[2] === CHILD_FLAG) {
  const emu = await startEmulator({ port: 0, apps: [{ ...DEFAULT_APP, followers: Number(process.argv[3]) }] })
  process.send?.({ url: emu.url, appId: emu.appId, appSecret: emu.appSecret } satisfies Started)
  process.once('disconnect', () => void emu.close().then(() => process.exit(0)))
  process.once('SIGTERM', () => void emu.close().then(() => process.exit(0)))
} else if (self === import.meta.url) {
  const followers = process.argv[2] === undefined ? undefined : Number(process.argv[2])
  const figures = await run(followers === undefined ? {} : { followers })
  console.log(JSON.stringify(figures, null, 2))
}
