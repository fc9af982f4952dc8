#!/usr/bin/env node
// wxmp-emulator: the emulator as a standalone server, for demos and for tests in other languages.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { startEmulator } from './server'
import { pushTarget } from './push/pusher'
import { DEFAULT_APP } from './runtime'
import type { EmulatorApp, PushConfig } from './types'

const USAGE = `Usage: wxmp-emulator [--port 8080] [--host 127.0.0.1] [--app appid:secret[:followers]]... [--followers N] [--log]
                     [--token T] [--allow-host H]... [--open] [--no-console]
                     [--push-url URL --push-token TOKEN [--push-aes-key KEY] [--push-mode M] [--push-format F]]

  --port        port to listen on; 0 picks a free one (default 8080)
  --host        address to bind (default 127.0.0.1)
  --app         an Official Account to serve (repeatable); default ${DEFAULT_APP.appId}
  --followers   synthetic followers of apps that do not say (default 100)
  --log         one line per request on stderr
  --token       the control API token (default: $WXMP_EMULATOR_TOKEN, else random; printed at start)
  --allow-host  a Host name the control API answers besides localhost/127.x/[::1] (repeatable)
  --open        open the web console in the default browser ($BROWSER, else open/xdg-open/start)
  --no-console  do not serve the web console (/__emulator/console)
  --push-url    the first app's server URL: followers' messages and events are pushed there
  --push-token  Token that signs the pushes (needed with --push-url)
  --push-aes-key  EncodingAESKey (43 characters) for compatible and safe mode
  --push-mode   plaintext | compatible | safe (default: safe with a key, else plaintext)
  --push-format xml | json (default xml)`

/** The flag behind each push option, for errors. */
const PUSH_FLAGS = {
  url: '--push-url',
  token: '--push-token',
  encodingAESKey: '--push-aes-key',
  mode: '--push-mode',
  format: '--push-format',
} as const

function fail(message: string): never {
  console.error(`wxmp-emulator: ${message}\n\n${USAGE}`)
  process.exit(2)
}

function count(value: string, name: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 0) fail(`${name} must be a non-negative integer, got ${value}`)
  return n
}

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8080' },
        host: { type: 'string', default: '127.0.0.1' },
        app: { type: 'string', multiple: true },
        followers: { type: 'string' },
        log: { type: 'boolean', default: false },
        token: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        'push-url': { type: 'string' },
        'push-token': { type: 'string' },
        'push-aes-key': { type: 'string' },
        'push-mode': { type: 'string' },
        'push-format': { type: 'string' },
        open: { type: 'boolean', default: false },
        'no-console': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }))
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err))
  }
  if (values.help) {
    console.log(USAGE)
    return
  }
  const followers = values.followers === undefined ? undefined : count(values.followers, '--followers')
  const apps: EmulatorApp[] = (values.app ?? []).map((spec) => {
    const [appId, appSecret, n, ...rest] = spec.split(':')
    if (!appId || !appSecret || rest.length > 0) fail(`--app must be appid:secret[:followers], got ${spec}`)
    const own = n === undefined ? followers : count(n, '--app followers')
    return own === undefined ? { appId, appSecret } : { appId, appSecret, followers: own }
  })
  if (apps.length === 0) apps.push(followers === undefined ? DEFAULT_APP : { ...DEFAULT_APP, followers })

  let push: PushConfig | undefined
  if (values['push-url'] !== undefined || values['push-token'] !== undefined) {
    if (values['push-url'] === undefined || values['push-token'] === undefined) fail('--push-url and --push-token go together')
    push = {
      url: values['push-url'],
      token: values['push-token'],
      ...(values['push-aes-key'] === undefined ? {} : { encodingAESKey: values['push-aes-key'] }),
      ...(values['push-mode'] === undefined ? {} : { mode: values['push-mode'] as PushConfig['mode'] & string }),
      ...(values['push-format'] === undefined ? {} : { format: values['push-format'] as PushConfig['format'] & string }),
    }
    // Checked here so the error names the flag the user typed, not the option behind it.
    try {
      pushTarget(push)
    } catch (err) {
      if (!(err instanceof TypeError || err instanceof RangeError)) throw err
      fail(
        err.message.replace(/\bpush\.(url|token|encodingAESKey|mode|format)\b/g, (_, field: keyof typeof PUSH_FLAGS) => PUSH_FLAGS[field]),
      )
    }
  }

  let emu
  try {
    const controlToken = values.token ?? (process.env.WXMP_EMULATOR_TOKEN || undefined)
    emu = await startEmulator({
      port: count(values.port, '--port'),
      hostname: values.host,
      apps,
      log: values.log,
      console: !values['no-console'],
      ...(push ? { push } : {}),
      ...(controlToken === undefined ? {} : { controlToken }),
      ...(values['allow-host'] ? { allowedHosts: values['allow-host'] } : {}),
    })
  } catch (err) {
    // Anything refused here is a usage error too.
    if (err instanceof TypeError || err instanceof RangeError) fail(err.message)
    throw err
  }
  // Handlers first: whoever reads the banner may signal us the moment it appears.
  const stop = () => {
    void emu.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)

  console.log(`wxmp-emulator listening on ${emu.url}`)
  for (const app of emu.apps) console.log(`  appId ${app.appId}  appSecret ${app.appSecret}  followers ${app.followers ?? 100}`)
  if (push) console.log(`  pushes to ${push.url} as ${emu.originalId}`)
  if (emu.consoleUrl) console.log(`  console ${emu.consoleUrl}`)
  console.log(
    `  control API ${emu.url}/__emulator  token ${emu.controlToken}  (header x-emulator-token; new EmulatorControl(url, { token }))`,
  )
  if (values.open) {
    if (emu.consoleUrl) openInBrowser(emu.consoleUrl)
    else console.error('wxmp-emulator: --open has nothing to open with --no-console')
  }
}

/**
 * Opens `url` in the user's browser: `$BROWSER` when set (as xdg-open and many tools honour it),
 * else the platform's opener. Never fails the emulator: on any error the printed URL stays the way in.
 */
function openInBrowser(url: string): void {
  const [command, args]: [string, string[]] = process.env.BROWSER
    ? [process.env.BROWSER, [url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]]
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true })
    const failed = () => console.error(`wxmp-emulator: could not open a browser (${command}); open the console URL above`)
    child.on('error', failed)
    // xdg-open with no browser to hand (a server, a container) exits 3 after printing to the stdio we ignore.
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) failed()
    })
    child.unref()
  } catch {
    console.error(`wxmp-emulator: could not open a browser (${command}); open the console URL above`)
  }
}

main().catch((err: unknown) => {
  console.error('wxmp-emulator:', err instanceof Error ? err.message : err)
  process.exit(1)
})
