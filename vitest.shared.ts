// Tests run against the packages' sources, not their builds: `@wxmp/<name>` and its subpaths
// resolve to `packages/<name>/src/<subpath>.ts` ("." is index.ts). Published builds are tested
// separately (publint, attw, size and the runtime matrix).
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type ViteUserConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

function aliases(): { find: RegExp; replacement: string }[] {
  const out: { find: RegExp; replacement: string }[] = []
  const dir = join(root, 'packages')
  for (const name of readdirSync(dir)) {
    const pkgFile = join(dir, name, 'package.json')
    if (!existsSync(pkgFile)) continue
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { name: string; exports?: Record<string, unknown> }
    for (const sub of Object.keys(pkg.exports ?? { '.': null })) {
      if (sub === './package.json') continue
      const file = sub === '.' ? 'index' : sub.slice(2)
      const escaped = (sub === '.' ? pkg.name : `${pkg.name}/${file}`).replace(/[/.@-]/g, (c) => `\\${c}`)
      out.push({ find: new RegExp(`^${escaped}$`), replacement: resolve(dir, name, 'src', `${file}.ts`) })
    }
  }
  return out
}

export function defineProject(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    resolve: { alias: aliases() },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // The JSON report feeds scripts/test-summary.mjs, which prints the repo-wide totals.
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest-report.json' },
      testTimeout: 30_000,
      hookTimeout: 30_000,
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      ...overrides,
    },
  })
}
