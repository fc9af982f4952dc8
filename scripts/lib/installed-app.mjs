// A throwaway app directory holding the packages as a user installs them: node_modules/@wxmp/<name>
// is a COPY of the package's package.json and dist/ (what `files: ["dist"]` publishes), so nothing
// resolves to src/ through the monorepo's tsconfig paths; each package's own dependencies
// (ky, fast-xml-parser, ...) are linked from where pnpm installed them. Size budgets and the
// tree-shaking proof bundle from here (issue 17: bundling from examples/demo measured the sources).
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Creates the app dir; `anchors` names libraries to link too (for comparison). `built` lists the @wxmp packages that have a dist/ (the others are absent,
 * so importing them fails as "not built"). Call `dispose()` when done.
 * @returns {{ dir: string, tsconfig: string, built: string[], exportsOf: (spec: string) => string[] | undefined, dispose: () => void }}
 */
export function createInstalledApp({ anchors = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-installed-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }))
  // An empty tsconfig, passed to esbuild explicitly, so no tsconfig of the monorepo is consulted.
  const tsconfig = join(dir, 'tsconfig.json')
  writeFileSync(tsconfig, '{}')
  const modules = join(dir, 'node_modules')
  const built = []
  const linked = new Set()
  for (const name of readdirSync(join(root, 'packages'))) {
    const src = join(root, 'packages', name)
    if (!existsSync(join(src, 'package.json')) || !existsSync(join(src, 'dist'))) continue
    const pkg = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'))
    if (pkg.private) continue
    const dest = join(modules, pkg.name)
    mkdirSync(dest, { recursive: true })
    cpSync(join(src, 'package.json'), join(dest, 'package.json'))
    cpSync(join(src, 'dist'), join(dest, 'dist'), { recursive: true })
    built.push(pkg.name)
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
      if (dep.startsWith('@wxmp/') || linked.has(dep)) continue
      const from = join(src, 'node_modules', dep)
      if (!existsSync(from)) continue
      mkdirSync(dirname(join(modules, dep)), { recursive: true })
      symlinkSync(realpathSync(from), join(modules, dep), 'dir')
      linked.add(dep)
    }
  }
  // Libraries measured beside the packages (size anchors such as ky), from wherever the workspace has them.
  for (const dep of anchors) {
    if (linked.has(dep)) continue
    const from = [
      join(root, 'node_modules', dep),
      ...readdirSync(join(root, 'packages')).map((n) => join(root, 'packages', n, 'node_modules', dep)),
      join(root, 'bench/node_modules', dep),
    ].find((p) => existsSync(p))
    if (!from) continue
    mkdirSync(dirname(join(modules, dep)), { recursive: true })
    symlinkSync(realpathSync(from), join(modules, dep), 'dir')
    linked.add(dep)
  }
  const require = createRequire(join(dir, 'app.cjs'))
  return {
    dir,
    tsconfig,
    built,
    /** The names a specifier exports (through the package's exports map), or undefined when it cannot be loaded. */
    exportsOf(spec) {
      try {
        return Object.keys(require(spec))
      } catch {
        return undefined
      }
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
}
