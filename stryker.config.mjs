// StrykerJS, one package per run: scripts/mutation.mjs sets WXMP_MUTATION_PACKAGE (and, for a
// run over changed files only, WXMP_MUTATE) and runs `stryker run stryker.config.mjs` once per
// package, because the vitest runner takes one vitest config (stryker/vitest.config.ts).
// The files are globs, not names, so they still match when a file is split by concern
// (transport.ts into transport / timeout-slots / binary / scrub, server.ts into verify / dedup / ...).
// See DEVELOPING.md "Mutation testing".

/** @type {Record<string, string[]>} What is mutated, per package: where a silent bug hurts users most. */
export const TARGETS = {
  core: ['packages/core/src/{credential-cache,retry,redact,transport,validate,json,binary,timeout-slots,scrub}*.ts'],
  server: ['packages/server/src/{verify,crypto,dedup,server}*.ts', 'packages/server/src/internal/{crypto,node-crypto,native-crypto}.ts'],
  redis: ['packages/redis/src/internal/{scripts,lock}.ts'],
}

const pkg = process.env.WXMP_MUTATION_PACKAGE ?? 'core'
if (!(pkg in TARGETS)) throw new Error(`stryker.config.mjs: unknown WXMP_MUTATION_PACKAGE ${pkg}`)
const only = process.env.WXMP_MUTATE ? process.env.WXMP_MUTATE.split(';') : undefined
// A run over part of a package reports beside the others (scripts/mutation.mjs merges them by file).
const report = process.env.WXMP_MUTATION_REPORT ?? pkg

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // By path: pnpm keeps the runner out of the folder where Stryker looks for its plugins.
  plugins: [import.meta.resolve('@stryker-mutator/vitest-runner'), import.meta.resolve('./stryker/live-reporter.mjs')],
  vitest: { configFile: 'stryker/vitest.config.ts' },
  // Each mutant runs only the tests that reach it (found in the first, unmutated run).
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants: the secret key list, regexes, the Lua scripts) cannot
  // be tied to tests, so each runs the package's whole suite. In core that is 320 of 1,041 mutants
  // and 3/4 of the time: skipped there unless WXMP_MUTATION_STATIC=1, their behaviours pinned by
  // named tests instead. The server's and redis's suites are small enough to run them.
  ignoreStatic: process.env.WXMP_MUTATION_STATIC === '0' || (pkg === 'core' && process.env.WXMP_MUTATION_STATIC !== '1'),
  mutate: [...(only ?? TARGETS[pkg]), '!**/*.test.ts', '!**/*.test-d.ts'],
  // What the sandbox needs: the packages' sources and configs (node_modules are linked, not copied).
  ignorePatterns: [
    '.stryker-tmp*',
    'bench',
    'examples',
    'runtimes',
    'conformance',
    'docs',
    'reports',
    '**/dist',
    '**/.turbo',
    '**/.vitest-report.json',
  ],
  // The machine is shared; 2 test processes at most (CI has 2 cores).
  concurrency: Number(process.env.WXMP_MUTATION_CONCURRENCY ?? 2),
  // A mutant that makes a call hang (a timer never cleared) is caught as a timeout, not waited on.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  // Equivalent mutants are excluded in stryker/equivalent.json (kept out of the sources others
  // edit) and the floor is checked by scripts/mutation.mjs on the score without them.
  thresholds: { high: 95, low: 90, break: null },
  reporters: ['progress', 'clear-text', 'html', 'json', 'live'],
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  // Reruns test only the mutants whose code or tests changed since the last run on this machine.
  incremental: process.env.WXMP_MUTATION_INCREMENTAL === '1',
  incrementalFile: `reports/mutation/${report}.incremental.json`,
  // One per package, so two packages can run at once without removing each other's sandbox.
  tempDirName: `.stryker-tmp-${report}`,
  cleanTempDir: 'always',
}
