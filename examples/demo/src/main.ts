// Entry of `pnpm demo`: runs every step and exits non-zero if one failed. With `--keep`
// (`pnpm demo --keep`) the emulator and a receiver stay up for the console until Ctrl-C.
import { runDemo } from './demo'

const keep = process.argv.includes('--keep')
const result = await runDemo(console.log, { keep })
if (result.failed.length > 0) process.exitCode = 1
if (result.stop) {
  const stop = result.stop
  const end = () =>
    void stop().then(() => {
      // pnpm reports the script failed (signal "SIGINT", ELIFECYCLE) after a Ctrl-C whatever the script does: say it ended well.
      console.log('\nStopped: the emulator and the receiver are closed.')
      process.exit(process.exitCode ?? 0)
    })
  process.once('SIGINT', end)
  process.once('SIGTERM', end)
}
