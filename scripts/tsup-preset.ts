// One build recipe for every package: ESM + CJS + .d.ts, nothing minified (users' bundlers do that).
import { rmSync } from 'node:fs'
import type { Options } from 'tsup'

export interface PresetOptions {
  /** Entry points by output name, e.g. `{ index: 'src/index.ts', errcodes: 'src/errcodes.ts' }`. */
  entry: Record<string, string>
  /** `node` only for packages that may use Node built-ins (emulator, redis, `/node` subpaths). */
  platform?: 'neutral' | 'node'
  /** ESM-only dependencies that the CJS build must inline so `require()` works on every Node 20. */
  inlineForCjs?: string[]
}

export function preset({ entry, platform = 'neutral', inlineForCjs = [] }: PresetOptions): Options[] {
  // tsup runs the two builds side by side; a `clean` in either could delete the other's output,
  // so dist/ is emptied once, here, before both start.
  rmSync('dist', { recursive: true, force: true })
  const common: Options = {
    entry,
    platform,
    target: 'es2022',
    sourcemap: false,
    splitting: false,
    treeshake: true,
    tsconfig: 'tsconfig.build.json',
  }
  return [
    { ...common, format: 'esm', dts: true },
    { ...common, format: 'cjs', dts: true, noExternal: inlineForCjs },
  ]
}
