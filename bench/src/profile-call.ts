// A CPU profile of wxmp's per-call path, for finding where a call's time goes (not a benchmark:
// no figures). 20,000 `wx.request` GETs, 64 at a time, against the emulator in its own process:
//   pnpm --filter @wxmp/bench exec node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof src/profile-call.ts
// then open the .cpuprofile in Chrome DevTools (Performance) or speedscope. Uses the built packages.
import { createClient } from '@wxmp/core'
import { startEmulatorProcess } from './emulator'

const emu = await startEmulatorProcess(10)
try {
  const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
  await wx.request('/cgi-bin/getcallbackip')
  const calls = Number(process.argv[2] ?? 20_000)
  let next = 0
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next++ < calls) await wx.request('/cgi-bin/getcallbackip')
    }),
  )
} finally {
  await emu.close()
}
