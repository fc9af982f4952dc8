// The Hono hono: shared middleware (context, counters, faults, token check), every module's routes,
// the control API under /__emulator, and WeChat-shaped answers for everything else.
import { Hono, type Context, type Next } from 'hono'
import type { EmuHono, EmuEnv } from './context'
import type { EmulatorOptions } from './types'
import { EmulatorRuntime } from './runtime'
import { tokenCheck } from './auth'
import { registerControl } from './control/routes'
import { controlErrors } from './control/kit'
import { controlAccess } from './control/access'
import { modules } from './modules/index'
import { wxError } from './wechat'

export const CONTROL_PREFIX = '/__emulator'

/** Set in the env of the console's in-process requests (console/index.ts); never by HTTP. */
const CONSOLE_INTERNAL = Symbol.for('wxmp.emulator.console-internal')

/**
 * The emulator as a Hono hono, for serving it yourself (`hono.fetch`) or calling it in-process
 * (`app.request('/cgi-bin/token?...')`). Most tests want {@link startEmulator} instead.
 */
export function createEmulatorApp(options: EmulatorOptions = {}): EmuHono {
  return buildApp(new EmulatorRuntime(options))
}

/**
 * The console's routes; `./console/index` (page, assets, snapshot) is imported on the first
 * request. The page and its two assets hold no secret and a browser navigation cannot send a
 * header, so they are mounted before the control API's checks; the snapshot is a control route,
 * mounted after them (`afterChecks`), and needs the Host and token like every other.
 */
function mountConsole(rt: EmulatorRuntime, hono: EmuHono): (control: EmuHono) => void {
  let loading: Promise<typeof import('./console/index')> | undefined
  const load = () => {
    loading ??= import('./console/index')
    return loading
  }
  const asset = async (c: Context<EmuEnv>, next: Next, name: string) => {
    const answer = (await load()).consoleAsset(c, name)
    if (answer) return answer
    await next()
  }
  hono.get(`${CONTROL_PREFIX}/console`, (c, next) => asset(c, next, ''))
  hono.get(`${CONTROL_PREFIX}/console/:asset`, (c, next) => asset(c, next, c.req.param('asset')))
  return (control) => {
    control.get('/console/state', async (c) => (await load()).consoleState(c, rt, hono))
  }
}

export function buildApp(rt: EmulatorRuntime): EmuHono {
  const hono = new Hono<EmuEnv>()
  const isControl = (path: string) => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)

  hono.use('*', async (c, next) => {
    c.set('emu', rt.ctx)
    rt.learnBaseUrl(c.req.url)
    const control = isControl(c.req.path)
    if (!control) {
      rt.count('requests')
      rt.count(`path:${c.req.path}`)
    }
    const started = Date.now()
    await next()
    // The console's own polling (its snapshot and the routes it asks in-process) would drown the
    // log; a refused console request (a guessed token, a foreign Host) is still logged.
    if (
      rt.log &&
      !(control && c.req.method === 'GET' && c.res.status < 400 && /^\/__emulator\/console(\/|$)/.test(c.req.path)) &&
      !(c.env as Record<symbol, unknown> | undefined)?.[CONSOLE_INTERNAL]
    )
      console.error(`[wxmp-emulator] ${c.req.method} ${c.req.path} ${c.res.status} ${Date.now() - started}ms`)
  })
  // Faults sit before the token check: they stand for the network and WeChat's front end failing.
  const faults = rt.faults.middleware()
  hono.use('*', (c, next) => (isControl(c.req.path) ? next() : faults(c, next)))
  hono.use('/cgi-bin/*', tokenCheck(rt.ctx))
  hono.use('/customservice/*', tokenCheck(rt.ctx))
  hono.use('/wxaapi/*', tokenCheck(rt.ctx))

  const control = new Hono<EmuEnv>()
  control.onError(controlErrors)
  // The console (startEmulator({ console: true }), the CLI): nothing of it is loaded otherwise.
  const consoleState = rt.console ? mountConsole(rt, hono) : undefined
  control.use('*', controlAccess(rt.access))
  consoleState?.(control)
  registerControl(control, rt)
  for (const module of modules) {
    module.routes?.(hono, rt.ctx)
    module.control?.(control, rt.ctx)
  }
  hono.route(CONTROL_PREFIX, control)

  hono.notFound((c) => {
    const { path } = c.req
    if (isControl(path)) return c.json({ error: `no control route ${c.req.method} ${path}` }, 404)
    // A known path asked with the wrong method gets WeChat's 43001 / 43002.
    const other = hono.routes.find((r) => r.path === path && r.method !== 'ALL' && r.method !== c.req.method)
    if (other?.method === 'GET') return wxError(c, 43001, 'require GET method')
    if (other?.method === 'POST') return wxError(c, 43002, 'require POST method')
    // WeChat's answer for a path it does not serve is not documented; its nearest documented
    // meaning is 48001 "api unauthorized" (no such interface for this account), HTTP 200 like every
    // other failure. Never a framework 404 page: clients must see an errcode.
    return wxError(c, 48001)
  })

  hono.onError((err, c) => {
    // A bug in a module: say so loudly on stderr, answer like WeChat's "system error".
    console.error(`[wxmp-emulator] ${c.req.method} ${c.req.path} failed:`, err)
    if (isControl(c.req.path)) return c.json({ error: err instanceof Error ? err.message : String(err) }, 500)
    return wxError(c, -1)
  })
  return hono
}
