import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { EmulatorControl } from './control-client'

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))
let child: ChildProcess | undefined

/** Starts the CLI through tsx and resolves with everything it printed up to the control line. */
function run(args: string[], env: Record<string, string> = {}): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  child = proc
  return new Promise((resolve, reject) => {
    let out = ''
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (/control API .*\n/.test(out)) resolve(out)
    })
    proc.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    proc.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${out}`)))
  })
}

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM')
  child = undefined
})

describe('wxmp-emulator CLI', () => {
  it('prints the real port for --port 0 and answers there with the given app', async () => {
    const out = await run(['--port', '0', '--app', 'wx3333333333333333:cli-secret:7'])
    const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1])
    expect(port).toBeGreaterThan(0)
    expect(out).toContain('appId wx3333333333333333  appSecret cli-secret  followers 7')
    const res = await fetch(
      `http://127.0.0.1:${port}/cgi-bin/token?grant_type=client_credential&appid=wx3333333333333333&secret=cli-secret`,
    )
    expect(await res.json()).toMatchObject({ expires_in: 7200 })
  })

  it('prints a control token, requires it, and takes a given one from --token', async () => {
    const out = await run(['--port', '0'])
    const url = /listening on (\S+)/.exec(out)?.[1] as string
    const printed = /token (\S+)/.exec(out)?.[1] as string
    expect(printed.length).toBeGreaterThanOrEqual(32)
    await expect(new EmulatorControl(url).now()).rejects.toMatchObject({ status: 401 })
    expect(await new EmulatorControl(url, { token: printed }).now()).toBeGreaterThan(0)
    child!.kill('SIGTERM')

    const given = await run(['--port', '0', '--token', 'my-fixed-token-123'])
    expect(given).toContain('token my-fixed-token-123')
    expect(
      await new EmulatorControl(/listening on (\S+)/.exec(given)?.[1] as string, { token: 'my-fixed-token-123' }).now(),
    ).toBeGreaterThan(0)
  })

  it('serves the console and prints its address with the token in the fragment', async () => {
    const out = await run(['--port', '0', '--token', 'console-token-123'])
    const url = /console (http\S+)/.exec(out)?.[1] as string
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__emulator\/console#token=console-token-123$/)
    const page = await fetch(url.replace(/#.*/, ''))
    expect(page.status).toBe(200)
    expect(await page.text()).not.toContain('console-token-123')
  })

  it('opens the console with $BROWSER for --open (a stub here: no browser starts)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-open-'))
    const opened = join(dir, 'opened.txt')
    const stub = join(dir, 'browser.sh')
    writeFileSync(stub, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`)
    chmodSync(stub, 0o755)
    const out = await run(['--port', '0', '--open'], { BROWSER: stub })
    const url = /console (http\S+)/.exec(out)?.[1] as string
    await expect.poll(() => existsSync(opened) && readFileSync(opened, 'utf8'), { timeout: 10_000 }).toBe(url)
  })

  it('says so when the browser command fails for --open, and keeps running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-open-'))
    const stub = join(dir, 'browser.sh')
    writeFileSync(stub, '#!/bin/sh\nexit 3\n') // as xdg-open with no browser installed
    chmodSync(stub, 0o755)
    let err = ''
    const out = await run(['--port', '0', '--open'], { BROWSER: stub })
    child!.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    await expect.poll(() => out + err, { timeout: 10_000 }).toContain('could not open a browser')
    expect(child!.exitCode).toBe(null)
  })

  it('serves no console with --no-console', async () => {
    const out = await run(['--port', '0', '--no-console', '--token', 'console-token-123'])
    expect(out).not.toMatch(/console http/)
    const base = /listening on (\S+)/.exec(out)?.[1] as string
    expect((await fetch(`${base}/__emulator/console`, { headers: { 'x-emulator-token': 'console-token-123' } })).status).toBe(404)
  })

  it('stops on SIGTERM', async () => {
    await run(['--port', '0'])
    const exited = new Promise<number | null>((resolve) => child!.on('exit', resolve))
    child!.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('refuses a malformed --app with usage and exit code 2', async () => {
    await expect(run(['--app', 'nosecret'])).rejects.toThrow(/exited with 2: .*--app must be appid:secret/s)
  })
  it('configures the first app to push to --push-url with --push-token and --push-format', async () => {
    const target = 'http://127.0.0.1:9/wx'
    const out = await run(['--port', '0', '--push-url', target, '--push-token', 'clitoken', '--push-format', 'json'])
    expect(out).toContain(`pushes to ${target} as gh_`)
    const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1])
    const token = /token (\S+)/.exec(out)?.[1] as string
    const res = await fetch(`http://127.0.0.1:${port}/__emulator/push/config`, { headers: { 'x-emulator-token': token } })
    expect(await res.json()).toEqual({ url: target, mode: 'plaintext', format: 'json', timeoutMs: 5000, encrypted: false })
  })

  it('refuses a bad --push-aes-key with usage and exit code 2', async () => {
    await expect(run(['--push-url', 'http://127.0.0.1:9/', '--push-token', 'tok', '--push-aes-key', 'short'])).rejects.toThrow(
      /exited with 2: .*--push-aes-key must be 43 characters/s,
    )
  })

  it('names --push-aes-key, the flag, when --push-mode safe is given without a key', async () => {
    await expect(run(['--push-url', 'http://127.0.0.1:9/', '--push-token', 'tok', '--push-mode', 'safe'])).rejects.toThrow(
      /exited with 2: wxmp-emulator: --push-aes-key is required in safe mode/,
    )
  })

  it('names --push-format, the flag, for a format it does not know', async () => {
    await expect(run(['--push-url', 'http://127.0.0.1:9/', '--push-token', 'tok', '--push-format', 'yaml'])).rejects.toThrow(
      /exited with 2: wxmp-emulator: --push-format must be 'xml' or 'json', got "yaml"/,
    )
  })
})
