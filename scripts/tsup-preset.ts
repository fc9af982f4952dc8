// One build recipe for every package: ESM + CJS + .d.ts, nothing minified (users' bundlers do that).
//
// The ESM build is emitted one file per source module (dist/<path>.js mirroring src/<path>.ts,
// relative imports rewritten to `.js`), not one bundle per entry: with `sideEffects: false` a
// user's bundler then drops whole unused modules, as it does from the sources. In a single-file
// bundle the top-level code of every module sits side by side and bundlers keep what they cannot
// prove pure (classes with computed symbol keys, `Symbol.for(...)` calls), so unused error classes
// and helpers rode along (issue 17). It also means `.` and a `/node` subpath share one copy of the
// modules they both use. CJS stays one bundle per entry (CJS is not tree-shaken).
import { existsSync, rmSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { buildSync, type Plugin } from 'esbuild'
import type { Options } from 'tsup'

export interface PresetOptions {
  /** Entry points by output name, e.g. `{ index: 'src/index.ts', errcodes: 'src/errcodes.ts' }`. */
  entry: Record<string, string>
  /** `node` only for packages that may use Node built-ins (emulator, redis, `/node` subpaths). */
  platform?: 'neutral' | 'node'
  /** ESM-only dependencies that the CJS build must inline so `require()` works on every Node 20. */
  inlineForCjs?: string[]
  /** Emit ESM one file per module (default true; false gives one ESM bundle per entry). */
  perModule?: boolean
}

let cleaned = false

export function preset({ entry, platform = 'neutral', inlineForCjs = [], perModule = true }: PresetOptions): Options[] {
  // tsup runs the builds side by side; a `clean` in any could delete the others' output, so dist/
  // is emptied once, here, before any starts (a package may call preset() more than once).
  if (!cleaned) rmSync('dist', { recursive: true, force: true })
  cleaned = true
  const common: Options = {
    platform,
    target: 'es2022',
    sourcemap: false,
    splitting: false,
    tsconfig: 'tsconfig.build.json',
  }
  const esm: Options = perModule
    ? {
        ...common,
        entry: moduleEntries(entry, platform),
        format: 'esm',
        dts: { entry },
        treeshake: false,
        esbuildPlugins: [relativeImportsExternal()],
      }
    : { ...common, entry, format: 'esm', dts: true, treeshake: true }
  return [esm, { ...common, entry, format: 'cjs', dts: true, treeshake: true, noExternal: inlineForCjs }]
}

/**
 * Every source module the entries reach through relative imports, named by its path under src/
 * (`{ index: 'src/index.ts', 'internal/wire': 'src/internal/wire.ts' }`). Found by esbuild itself
 * (a metafile of a throwaway bundle), so it follows the same resolution as the build.
 */
function moduleEntries(entry: Record<string, string>, platform: 'neutral' | 'node'): Record<string, string> {
  const { metafile } = buildSync({
    entryPoints: Object.values(entry),
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform,
    format: 'esm',
    outdir: 'dist',
    logLevel: 'silent',
    tsconfig: 'tsconfig.build.json',
  })
  const modules: Record<string, string> = {}
  for (const input of Object.keys(metafile.inputs)) {
    if (!input.startsWith('src/') || !/\.(ts|tsx|mts)$/.test(input)) {
      throw new Error(`tsup-preset: ${input} is reached from ${Object.values(entry).join(', ')} but is not a TypeScript module under src/`)
    }
    modules[input.slice('src/'.length).replace(/\.(ts|tsx|mts)$/, '')] = input
  }
  for (const [name, file] of Object.entries(entry)) {
    if (modules[name] !== file) throw new Error(`tsup-preset: entry ${name} must be src/${name}.ts for a per-module build, got ${file}`)
  }
  return modules
}

/** Keeps relative imports as imports of the sibling output file (`./client` -> `./client.js`). */
function relativeImportsExternal(): Plugin {
  return {
    name: 'wxmp-relative-imports-external',
    setup(build) {
      build.onResolve({ filter: /^\.\.?(\/|$)/ }, (args) => {
        if (args.kind === 'entry-point') return undefined
        const target = resolve(args.resolveDir, args.path)
        const spec = (to: string) => {
          const rel = relative(args.resolveDir, to).replace(/\\/g, '/')
          return rel.startsWith('.') ? rel : `./${rel}`
        }
        for (const ext of ['.ts', '.tsx', '.mts']) {
          if (existsSync(target + ext)) return { path: spec(target + '.js'), external: true }
          if (target.endsWith('.js') && existsSync(target.slice(0, -3) + ext)) return { path: spec(target), external: true }
        }
        if (existsSync(target) && statSync(target).isDirectory() && existsSync(join(target, 'index.ts'))) {
          return { path: spec(join(target, 'index.js')), external: true }
        }
        return {
          errors: [
            {
              text: `cannot map ${args.path} (from ${relative(process.cwd(), args.importer)}) to a module under ${dirname(args.importer)}`,
            },
          ],
        }
      })
    },
  }
}
