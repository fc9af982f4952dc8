// The emulator under load runs in its own process (the built `wxmp-emulator` CLI): on a 2-core
// machine it gets a core of its own, and the SDK being measured gets the other.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { EmulatorControl } from '@wxmp/emulator'

export const APP_ID = 'wxbench0000000001'
export const APP_SECRET = 'bench-secret-0123456789abcdef'

export interface BenchEmulator {
  readonly url: string
  readonly appId: string
  readonly appSecret: string
  readonly control: EmulatorControl
  close(): Promise<void>
}

const CLI = fileURLToPath(new URL('../../packages/emulator/dist/cli.js', import.meta.url))
const CLI_SOURCE = fileURLToPath(new URL('../../packages/emulator/src/cli.ts', import.meta.url))

export async function startEmulatorProcess(followers: number): Promise<BenchEmulator> {
  // The built CLI (what `pnpm bench` builds); from source through tsx when the build is missing,
  // e.g. while someone rebuilds the emulator. The emulator is the fixed side of every comparison.
  const entry = existsSync(CLI) ? [CLI] : ['--import', 'tsx', CLI_SOURCE]
  const child: ChildProcess = spawn(process.execPath, [...entry, '--port', '0', '--app', `${APP_ID}:${APP_SECRET}:${followers}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  // A harness that dies (an exception, Ctrl-C) must not leave the emulator running.
  const killChild = (): void => void child.kill()
  process.once('exit', killChild)
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`wxmp-emulator exited with ${code} before listening`)))
  })
  child.stdout!.resume()
  return {
    url,
    appId: APP_ID,
    appSecret: APP_SECRET,
    control: new EmulatorControl(url),
    close: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killChild)
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
