#!/usr/bin/env node
// Packaging rules every published package follows (CONTRIBUTING.md, "Packaging rules"): checks each
// packages/*/package.json and prints one line per package; exits 1 on any problem. Works on
// sources alone (no build needed): publint and attw, which need the build, run per package in
// `pnpm check` (turbo, after build).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const packagesDir = join(root, 'packages')

/** Problems of one exports condition object: `types` first, and `import`/`require` each typed. */
function exportProblems(subpath, value, where = subpath) {
  if (typeof value === 'string')
    return subpath === './package.json' ? [] : [`exports["${where}"] is a bare path, not a types-first condition map`]
  if (value === null || typeof value !== 'object') return [`exports["${where}"] is ${JSON.stringify(value)}`]
  const problems = []
  const keys = Object.keys(value)
  if (keys.includes('types') && keys[0] !== 'types') problems.push(`exports["${where}"]: "types" must come first, got ${keys.join(', ')}`)
  if (keys.includes('default') && keys.at(-1) !== 'default') problems.push(`exports["${where}"]: "default" must come last`)
  for (const key of keys) {
    if (key === 'types' || key === 'default') continue
    const inner = value[key]
    if (inner !== null && typeof inner === 'object' && !('types' in inner)) problems.push(`exports["${where}"].${key} has no "types"`)
    problems.push(...exportProblems(subpath, inner, `${where}.${key}`))
  }
  return problems
}

async function checkPackage(dir) {
  const problems = []
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const short = dir.split('/').at(-1)
  if (pkg.private) problems.push('is private')
  // 0.0.0 is the placeholder of a package never versioned; changesets would publish it as is.
  if (!/^\d+\.\d+\.\d+/.test(pkg.version ?? '') || pkg.version === '0.0.0')
    problems.push(`version ${JSON.stringify(pkg.version)} is not a release version (0.0.0 is a placeholder)`)
  if (pkg.name !== `@wxmp/${short}`) problems.push(`name ${pkg.name}, expected @wxmp/${short}`)
  if (pkg.sideEffects !== false) problems.push(`sideEffects is ${JSON.stringify(pkg.sideEffects)}, not false`)
  if (JSON.stringify(pkg.files) !== '["dist"]') problems.push(`files is ${JSON.stringify(pkg.files)}, not ["dist"]`)
  if (pkg.type !== 'module') problems.push('type is not "module"')
  if (!pkg.engines?.node) problems.push('no engines.node')
  if (!pkg.license) problems.push('no license field')
  if (pkg.repository?.directory !== `packages/${short}`) problems.push(`repository.directory is ${pkg.repository?.directory}`)
  if (!pkg.types) problems.push('no top-level "types" (for tools that ignore exports)')
  // pnpm links bins at install, before any build: a bin inside dist/ warns once per dependent.
  for (const [cmd, file] of Object.entries(typeof pkg.bin === 'string' ? { [short]: pkg.bin } : (pkg.bin ?? {}))) {
    if (/^(\.\/)?dist\//.test(file)) problems.push(`bin ${cmd} points into dist/ (${file}); use a launcher outside dist/ that imports it`)
    else if (!existsSync(join(dir, file))) problems.push(`bin ${cmd}: ${file} does not exist`)
  }

  const entries = pkg.exports && typeof pkg.exports === 'object' ? Object.keys(pkg.exports) : []
  if (!entries.includes('.')) problems.push('exports has no "." entry')
  for (const subpath of entries) problems.push(...exportProblems(subpath, pkg.exports[subpath]))

  // API packages share the app's one client: core is a peer, never a dependency of their own.
  const usesCore = pkg.peerDependencies?.['@wxmp/core'] ?? pkg.dependencies?.['@wxmp/core']
  if (usesCore !== undefined && pkg.peerDependencies?.['@wxmp/core'] !== 'workspace:^')
    problems.push(`@wxmp/core must be a peer dependency "workspace:^", got ${JSON.stringify(usesCore)}`)
  for (const [dep, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
    if (dep.startsWith('@wxmp/') && !range.startsWith('workspace:')) problems.push(`${dep} range ${range} is not a workspace: range`)
  }

  const readme = existsSync(join(dir, 'README.md')) ? readFileSync(join(dir, 'README.md'), 'utf8') : undefined
  if (readme === undefined) problems.push('no README.md')
  else {
    // npm first (what a newcomer has), `-D` for the emulator, a test tool.
    if (!new RegExp(`npm install (-D )?${pkg.name}`).test(readme)) problems.push(`README has no install line (npm install ${pkg.name} ...)`)
    // The README is also the registry's page, where a relative link leads nowhere.
    const relative = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)]+)\)/g)].map((m) => m[1])
    if (relative.length > 0) problems.push(`README links relatively (dead on the registry's page): ${relative.join(', ')}`)
    if (!/```(ts|typescript|js)\n/.test(readme)) problems.push('README has no ts/js example')
  }
  if (!existsSync(join(dir, 'LICENSE'))) problems.push('no LICENSE')

  return { name: pkg.name ?? short, problems, summary: `${entries.filter((e) => e !== './package.json').length} entry point(s)` }
}

const dirs = readdirSync(packagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(packagesDir, d.name, 'package.json')))
  .map((d) => join(packagesDir, d.name))
let failed = 0
console.log('\nPackaging rules (sideEffects, types-first exports, files, README, LICENSE, ranges)')
for (const dir of dirs) {
  const { name, problems, summary } = await checkPackage(dir)
  if (problems.length > 0) failed++
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name.padEnd(16)} ${problems.length ? problems.join('; ') : summary}`)
}
if (failed > 0) {
  console.error(`${failed} package(s) break the packaging rules`)
  process.exit(1)
}
