// Runs the bundled smoke Worker in workerd through miniflare (needs Node >= 22: the harness starts
// this file with the registry's node@22). Argument: the bundle path; config in WXMP_SMOKE.
import { Miniflare } from 'miniflare'
import { readFileSync } from 'node:fs'

const script = readFileSync(process.argv[2], 'utf8')
const mf = new Miniflare({
  modules: true,
  script,
  compatibilityDate: '2025-09-01',
  // No nodejs_compat flag: the runtime entries must not need Node built-ins.
})
try {
  const res = await mf.dispatchFetch('http://smoke.local/', { method: 'POST', body: process.env.WXMP_SMOKE })
  const text = await res.text()
  if (!res.ok) throw new Error(`the Worker answered HTTP ${res.status}: ${text.slice(0, 300)}`)
  console.log(`SMOKE ${text}`)
} finally {
  await mf.dispose()
}
