// Entry for the runtimes that run a file: Node (any version), Bun and Deno. Imports the built
// packages through their package exports (runtimes/node_modules links them), runs the smoke suite
// and prints one `SMOKE <json>` line for the harness. Config comes in WXMP_SMOKE (JSON).
import { runSmoke } from './smoke.mjs'

const env = JSON.parse(process.env.WXMP_SMOKE ?? fail('WXMP_SMOKE is not set'))
// Literal specifiers, so every runtime (Deno included) resolves them the same way.
const loaders = {
  core: () => import('@wxmp/core'),
  custom: () => import('@wxmp/custom'),
  jssdk: () => import('@wxmp/jssdk'),
  media: () => import('@wxmp/media'),
  menu: () => import('@wxmp/menu'),
  oauth: () => import('@wxmp/oauth'),
  publish: () => import('@wxmp/publish'),
  qrcode: () => import('@wxmp/qrcode'),
  server: () => import('@wxmp/server'),
  user: () => import('@wxmp/user'),
}

function fail(message) {
  throw new Error(message)
}

const pkgs = {}
const importErrors = []
// The harness lists the packages whose dist exists: failing to import one of those is a failure.
for (const name of env.built) {
  if (!loaders[name]) continue
  try {
    pkgs[name] = await loaders[name]()
  } catch (error) {
    importErrors.push({ name: `import @wxmp/${name}`, status: 'fail', detail: String(error?.message ?? error).split('\n')[0] })
  }
}
const result = await runSmoke(pkgs, env)
result.steps.unshift(...importErrors)
console.log(`SMOKE ${JSON.stringify(result)}`)
