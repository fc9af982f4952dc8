// The web console (README "Console"), loaded only when an emulator starts with `console: true`
// (app.ts imports this module on the first console request). It serves a static page and its
// two assets, which hold no secret, and one read route under the control API, which needs the
// control token like every other. Everything the page does after loading goes through the
// existing control API with the token it read from the URL fragment.
import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import type { EmuEnv, EmuHono } from '../context'
import type { EmulatorRuntime } from '../runtime'
import { TOKEN_HEADER } from '../control/access'
import { ControlError } from '../control/kit'
import { jsonText } from '../wechat'
import { CONSOLE_CSS_BASE64, CONSOLE_JS_BASE64 } from './generated/assets'
import { buildConsoleState } from './state'

/** Where the console lives, under the control prefix. */
export const CONSOLE_PATH = '/__emulator/console'

/**
 * Marks the in-process requests of the console's snapshot (the request log skips them). It travels
 * as the request's env (hono.request's third argument), which no HTTP request can set: a header
 * would let any caller keep its requests out of the log.
 */
export const CONSOLE_INTERNAL = Symbol.for('wxmp.emulator.console-internal')

// No inline script or style anywhere, so the policy can forbid both; images only from the
// emulator (QR codes) and data: URLs; no framing (clickjacking); fetch only back to the emulator.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers of every console asset: never cached, never sniffed, never framed, never leaking a Referer. */
export const ASSET_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>wxmp emulator console</title>
<link rel="stylesheet" href="${CONSOLE_PATH}/app.css">
<script type="module" src="${CONSOLE_PATH}/app.js"></script>
</head>
<body>
<div id="root"><p class="boot">Loading the console…</p></div>
<noscript>The console needs JavaScript.</noscript>
</body>
</html>
`

const ASSETS: Record<string, { body: string; type: string }> = {
  '': { body: PAGE, type: 'text/html; charset=utf-8' },
  'app.js': { body: Buffer.from(CONSOLE_JS_BASE64, 'base64').toString('utf8'), type: 'text/javascript; charset=utf-8' },
  'app.css': { body: Buffer.from(CONSOLE_CSS_BASE64, 'base64').toString('utf8'), type: 'text/css; charset=utf-8' },
}

/** Serves the page (`name` '') or one of its assets; undefined for anything else. */
export function consoleAsset(c: Context<EmuEnv>, name: string): Response | undefined {
  // Own keys only: `__proto__` or `constructor` must be "no such asset", not Object.prototype.
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined
  if (!asset) return undefined
  return c.body(asset.body, 200, { ...ASSET_HEADERS, 'Content-Type': asset.type })
}

/**
 * `GET /__emulator/console/state?appId=&openid=`: the snapshot the page renders, with an ETag over
 * everything but the running clock, so the page's once-a-second poll costs a 304 when nothing
 * changed. Behind the control API's checks (Host, token) like every control route.
 */
export async function consoleState(c: Context<EmuEnv>, rt: EmulatorRuntime, hono: EmuHono): Promise<Response> {
  const ask = async <T>(path: string): Promise<T> => {
    const res = await hono.request(
      `http://127.0.0.1/__emulator${path}`,
      { headers: { [TOKEN_HEADER]: rt.access.token } },
      { [CONSOLE_INTERNAL]: true },
    )
    if (!res.ok) throw new ControlError(`console: ${path} answered ${res.status}`, 409)
    return (await res.json()) as T
  }
  const state = await buildConsoleState(rt, ask, c.req.query('appId') || undefined, c.req.query('openid') || undefined)
  // The clock moves with real time: leave it out of the tag, but keep a jump (advanceClock) in it.
  const { now, ...rest } = state
  const offset = Math.round((now - Date.now()) / 1000)
  const etag = `"${createHash('sha1')
    .update(`${offset}:${jsonText(rest)}`)
    .digest('base64url')}"`
  const headers = { 'Cache-Control': 'no-store', ETag: etag }
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
  return c.body(jsonText(state), 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' })
}
