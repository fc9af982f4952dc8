// The vitest config Stryker runs a package's tests with: the package's own (vitest.shared.ts, with
// its source aliases), rooted at packages/$WXMP_MUTATION_PACKAGE, minus what only costs time per
// mutant: the type tests (tsc), the JSON report for scripts/test-summary.mjs and the load tests
// (stryker/skip-load-tests.ts).
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineProject } from '../vitest.shared.ts'

const pkg = process.env.WXMP_MUTATION_PACKAGE
if (!pkg) throw new Error('stryker/vitest.config.ts: set WXMP_MUTATION_PACKAGE (scripts/mutation.mjs does)')
const root = resolve(fileURLToPath(new URL('..', import.meta.url)), 'packages', pkg)

const setupFiles = [fileURLToPath(new URL('./skip-load-tests.ts', import.meta.url))]
export default { ...defineProject({ typecheck: { enabled: false }, reporters: ['default'], setupFiles }), root }
