#!/usr/bin/env node
// The runtime matrix: starts one emulator, then runs the smoke suite (smoke.mjs) on the BUILT
// packages in Node 20 (this process's), Node 22 and 24, Bun, Deno (their registry packages),
// workerd (miniflare, under Node 22) and Chromium (the system's, on the PATH or CHROMIUM_PATH,
// through playwright-core). Prints one line per runtime; exits 1 when any runtime fails. Without
// Chromium the browser leg is skipped with the install command, except with CI=true, where it fails.
//
// Usage: node runtimes/run.mjs [runtime ...]   (default: all; ids: node20 node22 node24 bun deno workerd chromium)
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { CHROMIUM_ARGS, findChromium, inCI, INSTALL, skipMessage } from '../scripts/lib/system-tools.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))
const root = join(here, '..')
const outDir = join(root, '.output/runtimes')
const bin = (...p) => join(here, 'node_modules', ...p)
/** A runtime that gives no answer at all is reported as hung; this is a guard, never a time check. */
const HANG_GUARD_MS = 180_000

// Packages the smoke suite knows; a package counts as built when its dist entry exists.
const SMOKE_PACKAGES = ['core', 'custom', 'jssdk', 'media', 'menu', 'oauth', 'publish', 'qrcode', 'server', 'user']
const BROWSER_PACKAGES = ['jssdk', 'menu', 'oauth', 'qrcode', 'server']
const built = SMOKE_PACKAGES.filter((name) => existsSync(join(root, 'packages', name, 'dist/index.js')))
for (const name of ['core', 'emulator']) {
  if (!existsSync(join(root, 'packages', name, 'dist/index.js'))) {
    console.error(`runtimes: @wxmp/${name} is not built; run \`pnpm test:runtimes\` (it builds first) or \`pnpm build\``)
    process.exit(1)
  }
}

const node22 = bin('node22/bin/node')
const runtimes = [
  { id: 'node20', name: 'Node', cmd: process.execPath, args: ['smoke-cli.mjs'] },
  { id: 'node22', name: 'Node', cmd: node22, args: ['smoke-cli.mjs'] },
  { id: 'node24', name: 'Node', cmd: bin('node24/bin/node'), args: ['smoke-cli.mjs'] },
  { id: 'bun', name: 'Bun', cmd: bin('bun/bin/bun.exe'), args: ['smoke-cli.mjs'] },
  // --no-prompt: a missing permission fails instead of waiting for a keyboard.
  {
    id: 'deno',
    name: 'Deno',
    cmd: bin('.bin/deno'),
    args: ['run', '--no-prompt', '--allow-net', '--allow-env', '--allow-read', 'smoke-cli.mjs'],
  },
  { id: 'workerd', name: 'workerd via miniflare on Node', cmd: node22, args: ['workerd.mjs'], versionOf: node22 },
  { id: 'chromium', name: 'Chromium', cmd: findChromium(), inProcess: runChromium, systemTool: 'chromium' },
]
const wanted = process.argv.slice(2)
const selected = wanted.length > 0 ? runtimes.filter((r) => wanted.includes(r.id)) : runtimes
if (wanted.some((id) => !runtimes.some((r) => r.id === id))) {
  console.error(`runtimes: unknown runtime in ${wanted.join(' ')}; known: ${runtimes.map((r) => r.id).join(' ')}`)
  process.exit(1)
}

function versionOf(cmd) {
  if (!existsSync(cmd)) return undefined
  const res = spawnSync(cmd, ['--version'], { encoding: 'utf8' })
  const line = `${res.stdout ?? ''}`.trim().split('\n')[0] ?? ''
  return line.match(/\d+\.\d+\.\d+/)?.[0] ?? (line || undefined)
}

