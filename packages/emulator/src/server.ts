// startEmulator: the emulator on a real port, for tests and demos, closed promptly.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'
import { buildApp } from './app'
import { EmulatorRuntime } from './runtime'
import { EmulatorControl } from './control-client'
import type { EmulatorApp, EmulatorOptions } from './types'

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:53127`: pass it as the client's `baseUrl`. */
  readonly url: string
  readonly port: number
  /** The first app's credentials. */
  readonly appId: string
  readonly appSecret: string
  /** The first app's original id (`gh_…`), ToUserName of its pushes. */
  readonly originalId: string
  /** Every hono served. */
  readonly apps: readonly EmulatorApp[]
  /** The control API: clock, followers, outbox, faults, counters (it carries the control token). */
  readonly control: EmulatorControl
  /** The token every control request needs (README "Security"); `control` already carries it. */
  readonly controlToken: string
  /**
   * The web console's address with the control token in its fragment
   * (`http://127.0.0.1:PORT/__emulator/console#token=…`): open it in a browser. A fragment never
   * reaches a server nor a Referer; the page moves the token to sessionStorage and drops it from the
   * address bar. Undefined unless started with `console: true`.
   */
  readonly consoleUrl: string | undefined
  /** Stops listening and ends open (keep-alive) connections. */
  close(): Promise<void>
}

/** The console's address for an emulator at `url` with control token `token` (in the fragment). */
export function consoleUrlOf(url: string, token: string): string {
  return `${url}/__emulator/console#token=${encodeURIComponent(token)}`
}

/**
 * Starts the emulator on `127.0.0.1`, on a free port unless `port` says otherwise.
 *
 * @example
 * ```ts
 * const emu = await startEmulator()
 * const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
 * afterAll(() => emu.close())
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const runtime = new EmulatorRuntime(options)
  const hono = buildApp(runtime)
  const hostname = options.hostname ?? '127.0.0.1'
  const server = createAdaptorServer({ fetch: hono.fetch, hostname }) as Server
  // Node's default 5 s keep-alive races clients on a busy machine: a pooled socket closes just
  // as a large upload starts on it (ECONNRESET on a POST, which no client may retry). A long
  // keep-alive moves the race out of any test's reach; close() still ends every connection.
  server.keepAliveTimeout = 60_000
  server.headersTimeout = 65_000
  server.requestTimeout = 0

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = hostname.includes(':') ? `[${hostname}]` : hostname
  // Every address (0.0.0.0, ::) is announced as its loopback: the unspecified address is no Host the
  // control API accepts, and no address a browser should be sent to.
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' || host === '[::0]' ? '[::1]' : host}:${port}`
  runtime.setBaseUrl(url)
  const first = runtime.configs[0] as EmulatorApp

  let closing: Promise<void> | undefined
  return {
    url,
    port,
    appId: first.appId,
    appSecret: first.appSecret,
    originalId: first.originalId as string,
    apps: runtime.configs,
    control: new EmulatorControl(url, { token: runtime.access.token }),
    controlToken: runtime.access.token,
    consoleUrl: runtime.console ? consoleUrlOf(url, runtime.access.token) : undefined,
    close() {
      runtime.stop()
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        // Idle keep-alive sockets (fetch keeps them) would hold close() open for seconds; end them,
        // and any request still running (a latency fault), now.
        server.closeAllConnections()
      })
      return closing
    },
  }
}
