#!/usr/bin/env node
// Release-style smoke test: what a user gets from the registry, tried as a user would try it. Every
// package is packed (`pnpm pack`, workspace ranges rewritten), the tarballs are installed with plain
// npm into a fresh project outside the workspace, and that project then
//   - imports every entry point as ESM and requires it as CommonJS,
//   - type-checks an app using every entry point with `tsc --strict`, once with
//     `moduleResolution: bundler` and once with `nodenext`,
//   - bundles an app importing every runtime-neutral entry point with `esbuild --platform=neutral`
//     (what edge runtimes get), which fails on any dependency that only a Node resolver can find.
// Needs the build (`pnpm build`) and the npm registry (for the packages' own dependencies).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const keep = process.argv.includes('--keep')
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))

const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'packages', d.name, 'package.json')))
  .map((d) => ({ dir: join(root, 'packages', d.name), pkg: readJson(join(root, 'packages', d.name, 'package.json')) }))
  .filter(({ pkg }) => !pkg.private)

/** Every importable specifier of a package: `@wxmp/x` and `@wxmp/x/sub`, from its exports map. */
const specifiers = ({ pkg }) =>
  Object.keys(pkg.exports)
    .filter((k) => k !== './package.json')
    .map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`))
// Node-only by design: the emulator (a Node server) and the `/node` subpaths. The rest must bundle for any runtime.
const nodeOnly = (spec) => spec === '@wxmp/emulator' || spec.endsWith('/node')

let failed = 0
const line = (ok, text, detail = '') => {
  if (!ok) failed++
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${text}${ok || !detail ? '' : `\n     ${String(detail).trim().split('\n').slice(-12).join('\n     ')}`}`,
  )
}
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
const attempt = (title, fn) => {
  try {
    const note = fn()
    line(true, `${title}${note ? `: ${note}` : ''}`)
  } catch (error) {
    line(false, title, `${error.stdout ?? ''}${error.stderr ?? ''}` || error.message)
  }
}

console.log('\nPacked-tarball smoke test (npm install into a fresh project; ESM, CJS, tsc bundler + nodenext, esbuild neutral)')
const unbuilt = packages.filter(({ dir }) => !existsSync(join(dir, 'dist')))
if (unbuilt.length > 0) {
  console.log(`FAIL not built: ${unbuilt.map(({ pkg }) => pkg.name).join(', ')} (run pnpm build first)`)
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'wxmp-smoke-'))
const tarballs = join(work, 'tarballs')
const app = join(work, 'app')
mkdirSync(tarballs)
mkdirSync(app)
try {
  for (const { dir } of packages) run('pnpm', ['pack', '--pack-destination', tarballs], dir)
  const files = readdirSync(tarballs)
    .filter((f) => f.endsWith('.tgz'))
    .map((f) => join(tarballs, f))
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'wxmp-smoke-app', private: true, type: 'module' }, null, 2))
  const typesNode = readJson(join(root, 'node_modules/@types/node/package.json')).version
  attempt(`npm install ${files.length} tarballs`, () => {
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files, `@types/node@${typesNode}`], app)
  })

  const specs = packages.flatMap(specifiers)
  writeFileSync(
    join(app, 'esm.mjs'),
    `${specs.map((s, i) => `import * as m${i} from '${s}'`).join('\n')}
const empty = [${specs.map((s, i) => `['${s}', m${i}]`).join(', ')}].filter(([, m]) => Object.keys(m).length === 0).map(([s]) => s)
if (empty.length) throw new Error('no exports: ' + empty.join(', '))
`,
  )
  attempt(`ESM: import ${specs.length} entry points`, () => run('node', ['esm.mjs'], app))
  writeFileSync(
    join(app, 'cjs.cjs'),
    `const specs = ${JSON.stringify(specs)}
const empty = specs.filter((s) => Object.keys(require(s)).length === 0)
if (empty.length) throw new Error('no exports: ' + empty.join(', '))
`,
  )
  attempt(`CJS: require ${specs.length} entry points`, () => run('node', ['cjs.cjs'], app))

  // An app using the shared client type across packages, so one copy of core's types serves all.
  const apiPackages = packages.filter(({ pkg }) => pkg.peerDependencies?.['@wxmp/core'])
  writeFileSync(
    join(app, 'app.ts'),
    `${specs.map((s, i) => `import * as m${i} from '${s}'`).join('\n')}
import { createClient, type WeChatClient } from '@wxmp/core'
export const wx: WeChatClient = createClient({ appId: 'wx0123456789abcdef', appSecret: 'secret' })
export const entries = [${specs.map((_, i) => `m${i}`).join(', ')}]
`,
  )
  const tsc = join(root, 'node_modules/typescript/bin/tsc')
  const tsconfig = (options) =>
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        target: 'es2022',
        lib: ['es2022', 'dom'],
        types: ['node'],
        ...options,
      },
      files: ['app.ts'],
    })
  for (const [label, options] of [
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
  ]) {
    writeFileSync(join(app, `tsconfig.${label}.json`), tsconfig(options))
    attempt(`tsc --strict, moduleResolution ${label}, ${apiPackages.length + 1} packages sharing one client type`, () =>
      run('node', [tsc, '-p', `tsconfig.${label}.json`], app),
    )
  }

  const neutral = specs.filter((s) => !nodeOnly(s))
  writeFileSync(join(app, 'edge.mjs'), `${neutral.map((s, i) => `export * as m${i} from '${s}'`).join('\n')}\n`)
  const esbuild = await import(join(root, 'node_modules/esbuild/lib/main.js'))
  try {
    const result = await esbuild.build({
      entryPoints: [join(app, 'edge.mjs')],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      minify: true,
      write: false,
      absWorkingDir: app,
      logLevel: 'silent',
    })
    line(
      true,
      `esbuild --platform=neutral: ${neutral.length} entry points bundle (${(result.outputFiles[0].contents.length / 1024).toFixed(1)} KB minified)`,
    )
  } catch (error) {
    line(
      false,
      `esbuild --platform=neutral: ${neutral.length} entry points`,
      (error.errors ?? []).map((e) => `${e.text} (${e.location?.file ?? ''})`).join('\n') || error.message,
    )
  }
} finally {
  if (keep) console.log(`kept ${work}`)
  else rmSync(work, { recursive: true, force: true })
}
console.log(failed ? `${failed} smoke check(s) failed` : 'packed packages install and load as a user gets them')
process.exit(failed ? 1 : 0)