/** Runs a command; resolves with its stdout, stderr and exit code (or a hang-guard kill). */
function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: here, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const guard = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS)
    child.on('error', (error) => {
      clearTimeout(guard)
      resolve({ stdout, stderr: `${stderr}${error.message}`, code: -1 })
    })
    child.on('close', (code, signal) => {
      clearTimeout(guard)
      resolve({ stdout, stderr, code: signal === 'SIGKILL' ? 'hung' : code })
    })
  })
}

function parseSmoke(out) {
  const line = out.stdout.split('\n').find((l) => l.startsWith('SMOKE '))
  if (line) return JSON.parse(line.slice(6))
  const why = out.code === 'hung' ? `no answer after ${HANG_GUARD_MS / 1000} s` : `exit ${out.code}`
  const detail = `${out.stderr}`.trim().split('\n').filter(Boolean).slice(-3).join(' | ')
  return { steps: [{ name: 'start', status: 'fail', detail: `${why}${detail ? `: ${detail}` : ''}` }] }
}

async function bundle(entryName, contents, options) {
  mkdirSync(outDir, { recursive: true })
  const outfile = join(outDir, entryName)
  // An empty tsconfig: else esbuild reads packages/*/tsconfig.json beside each linked dist and its
  // paths send @wxmp/* imports to src/, and the matrix would test sources, not what users install.
  const tsconfig = join(outDir, 'tsconfig.json')
  writeFileSync(tsconfig, '{}')
  await build({
    tsconfig,
    stdin: { contents, resolveDir: here, sourcefile: `${entryName}.entry.mjs`, loader: 'js' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile,
    logLevel: 'silent',
    ...options,
  })
  return outfile
}

const importLines = (names) => names.map((n) => `import * as ${n} from '@wxmp/${n}'`).join('\n')

async function workerBundle() {
  return bundle(
    'worker.mjs',
    `import { runSmoke } from './smoke.mjs'
${importLines(built)}
const pkgs = { ${built.join(', ')} }
export default {
  async fetch(request) {
    return Response.json(await runSmoke(pkgs, await request.json()))
  },
}`,
    // What a Worker build uses: workerd/worker conditions, browser fallbacks, no Node built-ins.
    { platform: 'browser', conditions: ['workerd', 'worker', 'browser'] },
  )
}

async function runChromium(env) {
  const names = BROWSER_PACKAGES.filter((n) => built.includes(n))
  const script = readFileSync(
    await bundle(
      'browser.js',
      `import { runSmoke } from './smoke.mjs'
${importLines(names)}
window.__smoke = runSmoke({ ${names.join(', ')} }, JSON.parse(document.body.dataset.env))`,
      { platform: 'browser' },
    ),
  )
  // Served from http://127.0.0.1 (a secure context, so Web Crypto is there), never from disk.
  const html = `<!doctype html><meta charset="utf-8"><body data-env='${JSON.stringify(env).replace(/'/g, '&#39;')}'><script type="module" src="/smoke.js"></script>`
  const server = createServer((req, res) => {
    if (req.url === '/smoke.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: runtimes.find((r) => r.id === 'chromium').cmd,
    args: CHROMIUM_ARGS,
  })
  try {
    const page = await browser.newPage()
    const pageErrors = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(`http://127.0.0.1:${server.address().port}/`)
    await page.waitForFunction(() => window.__smoke !== undefined || document.readyState === 'complete')
    const result = await page.evaluate(() => window.__smoke ?? null)
    if (!result) return { steps: [{ name: 'load', status: 'fail', detail: pageErrors.join(' | ') || 'the page never ran the suite' }] }
    for (const message of pageErrors) result.steps.push({ name: 'page', status: 'fail', detail: message })
    return result
  } finally {
    await browser.close()
    server.close()
  }
}

const { startEmulator } = await import('@wxmp/emulator')
const emu = await startEmulator({ port: 0 })
let failed = 0
try {
  const workerPath = selected.some((r) => r.id === 'workerd') ? await workerBundle() : undefined
  // Each runtime writes to its own follower, whose 48-hour window is opened here.
  const runOne = async (rt, index) => {
    const openid = await emu.control.followerAt(index)
    await emu.control.interact(openid)
    const env = {
      runtime: rt.id,
      browser: Boolean(rt.inProcess),
      baseUrl: emu.url,
      appId: emu.appId,
      appSecret: emu.appSecret,
      openid,
      built,
    }
    const version = versionOf(rt.versionOf ?? rt.cmd)
    let result
    if (!rt.cmd || !existsSync(rt.cmd)) {
      result =
        rt.systemTool && !inCI()
          ? { steps: [{ name: 'install', status: 'skipped', detail: skipMessage(`the ${rt.id} leg`, rt.systemTool) }] }
          : {
              steps: [
                {
                  name: 'install',
                  status: 'fail',
                  detail: rt.systemTool
                    ? `${rt.systemTool} is not installed (CI=true: not skippable); install it with: ${INSTALL[rt.systemTool]}`
                    : `${rt.cmd} is missing (run pnpm install)`,
                },
              ],
            }
    } else if (rt.inProcess) {
      result = await rt
        .inProcess({ ...env, appSecret: undefined })
        .catch((error) => ({ steps: [{ name: 'launch', status: 'fail', detail: String(error?.message ?? error).split('\n')[0] }] }))
    } else {
      result = parseSmoke(
        await run(rt.cmd, workerPath && rt.id === 'workerd' ? [...rt.args, workerPath] : rt.args, { WXMP_SMOKE: JSON.stringify(env) }),
      )
    }
    // The message must really have arrived: read it back from the emulator's outbox.
    const send = result.steps.find((s) => s.sent && s.status === 'ok')
    if (send) {
      const outbox = await emu.control.outbox({ touser: openid })
      const want = `smoke from ${rt.id}`
      if (!outbox.some((m) => m.msgtype === 'text' && m.payload?.content === want)) {
        Object.assign(send, {
          status: 'fail',
          detail: `sent, but the outbox of ${openid} holds no "${want}": ${JSON.stringify(outbox.map((m) => m.payload)).slice(0, 200)}`,
        })
      }
    }
    return { rt, version, steps: result.steps }
  }
  // A few at a time: all seven at once on a busy CI machine only makes each slower.
  const results = new Array(selected.length)
  let next = 0
  const lane = async () => {
    while (next < selected.length) {
      const index = next++
      results[index] = await runOne(selected[index], index)
    }
  }
  await Promise.all([lane(), lane(), lane()])
  mkdirSync(outDir, { recursive: true })
  writeFileSync(
    join(outDir, 'results.json'),
    JSON.stringify(
      results.map(({ rt, version, steps }) => ({ runtime: rt.id, version, steps })),
      null,
      2,
    ),
  )
  console.log(`\nRuntime matrix (built dist against the emulator; built: ${built.join(', ')})`)
  for (const { rt, version, steps } of results) {
    const bad = steps.filter((s) => s.status === 'fail')
    const ok = steps.filter((s) => s.status === 'ok').map((s) => s.name)
    const notBuilt = steps.filter((s) => s.status === 'not built').map((s) => s.name)
    const skipped = steps.find((s) => s.status === 'skipped')
    if (skipped && bad.length === 0) {
      console.log(`skip ${`${rt.id} (${rt.name})`.padEnd(42)} ${skipped.detail}`)
      continue
    }
    if (bad.length > 0 || ok.length === 0) failed++
    const label = `${rt.id} (${rt.name} ${version ?? '?'})`.padEnd(42)
    const tail =
      bad.length > 0
        ? bad.map((s) => `${s.name}: ${s.detail}`).join('; ')
        : `${ok.length} ok: ${ok.join(', ')}${notBuilt.length ? `; not built: ${notBuilt.join(', ')}` : ''}`
    console.log(`${bad.length > 0 || ok.length === 0 ? 'FAIL' : 'ok  '} ${label} ${tail}`)
  }
} finally {
  await emu.close()
}
if (failed > 0) {
  console.error(`${failed} runtime(s) failed`)
  process.exit(1)
}
