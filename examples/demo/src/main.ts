// Entry of `pnpm demo`: runs every step and exits non-zero if one failed.
import { runDemo } from './demo'

const result = await runDemo()
if (result.failed.length > 0) process.exitCode = 1
