// Cold start of one side: a fresh node process imports the SDK, creates a client and makes the
// first call (token fetch included). Prints milliseconds since the process started (Node's own
// time origin), so process spawn cost is the same for every side and not counted twice.
import { performance } from 'node:perf_hooks'

const side = process.argv[2]
const {
  WXMP_BENCH_URL: url,
  WXMP_BENCH_APPID: appId,
  WXMP_BENCH_SECRET: appSecret,
  WXMP_BENCH_MODE: mode,
  WXMP_BENCH_OPENID: openid,
} = process.env
const mod = await import(`./${side}.mjs`)
const imported = performance.now()
const client = await mod.create({ url, appId, appSecret, mode })
await client.call(openid)
const done = performance.now()
process.stdout.write(JSON.stringify({ importMs: imported, totalMs: done }) + '\n')
process.exit(0)
